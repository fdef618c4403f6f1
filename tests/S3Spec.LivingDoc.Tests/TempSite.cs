using Gherkin;
using Io.Cucumber.Messages.Types;
using S3Spec.LivingDoc.Input;
using S3Spec.Messages;

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

    /// <summary>A result file as the behaviour suite writes it, from the feature files as they are now.</summary>
    public TempSite Run(params SampleCase[] cases) => RunOf(null, cases);

    /// <summary>A result file of a run made when one feature file read <paramref name="oldText"/>.</summary>
    public TempSite RunOf((string Name, string Text)? oldText, params SampleCase[] cases)
    {
        WriteRun(Results, Features, oldText, "process", cases);
        return this;
    }

    public static void WriteRun(string path, string features, (string Name, string Text)? oldText, string target, params SampleCase[] cases)
    {
        using var file = new MessageFileWriter(path);
        var run = new RunWriter(file.Write, new Product("tests", "1"));
        foreach (var feature in Directory.GetFiles(features, "*.feature").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(feature);
            var text = oldText is { } old && old.Name == name ? old.Text : File.ReadAllText(feature);
            run.AddDocument("features/" + name, text, new Parser().Parse(new StringReader(text)));
        }

        var at = Samples.StartedAt;
        run.Start(at, target);
        foreach (var c in cases)
        {
            var pickle = run.Pickles[c.Id];
            var steps = pickle.Steps.Select((_, i) => Step(i < c.Steps.Count ? c.Steps[i] : "skipped", at)).ToList();
            run.TestCase(c.Id, new CaseOutcome(at, at.AddSeconds(1), Step("passed", at), steps, Step(c.After, at)));
        }

        run.Finish(at.AddSeconds(2));
    }

    public Catalog Catalog() => new(FeatureLoader.Load(Features), ResultFileReader.Read(Results));

    public LivingDocOptions Options(string? index = null) =>
        new(Features, Results, index ?? Path.Combine(Features, "index.yaml"), index is not null, Output, ShowHelp: false);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static StepOutcome Step(string spec, DateTimeOffset at)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var (status, message) = colon < 0 ? (spec, null) : (spec[..colon], spec[(colon + 1)..]);
        var parsed = status switch
        {
            "passed" => TestStepResultStatus.PASSED,
            "failed" => TestStepResultStatus.FAILED,
            "skipped" => TestStepResultStatus.SKIPPED,
            "undefined" => TestStepResultStatus.UNDEFINED,
            "pending" => TestStepResultStatus.PENDING,
            _ => throw new ArgumentException($"unknown status '{status}'", nameof(spec)),
        };
        return new StepOutcome(parsed, message, at, at);
    }
}
