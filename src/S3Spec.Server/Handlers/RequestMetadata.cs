using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;
using S3Spec.Storage;

namespace S3Spec.Server.Handlers;

/// <summary>Reads the content headers and x-amz-meta-* headers a write stores with an object.</summary>
internal static class RequestMetadata
{
    /// <summary>S3's limit on user metadata: names and values, as bytes on the wire, together.</summary>
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
            var text = Stored(name, value);

            // Header strings hold one char per byte (HeaderBytes), so their lengths are their sizes on the wire.
            size += key.Length + text.Length;
            user[key] = text;
        }

        if (size > MaxUserMetadataBytes)
        {
            throw new S3Exception(S3Errors.MetadataTooLarge, $"Your metadata headers exceed the maximum allowed metadata size of {MaxUserMetadataBytes} bytes.");
        }

        return new ObjectMetadata
        {
            ContentType = Values.OrNull(Stored(HeaderNames.ContentType, headers.ContentType)),
            ContentEncoding = StoredContentEncoding(Stored(HeaderNames.ContentEncoding, headers.ContentEncoding)),
            ContentDisposition = Values.OrNull(Stored(HeaderNames.ContentDisposition, headers.ContentDisposition)),
            ContentLanguage = Values.OrNull(Stored(HeaderNames.ContentLanguage, headers.ContentLanguage)),
            CacheControl = Values.OrNull(Stored(HeaderNames.CacheControl, headers.CacheControl)),
            Expires = Values.OrNull(Stored(HeaderNames.Expires, headers.Expires)),
            User = user,
        };
    }

    /// <summary>
    /// "aws-chunked" describes the transfer, not the object: its entries are removed and never stored or returned;
    /// the rest is kept as sent (e.g. "deflate, gzip" stays "deflate, gzip").
    /// </summary>
    public static string? StoredContentEncoding(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var entries = header.Split(',');
        if (!Array.Exists(entries, IsAwsChunked))
        {
            return header.Trim();
        }

        var kept = Array.FindAll(entries, e => !IsAwsChunked(e) && !string.IsNullOrWhiteSpace(e));
        var rest = string.Join(',', kept).Trim();
        return rest.Length == 0 ? null : rest;
    }

    private static bool IsAwsChunked(string entry) => entry.Trim().Equals("aws-chunked", StringComparison.OrdinalIgnoreCase);

    /// <summary>A header value as it is stored: its bytes (one char each), refused when it holds a control byte.</summary>
    private static string Stored(string name, StringValues value)
    {
        var text = value.ToString();
        HeaderBytes.RequireStorable(name, text);
        return text;
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
