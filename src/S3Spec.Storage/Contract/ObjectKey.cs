using System.Text;
using S3Spec.Core.Errors;

namespace S3Spec.Storage.Contract;

/// <summary>
/// Object keys are relative file paths. Validation: UTF-8 length ≤ 1024 bytes, segments non-empty, not "." or "..",
/// at most 255 bytes, no NUL, well-formed UTF-16 (no lone surrogates), first segment not the staging folder.
/// A trailing '/' names a directory.
/// </summary>
public static class ObjectKey
{
    public const int MaxKeyBytes = 1024;
    public const int MaxSegmentBytes = 255;
    public const string StagingFolder = StoreLayout.StagingFolder;

    /// <summary>Throws the matching <see cref="S3Exception"/> when <paramref name="key"/> cannot name a file or directory.</summary>
    public static void Validate(string key) => _ = Parse(key);

    /// <summary>True when the key ends in '/' (a directory key).</summary>
    public static bool IsDirectoryKey(string key) => key.Length > 0 && key[^1] == '/';

    /// <summary>True when <paramref name="segment"/> names the staging folder (any ASCII case).</summary>
    public static bool IsReservedSegment(string segment) =>
        string.Equals(segment, StagingFolder, StringComparison.OrdinalIgnoreCase);

    internal static ParsedKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0)
        {
            throw new S3Exception(S3Errors.InvalidObjectName, "The key is empty.");
        }

        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(key);
        }
        catch (EncoderFallbackException)
        {
            throw new S3Exception(S3Errors.InvalidObjectName, "The key is not valid Unicode.");
        }

        if (byteCount > MaxKeyBytes)
        {
            throw new S3Exception(S3Errors.KeyTooLongError);
        }

        var isDirectory = key[^1] == '/';
        var body = isDirectory ? key[..^1] : key;
        var segments = body.Split('/');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || segment == "." || segment == "..")
            {
                throw new S3Exception(S3Errors.InvalidObjectName);
            }

            if (segment.Contains('\0', StringComparison.Ordinal))
            {
                throw new S3Exception(S3Errors.InvalidObjectName, "The key contains a NUL character.");
            }

            if (StrictUtf8.GetByteCount(segment) > MaxSegmentBytes)
            {
                throw new S3Exception(S3Errors.SegmentTooLong);
            }
        }

        if (IsReservedSegment(segments[0]))
        {
            throw new S3Exception(S3Errors.ReservedName);
        }

        return new ParsedKey(key, body, segments, isDirectory);
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
