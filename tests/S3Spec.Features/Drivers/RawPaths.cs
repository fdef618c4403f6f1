using System.Text;
using System.Text.RegularExpressions;

namespace S3Spec.Features.Drivers;

/// <summary>
/// Raw paths as features write them: `{x*256}` stands for 256 times "x". The repeated text is percent-encoded
/// except '/', so `{é*128}` is 256 bytes of one name and `{abcdefg/*128}` is 128 names.
/// </summary>
public static partial class RawPaths
{
    public static string Expand(string raw) =>
        Repeat().Replace(raw, m =>
        {
            var text = new StringBuilder().Insert(0, m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString();
            return string.Join('/', text.Split('/').Select(Uri.EscapeDataString));
        });

    [GeneratedRegex(@"\{(.+?)\*(\d+)\}")]
    private static partial Regex Repeat();
}
