namespace S3Spec.Auth.Settings;

/// <summary>Settings of the authentication layer.</summary>
public sealed class AuthOptions
{
    /// <summary>The datacenter id clients sign with; matched case-insensitively.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Also accept us-east-1, which clients use when their region is left blank.</summary>
    public bool AcceptUsEast1 { get; set; } = true;

    /// <summary>The largest accepted difference between the request time and the server time (inclusive).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The JSON keys file; reloaded when its modification time changes.</summary>
    public string? KeysFile { get; set; }

    /// <summary>How often <see cref="Keys.FileKeyStore.Find"/> looks at the keys file at most.</summary>
    public TimeSpan KeysReloadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>One extra access key (with <see cref="SecretKey"/>) that may use all volumes.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }
}
