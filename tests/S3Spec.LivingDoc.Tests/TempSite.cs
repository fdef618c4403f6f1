using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Tests;

/// <summary>A temporary folder with feature files and a result file, deleted at the end of the test.</summary>
internal sealed class TempSite : IDisposable
{
    public TempSite()
    {
        Root = Path.Combine(Path.GetTempPath(), "livingdoc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Features);
    }

    public string Root { get; }

    public string Features => Path.Combine(Root, "features");

    public string Results => Path.Combine(Root, "features.ndjson");

    public string Output => Path.Combine(Root, "out");

    public TempSite Feature(string name, string text)
    {
        File.WriteAllText(Path.Combine(Features, name), text);
        return this;
    }

    public TempSite ResultLines(params string[] lines)
    {
        File.WriteAllLines(Results, lines);
        return this;
    }

    public Catalog Catalog() => new(FeatureLoader.Load(Features), ResultFileReader.Read(Results));

    public LivingDocOptions Options(string? index = null) =>
        new(Features, Results, index ?? Path.Combine(Features, "index.yaml"), index is not null, Output, ShowHelp: false);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
