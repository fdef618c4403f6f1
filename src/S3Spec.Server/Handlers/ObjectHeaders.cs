using System.Globalization;
using Microsoft.Net.Http.Headers;
using S3Spec.Server.Protocol;
using S3Spec.Storage.Contract;

namespace S3Spec.Server.Handlers;

/// <summary>Writes an object's headers: length, validators, content headers and user metadata. Never a version id.</summary>
internal static class ObjectHeaders
{
    public const string DefaultContentType = "application/octet-stream";

    public static void Write(HttpResponse response, ObjectInfo info, long contentLength, ResponseOverrides? overrides)
    {
        var headers = response.Headers;
        var meta = info.Metadata;
        response.ContentLength = contentLength;
        headers.ETag = info.ETag;
        headers.LastModified = info.LastModified.ToString("r", CultureInfo.InvariantCulture);
        headers.AcceptRanges = "bytes";
        headers.ContentType = overrides?.ContentType ?? HeaderBytes.ForResponse(meta.ContentType) ?? DefaultContentType;
        Set(headers, HeaderNames.ContentEncoding, overrides?.ContentEncoding, meta.ContentEncoding);
        Set(headers, HeaderNames.ContentDisposition, overrides?.ContentDisposition, meta.ContentDisposition);
        Set(headers, HeaderNames.ContentLanguage, overrides?.ContentLanguage, meta.ContentLanguage);
        Set(headers, HeaderNames.CacheControl, overrides?.CacheControl, meta.CacheControl);
        Set(headers, HeaderNames.Expires, overrides?.Expires, meta.Expires);
        var missing = 0;
        foreach (var (name, value) in meta.User)
        {
            if (value.Length == 0)
            {
                headers["x-amz-meta-" + name] = string.Empty;
            }
            else if (HeaderBytes.ForResponse(value) is { } sent)
            {
                headers["x-amz-meta-" + name] = sent;
            }
            else if (!string.IsNullOrEmpty(value))
            {
                missing++;
            }
        }

        // As S3 does for metadata the REST API cannot carry: the number of entries left out.
        if (missing > 0)
        {
            headers["x-amz-missing-meta"] = missing.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The stored checksums (x-amz-checksum-mode: ENABLED), with their type (composite values end in -N).</summary>
    public static void WriteChecksums(HttpResponse response, ObjectInfo info)
    {
        foreach (var (algorithm, value) in info.Metadata.Checksums)
        {
            response.Headers["x-amz-checksum-" + algorithm.ToLowerInvariant()] = value;
        }

        if (ChecksumTypes.Of(info.Metadata.Checksums) is { } type)
        {
            response.Headers["x-amz-checksum-type"] = type;
        }
    }

    /// <summary>Validators only, for 304 Not Modified.</summary>
    public static void WriteValidators(HttpResponse response, ObjectInfo info)
    {
        response.Headers.ETag = info.ETag;
        response.Headers.LastModified = info.LastModified.ToString("r", CultureInfo.InvariantCulture);
    }

    /// <summary>Sets an override (already header bytes) or a stored value that a header can carry.</summary>
    private static void Set(IHeaderDictionary headers, string name, string? overridden, string? stored)
    {
        if ((overridden ?? HeaderBytes.ForResponse(stored)) is { Length: > 0 } value)
        {
            headers[name] = value;
        }
    }
}
