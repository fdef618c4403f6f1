using Gherkin;

namespace S3Spec.LivingDoc.Input;

internal static class FeatureLoader
{
    public static IReadOnlyList<FeatureSource> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new LivingDocException($"the features folder '{directory}' does not exist");
        }

        var files = Directory.GetFiles(directory, "*.feature", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new LivingDocException($"the features folder '{directory}' holds no *.feature file");
        }

        var parser = new Parser();
        var sources = new List<FeatureSource>();
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            Gherkin.Ast.GherkinDocument document;
            try
            {
                using var reader = new StreamReader(file);
                document = parser.Parse(reader);
            }
            catch (Exception e) when (e is CompositeParserException or ParserException)
            {
                throw new LivingDocException($"'{file}' is not valid Gherkin: {e.Message}");
            }

            if (document.Feature is null)
            {
                continue;
            }

            sources.Add(new FeatureSource("features/" + relative, relative, PageName(relative), document.Feature));
        }

        return sources;
    }

    /// <summary>"objects.feature" → "objects.html", "sub/x.feature" → "sub--x.html".</summary>
    public static string PageName(string relativePath)
    {
        var name = relativePath.EndsWith(".feature", StringComparison.Ordinal) ? relativePath[..^".feature".Length] : relativePath;
        return name.Replace("/", "--", StringComparison.Ordinal) + ".html";
    }
}
