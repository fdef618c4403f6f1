using System.Text.RegularExpressions;

namespace S3Spec.FirstHour.Tests;

/// <summary>The shell lines of the connection block a server printed, as a user copies them.</summary>
internal static partial class ConnectionBlockText
{
    public const string Marker = "To connect, paste into a shell:";

    /// <summary>The indented lines after the marker up to the first empty line after them.</summary>
    public static string Extract(string output)
    {
        var lines = output.Split('\n');
        var start = Array.FindIndex(lines, l => l.Contains(Marker, StringComparison.Ordinal));
        Assert.True(start >= 0, output);
        var block = new List<string>();
        foreach (var line in lines.Skip(start + 1).Select(l => l.TrimEnd('\r')))
        {
            if (line.Length == 0 && block.Count > 0)
            {
                break;
            }

            if (line.Length > 0)
            {
                block.Add(line.Trim());
            }
        }

        return string.Join('\n', block) + "\n";
    }

    public static string Value(string block, string name)
    {
        var m = Regex.Match(block, $"(?:^|\\s){name}=(\\S+)", RegexOptions.Multiline);
        Assert.True(m.Success, $"{name} not in:\n{block}");
        return m.Groups[1].Value;
    }
}
