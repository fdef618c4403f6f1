using S3Spec.Core.Errors;

namespace S3Spec.Core.Headers;

/// <summary>What a header value may hold: every byte but the control bytes (0x00-0x1F other than tab, and 0x7F).</summary>
public static class HeaderText
{
    /// <summary>True when <paramref name="value"/> holds a control byte other than tab.</summary>
    public static bool HasControl(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>400 InvalidArgument naming the header (or parameter) whose value holds a control byte.</summary>
    public static S3Exception ControlCharacter(string name) =>
        new(S3Errors.InvalidArgument, $"The value of {name} contains a control character (0x00-0x1F or 0x7F other than tab), which a header cannot carry.");
}
