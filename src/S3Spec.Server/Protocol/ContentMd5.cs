using S3Spec.Core.Errors;

namespace S3Spec.Server.Protocol;

/// <summary>
/// The one reader of Content-MD5: null when the header is not sent; sent, it must be the base64 of 16 bytes (empty,
/// blank, invalid base64, another length: InvalidDigest). A sent header is never taken for an absent one.
/// </summary>
internal static class ContentMd5
{
    /// <summary>Decodes a Content-MD5 value (null: not sent).</summary>
    public static ReadOnlyMemory<byte>? Read(string? header)
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

    /// <summary>The request's Content-MD5, decoded.</summary>
    public static ReadOnlyMemory<byte>? Read(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetValue("Content-MD5", out var value) ? Read(value.ToString()) : null;
    }
}
