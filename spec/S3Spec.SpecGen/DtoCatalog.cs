using System.Text.RegularExpressions;

namespace S3Spec.SpecGen;

/// <summary>
/// The DTO classes NSwag generated (S3Api.g.cs): per class, its JSON property names with the C# property name and
/// type. The XML mapping is checked against it, so a spec and DTOs that disagree fail the build.
/// </summary>
internal sealed partial class DtoCatalog
{
    private readonly Dictionary<string, Dictionary<string, (string Name, string Type)>> _classes = new(StringComparer.Ordinal);

    public static DtoCatalog Parse(string source)
    {
        var catalog = new DtoCatalog();
        Dictionary<string, (string, string)>? current = null;
        string? pendingJson = null;
        foreach (var line in source.Split('\n'))
        {
            if (ClassLine().Match(line) is { Success: true } c)
            {
                current = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
                catalog._classes[c.Groups[1].Value] = current;
                pendingJson = null;
            }
            else if (JsonLine().Match(line) is { Success: true } j)
            {
                pendingJson = j.Groups[1].Value;
            }
            else if (pendingJson is not null && current is not null && PropertyLine().Match(line) is { Success: true } p)
            {
                current[pendingJson] = (p.Groups[2].Value, p.Groups[1].Value);
                pendingJson = null;
            }
        }

        return catalog;
    }

    public bool TryGetClass(string name, out Dictionary<string, (string Name, string Type)> properties) =>
        _classes.TryGetValue(name, out properties!);

    [GeneratedRegex(@"^\s*public partial class (\w+)")]
    private static partial Regex ClassLine();

    [GeneratedRegex(@"JsonPropertyName\(""([^""]+)""\)")]
    private static partial Regex JsonLine();

    [GeneratedRegex(@"^\s*public (\S+) (\w+) \{ get; set; \}")]
    private static partial Regex PropertyLine();
}
