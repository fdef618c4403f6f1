namespace S3Spec.LivingDoc;

/// <summary>
/// Command line: <c>--features DIR --results FILE --index FILE --out DIR</c>. Given paths are relative to the current
/// directory; defaults are relative to the repository root (the first directory upwards holding S3Spec.sln).
/// </summary>
internal sealed record LivingDocOptions(string FeaturesDirectory, string ResultsFile, string IndexFile, bool IndexGiven, string OutputDirectory, bool ShowHelp)
{
    /// <summary>The compatibility report the index links to, when the file exists (default: &lt;repo&gt;/docs/compatibility.md).</summary>
    public string? CompatibilityFile { get; init; }

    public const string Usage = """
        Renders features/*.feature and the behaviour suite's last results as a static HTML site.
        Usage: dotnet run --project tests/S3Spec.LivingDoc -- [options]
          --features DIR   feature files (default: <repo>/features)
          --results FILE   result file of the suite (default: <repo>/tests/S3Spec.Features/TestResults/features.ndjson)
          --index FILE     operation/limitation mapping (default: <features>/index.yaml, optional)
          --out DIR        output folder (default: <repo>/artifacts/living-doc)
          --compatibility FILE  the compatibility report the index links to (default: <repo>/docs/compatibility.md, if it exists)
        """;

    public static LivingDocOptions Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        string? features = null, results = null, index = null, output = null, compatibility = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return new LivingDocOptions("", "", "", false, "", ShowHelp: true);
            }

            var (name, value) = SplitOption(arg, args, ref i);
            switch (name)
            {
                case "--features":
                    features = value;
                    break;
                case "--results":
                    results = value;
                    break;
                case "--index":
                    index = value;
                    break;
                case "--out":
                    output = value;
                    break;
                case "--compatibility":
                    compatibility = value;
                    break;
                default:
                    throw new LivingDocException($"unknown option '{arg}' (try --help)");
            }
        }

        string? root = null;
        string Default(string relative)
        {
            root ??= RepoRoot.Find(currentDirectory)
                ?? throw new LivingDocException($"no S3Spec.sln found above '{currentDirectory}'; run from the repository or give every path");
            return Path.GetFullPath(Path.Combine(root, relative));
        }

        var featuresDirectory = features is null ? Default("features") : Path.GetFullPath(features, currentDirectory);
        return new LivingDocOptions(
            featuresDirectory,
            results is null ? Default("tests/S3Spec.Features/TestResults/features.ndjson") : Path.GetFullPath(results, currentDirectory),
            index is null ? Path.Combine(featuresDirectory, "index.yaml") : Path.GetFullPath(index, currentDirectory),
            IndexGiven: index is not null,
            output is null ? Default("artifacts/living-doc") : Path.GetFullPath(output, currentDirectory),
            ShowHelp: false)
        {
            CompatibilityFile = compatibility is not null ? Path.GetFullPath(compatibility, currentDirectory)
                : RepoRoot.Find(currentDirectory) is { } repo ? Path.Combine(repo, "docs", "compatibility.md") : null,
        };
    }

    private static (string Name, string Value) SplitOption(string arg, IReadOnlyList<string> args, ref int i)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            throw new LivingDocException($"unexpected argument '{arg}' (try --help)");
        }

        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? arg[..equals] : arg;
        if (name is not ("--features" or "--results" or "--index" or "--out" or "--compatibility"))
        {
            throw new LivingDocException($"unknown option '{name}' (try --help)");
        }

        if (equals > 0)
        {
            return (name, arg[(equals + 1)..]);
        }

        if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
        {
            throw new LivingDocException($"option '{arg}' needs a value");
        }

        i++;
        return (arg, args[i]);
    }
}
