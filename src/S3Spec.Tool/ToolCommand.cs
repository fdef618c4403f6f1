using S3Spec.Admin;
using S3Spec.Admin.Cli;
using S3Spec.Server.Hosting;

namespace S3Spec.Tool;

/// <summary>
/// `s3spec serve [DIR] [--ephemeral] [server settings]` runs the server in this process; every other verb is the admin
/// command's (volume, key, kubernetes), with the same options and exit codes (docs/admin.md).
/// </summary>
internal static class ToolCommand
{
    public const string AdminName = "s3spec";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (LinuxOnly.Refusal() is { } refusal)
        {
            await error.WriteLineAsync("error: " + refusal).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (args.Length > 0 && args[0] == "serve")
        {
            ServeCommand serve;
            try
            {
                serve = ServeCommand.Parse(args[1..]);
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (serve.Help)
            {
                await output.WriteAsync(ServeCommand.HelpText).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            return await serve.RunAsync(output, (serverArgs, admin) => S3SpecHost.RunAsync(serverArgs, admin)).ConfigureAwait(false);
        }

        if (args.Length == 0 || args[0] is "-h" or "--help" or "-?")
        {
            await output.WriteAsync(Usage).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
        }

        var admin = new AdminCli(Environment.GetEnvironmentVariable, TerminalProgress.IsInteractive(Environment.GetEnvironmentVariable));
        admin.Root.Description = "S3Spec: an S3-compatible gateway over POSIX directories. `s3spec serve [DIR]` runs it; the other commands manage a data root's volumes, quotas and keys.";
        return await admin.RunAsync(args, output, error, CancellationToken.None).ConfigureAwait(false);
    }

    private const string Usage = """
        Usage:
          s3spec serve [DIR] [--ephemeral] [--connection-file FILE] [server settings]   run the server (see s3spec serve --help)
          s3spec volume|key|kubernetes ...                                             manage a data root (see below)
        """;
}
