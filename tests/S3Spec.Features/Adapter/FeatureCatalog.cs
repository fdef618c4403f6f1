using Gherkin;

namespace S3Spec.Features.Adapter;

/// <summary>Every scenario of every features/**/*.feature copied beside the test assembly, in file and line order.</summary>
public sealed class FeatureCatalog
{
    private static readonly Lazy<FeatureCatalog> Instance = new(() => Load(Path.Combine(AppContext.BaseDirectory, "features")));
    private readonly Dictionary<string, ScenarioCase> byId;

    private FeatureCatalog(IReadOnlyList<FeatureFile> files, IReadOnlyList<ScenarioCase> scenarios)
    {
        Files = files;
        Scenarios = scenarios;
        byId = scenarios.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public static FeatureCatalog Default => Instance.Value;

    public IReadOnlyList<ScenarioCase> Scenarios { get; }

    /// <summary>The feature files as read and parsed, in uri order (the result file carries them as source and gherkinDocument).</summary>
    public IReadOnlyList<FeatureFile> Files { get; }

    public ScenarioCase? Find(string id) => byId.GetValueOrDefault(id);

    public static FeatureCatalog Load(string directory)
    {
        var scenarios = new List<ScenarioCase>();
        var files = new List<FeatureFile>();
        if (!Directory.Exists(directory))
        {
            return new FeatureCatalog(files, scenarios);
        }

        var order = 0;
        var parser = new Parser();
        foreach (var file in Directory.GetFiles(directory, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var uri = "features/" + Path.GetRelativePath(directory, file).Replace('\\', '/');
            var text = File.ReadAllText(file);
            var document = parser.Parse(new StringReader(text));
            files.Add(new FeatureFile(uri, text, document));
            scenarios.AddRange(GherkinCompiler.Compile(document, uri, () => order++));
        }

        return new FeatureCatalog(files, scenarios);
    }
}
