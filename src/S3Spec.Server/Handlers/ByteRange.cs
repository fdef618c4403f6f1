using System.Globalization;
using S3Spec.Core.Errors;

namespace S3Spec.Server.Handlers;

/// <summary>
/// A single byte range of a Range header ("bytes=a-b", "bytes=a-", "bytes=-n"). Syntactically invalid or
/// multi-range headers are ignored (the whole object is served, as S3 does); a range that starts at or past the
/// end of the object is InvalidRange (416). A non-zero suffix range of an empty object is satisfiable (RFC 9110
/// 14.1.1) but no Content-Range can describe zero bytes, so the whole (empty) object is served with 200.
/// </summary>
internal readonly record struct ByteRange(long Offset, long Length)
{
    public static ByteRange? Parse(string? header, long size)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var value = header.Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || value.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = value[6..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return null;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (!TryParse(last, out var suffix))
            {
                return null;
            }

            if (suffix == 0)
            {
                throw new S3Exception(S3Errors.InvalidRange);
            }

            if (size == 0)
            {
                return null;
            }

            var length = Math.Min(suffix, size);
            return new ByteRange(size - length, length);
        }

        if (!TryParse(first, out var start))
        {
            return null;
        }

        long end;
        if (last.Length == 0)
        {
            end = size - 1;
        }
        else if (!TryParse(last, out end) || end < start)
        {
            return null;
        }

        if (start >= size)
        {
            throw new S3Exception(S3Errors.InvalidRange);
        }

        end = Math.Min(end, size - 1);
        return new ByteRange(start, end - start + 1);
    }

    private static bool TryParse(string s, out long value) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
