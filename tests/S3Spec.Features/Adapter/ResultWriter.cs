using System.Text.Json;

namespace S3Spec.Features.Adapter;

/// <summary>
/// Writes one NDJSON line per scenario (and a first "run" line) so a later tool can render the living documentation.
/// The format is described in docs/behaviour-suite.md.
/// </summary>
internal sealed class ResultWriter : IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly StreamWriter writer;
    private readonly Lock gate = new();

    public ResultWriter(string path, string target, DateTimeOffset startedAt)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        writer = new StreamWriter(path, append: false) { AutoFlush = true };
        WriteLine(new { type = "run", startedAt, target, features = FeatureCatalog.Default.Scenarios.Select(s => s.Uri).Distinct() });
    }

    public string Path { get; }

    public void Write(ScenarioResult result)
    {
        var s = result.Scenario;
        WriteLine(new
        {
            type = "scenario",
            id = s.Id,
            uri = s.Uri,
            line = s.Line,
            feature = s.Feature.Name,
            featureDescription = s.Feature.Description,
            rule = s.Rule?.Name,
            scenario = s.Name,
            displayName = s.DisplayName,
            tags = s.AllTags,
            arguments = s.Arguments.ToDictionary(a => a.Key, a => a.Value),
            status = result.Status,
            skipReason = result.SkipReason,
            error = result.Error,
            steps = result.Steps.Count > 0
                ? result.Steps.Select(r => new { keyword = r.Step.Keyword.Trim(), text = r.Step.Text, line = r.Step.Line, status = r.Status, error = r.Error, docString = r.Step.DocString, table = r.Step.Table })
                : s.Steps.Select(st => new { keyword = st.Keyword.Trim(), text = st.Text, line = st.Line, status = "skipped", error = (string?)null, docString = st.DocString, table = st.Table }),
        });
    }

    private void WriteLine(object value)
    {
        var line = JsonSerializer.Serialize(value, Options);
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose() => writer.Dispose();
}
