namespace S3Spec.Server.Protocol;

/// <summary>Per-request state of the request body that decides whether the connection may carry another request.</summary>
internal sealed class RequestBodyState
{
    /// <summary>The body went silent for longer than the idle timeout: the rest will not be read.</summary>
    public bool Abandoned { get; set; }
}
