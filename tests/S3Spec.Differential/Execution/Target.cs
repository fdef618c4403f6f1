namespace S3Spec.Differential.Execution;

/// <summary>One server under test: its name in reports, endpoint and the bucket of the current sequence.</summary>
internal sealed record Target(string Name, Uri Endpoint)
{
    public const string AccessKey = "DIFFKEY";
    public const string SecretKey = "diff-secret-key-0123456789";
    public const string Region = "us-east-1";

    public static SigningCredentials Credentials { get; } = new(AccessKey, SecretKey, Region);

    public string Host => $"127.0.0.1:{Endpoint.Port}";
}

/// <summary>A client stack: sends a resolved step to a target and reports the answer as an <see cref="Outcome"/>.</summary>
internal interface IClientStack : IAsyncDisposable
{
    Task<Outcome> SendAsync(Target target, string bucket, Model.Step step, CancellationToken cancellationToken);
}
