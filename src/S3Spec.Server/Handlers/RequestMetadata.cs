using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Storage;

namespace S3Spec.Server.Handlers;

/// <summary>Reads the content headers and x-amz-meta-* headers a write stores with an object.</summary>
internal static class RequestMetadata
{
    /// <summary>S3's limit on user metadata: names and values, UTF-8, together.</summary>
    public const int MaxUserMetadataBytes = 2048;

    private const string UserPrefix = "x-amz-meta-";

    public static ObjectMetadata FromHeaders(IHeaderDictionary headers)
    {
        var user = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var (name, value) in headers)
        {
            if (!name.StartsWith(UserPrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = name[UserPrefix.Length..].ToLowerInvariant();
            var text = value.ToString();
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(text);
            user[key] = text;
        }

        if (size > MaxUserMetadataBytes)
        {
            throw new S3Exception(S3Errors.MetadataTooLarge, $"Your metadata headers exceed the maximum allowed metadata size of {MaxUserMetadataBytes} bytes.");
        }

        return new ObjectMetadata
        {
            ContentType = Values.OrNull(headers.ContentType),
            ContentEncoding = StoredContentEncoding(headers.ContentEncoding.ToString()),
            ContentDisposition = Values.OrNull(headers.ContentDisposition),
            ContentLanguage = Values.OrNull(headers.ContentLanguage),
            CacheControl = Values.OrNull(headers.CacheControl),
            Expires = Values.OrNull(headers.Expires),
            User = user,
        };
    }

    /// <summary>
    /// "aws-chunked" describes the transfer, not the object: it is removed (with any empty entries) and never
    /// stored or returned; the remaining codings (e.g. gzip) are kept.
    /// </summary>
    public static string? StoredContentEncoding(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var kept = new StringBuilder();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (kept.Length > 0)
            {
                kept.Append(',');
            }

            kept.Append(part);
        }

        return kept.Length == 0 ? null : kept.ToString();
    }

    /// <summary>Decodes Content-MD5 (base64 of 16 bytes); anything else is InvalidDigest.</summary>
    public static ReadOnlyMemory<byte>? ContentMd5(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var bytes = new byte[16];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var written) || written != 16)
        {
            throw new S3Exception(S3Errors.InvalidDigest);
        }

        return bytes;
    }

    /// <summary>
    /// The request's Content-MD5, decoded: null when the header is not sent; sent, it must be the base64 of 16 bytes
    /// (empty, blank, invalid base64, another length: InvalidDigest).
    /// </summary>
    public static ReadOnlyMemory<byte>? ContentMd5(IHeaderDictionary headers)
        => headers.TryGetValue("Content-MD5", out var value) ? ContentMd5(value.ToString()) : null;
}
