namespace S3Spec.Auth.Signing;

/// <summary>The parts of an HTTP request that Signature V4 covers, as the client sent them.</summary>
public sealed class SigV4Request
{
    /// <summary>The HTTP method, upper-case.</summary>
    public required string Method { get; init; }

    /// <summary>The path exactly as sent: still percent-encoded, without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>The query as sent, without the leading '?'; empty when there is none.</summary>
    public string RawQuery { get; init; } = "";

    /// <summary>Request headers; names compared case-insensitively; repeated headers joined with ",".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
}
