using System.Text;
using S3Spec.Core.Errors;
using S3Spec.Core.Headers;

namespace S3Spec.Server.Protocol;

/// <summary>
/// Header values are bytes: Kestrel decodes request headers and encodes response headers as Latin-1, so a header
/// string holds one char (U+0000..U+00FF) per byte on the wire, and a stored value goes back byte for byte
/// (docs/architecture.md, "Header values"). This class is the one place that checks and converts such values.
/// </summary>
internal static class HeaderBytes
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Refuses a value that will be stored or echoed in a header when it holds a control byte other than tab:
    /// 400 InvalidArgument naming the header.
    /// </summary>
    public static void RequireStorable(string name, string value)
    {
        if (HeaderText.HasControl(value))
        {
            throw HeaderText.ControlCharacter(name);
        }
    }

    /// <summary>
    /// The header string that sends a stored value: the value itself when it is bytes (every char up to U+00FF);
    /// a value holding wider chars (stored before header values were bytes) goes as its UTF-8 bytes; null when the
    /// value cannot be sent in a header at all (a control byte other than tab), so that it is left out, never a 500.
    /// </summary>
    public static string? ForResponse(string? stored)
    {
        if (string.IsNullOrEmpty(stored) || HeaderText.HasControl(stored))
        {
            return null;
        }

        foreach (var c in stored)
        {
            if (c > 0xFF)
            {
                return FromText(stored);
            }
        }

        return stored;
    }

    /// <summary>The header string of a text (for example a decoded query value): its UTF-8 bytes, one char per byte.</summary>
    public static string FromText(string text)
    {
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
            }
        }

        return text;
    }

    /// <summary>
    /// The text a header's bytes spell in UTF-8 (for headers that name things, such as x-amz-copy-source); bytes
    /// that are not UTF-8 are 400 InvalidArgument.
    /// </summary>
    public static string ToText(string name, string value)
    {
        foreach (var c in value)
        {
            if (c >= 0x80)
            {
                try
                {
                    return StrictUtf8.GetString(Encoding.Latin1.GetBytes(value));
                }
                catch (DecoderFallbackException)
                {
                    throw new S3Exception(S3Errors.InvalidArgument, $"The value of {name} is not valid UTF-8.");
                }
            }
        }

        return value;
    }
}
