using System.Text.Json;

namespace S3Spec.LivingDoc.Input;

/// <summary>Reads features.ndjson: a "run" line, then one "scenario" line per scenario (format in docs/behaviour-suite.md).</summary>
internal static class ResultFileReader
{
    public static ResultSet Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new LivingDocException($"the result file '{path}' does not exist; run 'dotnet test tests/S3Spec.Features' first or pass --results");
        }

        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static ResultSet Read(TextReader reader, string name)
    {
        RunRecord? run = null;
        var scenarios = new List<ScenarioRecord>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("a line must be a JSON object");
                }

                switch (OptionalString(root, "type"))
                {
                    case "run" when run is null && scenarios.Count == 0:
                        run = ReadRun(root);
                        break;
                    case "run":
                        throw new FormatException("only the first line may be a \"run\" line");
                    case "scenario" when run is not null:
                        scenarios.Add(ReadScenario(root));
                        break;
                    case "scenario":
                        throw new FormatException("the first line must be the \"run\" line");
                    case var other:
                        throw new FormatException($"unknown line type '{other}'");
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new LivingDocException($"'{name}' line {number} is not a valid result line: {e.Message}");
            }
        }

        return run is null
            ? throw new LivingDocException($"'{name}' is empty; it is not a result file of the behaviour suite")
            : new ResultSet(run, scenarios);
    }

    private static RunRecord ReadRun(JsonElement root)
    {
        var features = new List<string>();
        if (root.TryGetProperty("features", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                features.Add(item.GetString() ?? "");
            }
        }

        return new RunRecord(OptionalString(root, "startedAt"), OptionalString(root, "target"), features);
    }

    private static ScenarioRecord ReadScenario(JsonElement root)
    {
        var arguments = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in args.EnumerateObject())
            {
                arguments.Add(new(property.Name, property.Value.GetString() ?? ""));
            }
        }

        var steps = new List<StepRecord>();
        if (root.TryGetProperty("steps", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var step in list.EnumerateArray())
            {
                steps.Add(new StepRecord(OptionalString(step, "keyword") ?? "", RequiredString(step, "text"), Line(step),
                    Status(step), OptionalString(step, "error")));
            }
        }

        return new ScenarioRecord(RequiredString(root, "id"), RequiredString(root, "uri"), Line(root), OptionalString(root, "rule"),
            RequiredString(root, "scenario"), arguments, Status(root), OptionalString(root, "skipReason"), OptionalString(root, "error"), steps);
    }

    private static Outcome Status(JsonElement element)
    {
        var value = RequiredString(element, "status");
        return Outcomes.Parse(value) ?? throw new FormatException($"unknown status '{value}'");
    }

    private static int Line(JsonElement element) =>
        element.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number ? line.GetInt32() : 0;

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) ?? throw new FormatException($"\"{name}\" is missing");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
