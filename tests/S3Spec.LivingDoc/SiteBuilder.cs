using System.Reflection;
using S3Spec.LivingDoc.Html;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc;

/// <summary>Reads the inputs, renders every page in memory (so invalid input writes nothing), then writes the folder.</summary>
internal static class SiteBuilder
{
    public static string Build(LivingDocOptions options)
    {
        var features = FeatureLoader.Load(options.FeaturesDirectory);
        var results = ResultFileReader.Read(options.ResultsFile);
        var mapping = IndexMappingReader.Read(options.IndexFile, options.IndexGiven);
        var catalog = new Catalog(features, results);

        var pages = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["index.html"] = IndexPage.Render(catalog, mapping, Path.GetFileName(options.IndexFile), CompatibilityLink(options)),
            [GuidePage.FileName] = GuidePage.Render(results.Run),
            [ErrorsPage.FileName] = ErrorsPage.Render(results.Run, ErrorTableSource(options)),
        };
        foreach (var feature in features)
        {
            pages[feature.PageName] = FeaturePage.Render(feature, catalog);
        }

        Write(options.OutputDirectory, pages);
        var tally = Tally.Of(catalog.Cases);
        return $"living-doc: {features.Count} features, {tally.Total} scenarios ({tally.Passed} passed, {tally.Failed} failed, "
            + $"{tally.Skipped} skipped, {tally.NotRun} not run) → {Path.Combine(options.OutputDirectory, "index.html")}";
    }

    /// <summary>src/S3Spec.Core/Errors/S3Errors.cs of the repository holding the features folder, for the table's groups; null when absent.</summary>
    private static string? ErrorTableSource(LivingDocOptions options)
    {
        var root = RepoRoot.Find(options.FeaturesDirectory) ?? RepoRoot.Find(AppContext.BaseDirectory);
        var file = root is null ? null : Path.Combine(root, "src", "S3Spec.Core", "Errors", "S3Errors.cs");
        return file is not null && File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>The compatibility report as a link relative to the site, or null when there is none.</summary>
    private static string? CompatibilityLink(LivingDocOptions options) =>
        options.CompatibilityFile is { } file && File.Exists(file)
            ? string.Join('/', Path.GetRelativePath(options.OutputDirectory, file).Replace('\\', '/').Split('/').Select(Uri.EscapeDataString))
            : null;

    public static string Stylesheet()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("S3Spec.LivingDoc.site.css")
            ?? throw new InvalidOperationException("the stylesheet is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Write(string directory, Dictionary<string, string> pages)
    {
        try
        {
            Directory.CreateDirectory(directory);
            // Pages of features that no longer exist are removed; only pages this tool wrote are touched.
            foreach (var old in Directory.GetFiles(directory, "*.html"))
            {
                if (!pages.ContainsKey(Path.GetFileName(old)) && File.ReadAllText(old).Contains(PageLayout.GeneratorMeta, StringComparison.Ordinal))
                {
                    File.Delete(old);
                }
            }

            File.WriteAllText(Path.Combine(directory, "style.css"), Stylesheet());
            foreach (var (name, content) in pages)
            {
                File.WriteAllText(Path.Combine(directory, name), content);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LivingDocException($"cannot write the site to '{directory}': {e.Message}");
        }
    }
}
