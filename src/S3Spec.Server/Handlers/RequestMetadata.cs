using Microsoft.Net.Http.Headers;
using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;
using S3Spec.Server.Requests;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>The content headers a write stores, as sent.</summary>
/// <param name="ContentType">Content-Type as sent (null: not sent); likewise the others.</param>
internal sealed record ContentHeaders(string? ContentType, string? ContentEncoding, string? ContentDisposition, string? ContentLanguage, string? CacheControl, string? Expires);

/// <summary>Reads the content headers and x-amz-meta-* headers a write stores with an object.</summary>
internal static class RequestMetadata
{
    /// <summary>S3's limit on user metadata: names and values, as bytes on the wire, together.</summary>
    public const int MaxUserMetadataBytes = 2048;

    private const string UserPrefix = "x-amz-meta-";

    /// <summary>From a request's headers (tests and callers without a generated input).</summary>
    public static ObjectMetadata FromHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return From(new ContentHeaders(
            Sent(headers, HeaderNames.ContentType), Sent(headers, HeaderNames.ContentEncoding), Sent(headers, HeaderNames.ContentDisposition),
            Sent(headers, HeaderNames.ContentLanguage), Sent(headers, HeaderNames.CacheControl), Sent(headers, HeaderNames.Expires)),
            InputValues.Family(headers, UserPrefix));
    }

    /// <summary>
    /// The metadata a write stores: the content headers and every x-amz-meta-* header (values as sent; null: not sent),
    /// as the operation's generated input extracted them.
    /// </summary>
    public static ObjectMetadata From(ContentHeaders content, IReadOnlyList<KeyValuePair<string, string>> userHeaders)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(userHeaders);
        var user = new Dictionary<string, string>(StringComparer.Ordinal);
        var size = 0;
        foreach (var (name, value) in userHeaders)
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
            ContentType = Values.OrNull(Stored(HeaderNames.ContentType, content.ContentType)),
            ContentEncoding = StoredContentEncoding(Stored(HeaderNames.ContentEncoding, content.ContentEncoding)),
            ContentDisposition = Values.OrNull(Stored(HeaderNames.ContentDisposition, content.ContentDisposition)),
            ContentLanguage = Values.OrNull(Stored(HeaderNames.ContentLanguage, content.ContentLanguage)),
            CacheControl = Values.OrNull(Stored(HeaderNames.CacheControl, content.CacheControl)),
            Expires = Values.OrNull(Stored(HeaderNames.Expires, content.Expires)),
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
    private static string Stored(string name, string? value)
    {
        var text = value ?? string.Empty;
        HeaderBytes.RequireStorable(name, text);
        return text;
    }

    private static string? Sent(IHeaderDictionary headers, string name) => InputValues.HeaderAsSent(headers, name);
}
