namespace S3Spec.LivingDoc.Compatibility;

/// <summary>
/// <c>compatibility --out FILE --target NAME=RESULTS [--target NAME=RESULTS ...]</c>: one column per target, in the
/// order given. Paths are relative to the current directory.
/// </summary>
internal sealed record CompatibilityOptions(string Output, IReadOnlyList<(string Name, string Results)> Targets, bool ShowHelp)
{
    /// <summary>What the runner saw of a target besides the results (e.g. restarts after crashes), by target name.</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public const string Command = "compatibility";

    public const string Usage = """
        Writes the compatibility report (Markdown) from result files of the behaviour suite, one column per target.
        Usage: dotnet run --project tests/S3Spec.LivingDoc -- compatibility --out FILE --target NAME=RESULTS [--target ...]
          --out FILE             the report (e.g. docs/compatibility.md)
          --target NAME=RESULTS  a column: its heading and the Cucumber Messages file of the run against it
          --note NAME=TEXT       a remark on that target's run (an empty TEXT is ignored)
        """;

    public static CompatibilityOptions Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        string? output = null;
        var targets = new List<(string, string)>();
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                return new CompatibilityOptions("", [], ShowHelp: true);
            }

            string Value()
            {
                if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
                {
                    throw new LivingDocException($"option '{arg}' needs a value");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "--out":
                    output = Path.GetFullPath(Value(), currentDirectory);
                    break;
                case "--target":
                    var value = Value();
                    var equals = value.LastIndexOf('=');
                    if (equals <= 0 || equals == value.Length - 1)
                    {
                        throw new LivingDocException($"--target takes NAME=RESULTS, not '{value}'");
                    }

                    targets.Add((value[..equals].Trim(), Path.GetFullPath(value[(equals + 1)..], currentDirectory)));
                    break;
                case "--note":
                    // The target's name may hold '=' no more than a note's text is likely to: split at the first.
                    var note = args.Count > i + 1 ? args[++i] : throw new LivingDocException("option '--note' needs a value");
                    var split = note.IndexOf('=', StringComparison.Ordinal);
                    if (split <= 0)
                    {
                        throw new LivingDocException($"--note takes NAME=TEXT, not '{note}'");
                    }

                    if (note[(split + 1)..].Trim() is { Length: > 0 } text)
                    {
                        notes[note[..split].Trim()] = text;
                    }

                    break;
                default:
                    throw new LivingDocException($"unknown option '{arg}' for {Command} (try {Command} --help)");
            }
        }

        if (output is null || targets.Count == 0)
        {
            throw new LivingDocException($"{Command} needs --out and at least one --target (try {Command} --help)");
        }

        if (targets.Select(t => t.Item1).Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            throw new LivingDocException("two targets have the same name");
        }

        if (notes.Keys.FirstOrDefault(n => targets.All(t => t.Item1 != n)) is { } unknown)
        {
            throw new LivingDocException($"--note names '{unknown}', which is no --target");
        }

        return new CompatibilityOptions(output, targets, ShowHelp: false) { Notes = notes };
    }
}
