using Gherkin;

namespace S3Spec.Features.Adapter;

/// <summary>Every scenario of every features/**/*.feature copied beside the test assembly, in file and line order.</summary>
public sealed class FeatureCatalog
{
    private static readonly Lazy<FeatureCatalog> Instance = new(() => Load(Path.Combine(AppContext.BaseDirectory, "features")));
    private readonly Dictionary<string, ScenarioCase> byId;

    private FeatureCatalog(IReadOnlyList<ScenarioCase> scenarios)
    {
        Scenarios = scenarios;
        byId = scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public static FeatureCatalog Default => Instance.Value;

    public IReadOnlyList<ScenarioCase> Scenarios { get; }

    public ScenarioCase? Find(string id) => byId.GetValueOrDefault(id);

    public static FeatureCatalog Load(string directory)
    {
        var scenarios = new List<ScenarioCase>();
        if (!Directory.Exists(directory))
        {
            return new FeatureCatalog(scenarios);
        }

        var order = 0;
        var parser = new Parser();
        foreach (var file in Directory.GetFiles(directory, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var uri = "features/" + Path.GetRelativePath(directory, file).Replace('\\', '/');
            using var reader = new StreamReader(file);
            scenarios.AddRange(GherkinCompiler.Compile(parser.Parse(reader), uri, () => order++));
        }

        return new FeatureCatalog(scenarios);
    }
}
