using System.Security.Cryptography;

namespace S3Spec.Tool;

/// <summary>
/// `serve [DIR]`: the server over DIR (created with a volume "default" when missing; default ./data), every other
/// argument passed to the server. `--ephemeral`: a fresh temporary data root with a "default" volume, removed at exit,
/// a random loopback port and a generated key, the connection variables printed (and written with --connection-file).
/// </summary>
internal sealed class ServeCommand
{
    public const string HelpText = """
        Usage: s3spec serve [DIR] [options] [server settings]

          DIR                      the data root: every top-level directory is a volume (default: ./data; created
                                   with a volume 'default' when missing)
          --ephemeral              a temporary data root (removed at exit), a random 127.0.0.1 port and a new key;
                                   for other programs' tests
          --volume NAME            with --ephemeral: create this volume too (repeatable)
          --connection-file FILE   write AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, ... as KEY=VALUE lines once listening
          -h, --help               this text

        Server settings: --urls URL, --region R, --access-key K --secret-key S, --keys-file FILE,
        --S3Spec:<Setting>=VALUE for every setting of docs/settings.md (e.g. --S3Spec:Profile=runpod).

        """;

    private readonly List<string> serverArgs = [];
    private readonly List<string> volumes = [];

    public bool Help { get; private set; }

    public bool Ephemeral { get; private set; }

    public string? DataRoot { get; private set; }

    public string? ConnectionFile { get; private set; }

    public IReadOnlyList<string> ServerArguments => serverArgs;

    public static ServeCommand Parse(string[] args)
    {
        var command = new ServeCommand();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "-h" or "--help":
                    command.Help = true;
                    break;
                case "--ephemeral":
                    command.Ephemeral = true;
                    break;
                case "--volume":
                    command.volumes.Add(Value(args, ref i, a));
                    break;
                case "--connection-file":
                    command.ConnectionFile = Value(args, ref i, a);
                    break;
                case "--data-root":
                    command.DataRoot = Value(args, ref i, a);
                    break;
                default:
                    if (!a.StartsWith('-') && command.DataRoot is null && (i == 0 || !TakesValue(args[i - 1])))
                    {
                        command.DataRoot = a;
                    }
                    else
                    {
                        command.serverArgs.Add(a);
                    }

                    break;
            }
        }

        if (command.Ephemeral && command.DataRoot is not null)
        {
            throw new ArgumentException("--ephemeral makes its own data root: give no DIR with it.");
        }

        if (!command.Ephemeral && command.volumes.Count > 0)
        {
            throw new ArgumentException("--volume goes with --ephemeral; for a lasting data root use 's3spec volume create NAME'.");
        }

        return command;
    }

    /// <summary>Runs <paramref name="server"/> with the server's command line; an ephemeral data root is removed afterwards.</summary>
    public async Task<int> RunAsync(TextWriter output, Func<string[], string, Task<int>> server)
    {
        var args = new List<string>(serverArgs);
        string? temp = null;
        if (Ephemeral)
        {
            temp = Path.Combine(Path.GetTempPath(), "s3spec-ephemeral-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            Directory.CreateDirectory(Path.Combine(temp, "default"));
            foreach (var v in volumes)
            {
                Directory.CreateDirectory(Path.Combine(temp, v));
            }

            args.AddRange(["--data-root", temp]);
            if (!args.Contains("--urls"))
            {
                args.AddRange(["--urls", "http://127.0.0.1:0"]);
            }

            if (!args.Contains("--access-key") && !args.Contains("--keys-file"))
            {
                args.AddRange(["--access-key", "ephemeral_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                    "--secret-key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', 'A').Replace('/', 'B')]);
            }

            await output.WriteLineAsync($"Ephemeral data root {temp} (removed at exit).").ConfigureAwait(false);
        }
        else if (DataRoot is not null)
        {
            var root = Path.GetFullPath(DataRoot);
            if (!Directory.Exists(root))
            {
                Directory.CreateDirectory(Path.Combine(root, "default"));
                await output.WriteLineAsync($"Created data root {root} with volume 'default'.").ConfigureAwait(false);
            }

            args.AddRange(["--data-root", root]);
        }

        if (ConnectionFile is not null)
        {
            args.Add($"--S3Spec:ConnectionFile={Path.GetFullPath(ConnectionFile)}");
        }

        try
        {
            return await server([.. args], ToolCommand.AdminName).ConfigureAwait(false);
        }
        finally
        {
            if (temp is not null)
            {
                Remove(temp);
            }

            if (Ephemeral && ConnectionFile is not null)
            {
                File.Delete(Path.GetFullPath(ConnectionFile));
            }
        }
    }

    private static void Remove(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: could not remove {directory}: {e.Message}");
        }
    }

    private static bool TakesValue(string option) => option is "--urls" or "--region" or "--access-key" or "--secret-key" or "--keys-file" or "--volume" or "--connection-file" or "--data-root";

    private static string Value(string[] args, ref int i, string option)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{option} needs a value.");
        }

        return args[++i];
    }
}
