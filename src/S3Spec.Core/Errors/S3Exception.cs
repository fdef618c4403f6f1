namespace S3Spec.Core.Errors;

/// <summary>
/// An S3 error raised anywhere below the HTTP layer. The host turns it into the S3 XML error body.
/// <see cref="Details"/> carries extra elements S3 puts into some error bodies (for example the
/// expected Region of AuthorizationHeaderMalformed); they are written after Code/Message/Resource.
/// </summary>
public sealed class S3Exception : Exception
{
    public S3Exception(S3Error error, string? message = null, Exception? inner = null)
        : base(message ?? error.Message, inner)
    {
        Error = error;
    }

    public S3Exception()
        : this(S3Errors.InternalError)
    {
    }

    public S3Exception(string message)
        : this(S3Errors.InternalError, message)
    {
    }

    public S3Exception(string message, Exception innerException)
        : this(S3Errors.InternalError, message, innerException)
    {
    }

    public S3Error Error { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];
}
