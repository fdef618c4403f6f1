using S3Spec.Core.Checksums;
using System.Globalization;
using S3Spec.Auth;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Requests;

/// <summary>
/// The typed state of one S3 request, set once by the middleware that learns it and read by everything below:
/// the target (S3TargetMiddleware), the authentication (SigV4Middleware), the operation's traits (after routing),
/// the object length the body declares and, once the body stream has ended, the checksums it verified.
/// </summary>
internal sealed class S3RequestContext(S3Target target)
{
    private AuthContext? _auth;
    private OperationTraits? _operation;
    private bool _operationSet;
    private long? _objectLength;
    private bool _objectLengthRead;

    public S3Target Target { get; } = target;

    public AuthContext Auth => _auth ?? throw new InvalidOperationException("The request was not authenticated.");

    public bool IsAuthenticated => _auth is not null;

    /// <summary>The traits of the operation routing selected; null when no operation accepts the request (NotImplemented).</summary>
    public OperationTraits? Operation
    {
        get => _operationSet ? _operation : throw new InvalidOperationException("The operation is not known before routing.");
    }

    /// <summary>Whether the request writes: by the operation's trait, or by its method when no operation accepts it.</summary>
    public bool Writes(string method) =>
        Operation?.Writes ?? (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method));

    /// <summary>The checksums the body stream verified; empty until the body ended.</summary>
    public ChecksumSet VerifiedChecksums => Auth.Checksums;

    public void Authenticated(AuthContext auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        if (_auth is not null)
        {
            throw new InvalidOperationException("The request was already authenticated.");
        }

        _auth = auth;
    }

    public void Routed(OperationTraits? operation)
    {
        if (_operationSet)
        {
            throw new InvalidOperationException("The operation was already set.");
        }

        _operation = operation;
        _operationSet = true;
    }

    /// <summary>
    /// The length of the object a body carries: the decoded length of an aws-chunked body (x-amz-decoded-content-length,
    /// read once by the authenticator), else that header when sent with a plain body, else Content-Length; null for a
    /// body of unknown length (Transfer-Encoding). No length at all is MissingContentLength.
    /// </summary>
    public long? ObjectLength(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_objectLengthRead)
        {
            _objectLength = ReadObjectLength(request);
            _objectLengthRead = true;
        }

        return _objectLength;
    }

    private long? ReadObjectLength(HttpRequest request)
    {
        if (Auth.DecodedContentLength is { } decodedLength)
        {
            return decodedLength;
        }

        var decoded = request.Headers["x-amz-decoded-content-length"].ToString();
        if (decoded.Length > 0)
        {
            if (!long.TryParse(decoded, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                throw new S3Exception(S3Errors.InvalidArgument, "x-amz-decoded-content-length is not a valid length.");
            }

            return length;
        }

        if (request.ContentLength is { } contentLength)
        {
            return contentLength;
        }

        if (request.Headers.TransferEncoding.Count == 0)
        {
            throw new S3Exception(S3Errors.MissingContentLength);
        }

        return null;
    }
}
