using System.CommandLine;
using S3Spec.Storage.Contract;

namespace S3Spec.Admin.Cli;

/// <summary>What every command gets: the resolved data root and keys file, where to write, and how to show progress.</summary>
internal sealed class AdminContext(string dataRoot, string keysFile, TextWriter output, Func<TerminalProgress>? progress = null)
{
    /// <summary>The data root, absolute.</summary>
    public string DataRoot { get; } = dataRoot;

    /// <summary>The keys file, absolute.</summary>
    public string KeysFile { get; } = keysFile;

    public TextWriter Output { get; } = output;

    /// <summary>A status line for a long command: on a terminal only (<see cref="TerminalProgress"/>).</summary>
    public TerminalProgress Progress() => progress?.Invoke() ?? TerminalProgress.Quiet;

    /// <summary>The data root, which must exist (NotFound otherwise).</summary>
    public string ExistingDataRoot()
    {
        if (!Directory.Exists(DataRoot))
        {
            throw AdminException.NotFound($"The data root '{DataRoot}' does not exist (use --data-root or S3SPEC__DATAROOT).");
        }

        return DataRoot;
    }
}

/// <summary>The options every command takes (--data-root, --keys-file), resolved as the server resolves them.</summary>
internal sealed class GlobalOptions(Func<string, string?> environment, bool interactive = false)
{
    public const string DataRootVariable = "S3SPEC__DATAROOT";
    public const string KeysFileVariable = "S3SPEC__KEYSFILE";
    public const string DefaultDataRoot = "./data";

    public Option<string?> DataRoot { get; } = new("--data-root")
    {
        Description = $"Directory whose top-level directories are the volumes (default: ${DataRootVariable}, else {DefaultDataRoot}).",
        Recursive = true,
    };

    public Option<string?> KeysFile { get; } = new("--keys-file")
    {
        Description = $"The JSON keys file (default: ${KeysFileVariable}, else <data-root>/.s3spec/keys.json).",
        Recursive = true,
    };

    public AdminContext Resolve(ParseResult parse)
    {
        var dataRoot = NonEmpty(parse.GetValue(DataRoot)) ?? NonEmpty(environment(DataRootVariable)) ?? DefaultDataRoot;
        var root = Path.GetFullPath(dataRoot);
        var keys = NonEmpty(parse.GetValue(KeysFile)) ?? NonEmpty(environment(KeysFileVariable));
        var keysFile = keys is null ? StoreLayout.KeysFile(root) : Path.GetFullPath(keys);
        var error = parse.InvocationConfiguration.Error;
        return new AdminContext(root, keysFile, parse.InvocationConfiguration.Output, () => new TerminalProgress(error, interactive, TimeProvider.System));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
