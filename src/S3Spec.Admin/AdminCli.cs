using System.CommandLine;
using S3Spec.Admin.Cli;
using S3Spec.Admin.Keys;
using S3Spec.Admin.Volumes;

namespace S3Spec.Admin;

/// <summary>The root of the admin command: volume, key and kubernetes commands (docs/admin.md).</summary>
internal sealed class AdminCli
{
    private readonly GlobalOptions globals;

    /// <param name="environment">Reads environment variables (S3SPEC__DATAROOT, S3SPEC__KEYSFILE).</param>
    /// <param name="interactive">Stderr is a terminal: long commands show a status line there (<see cref="TerminalProgress"/>).</param>
    public AdminCli(Func<string, string?> environment, bool interactive = false)
    {
        globals = new GlobalOptions(environment, interactive);
        var binder = new CommandBinder(globals);
        Root = new RootCommand("S3Spec administration: volumes, quotas and access keys of a data root. A running server picks every change up within seconds.")
        {
            globals.DataRoot,
            globals.KeysFile,
            VolumeCommands.Build(binder),
            KeyCommands.Build(binder),
            KubernetesCommands.Build(binder),
        };
    }

    public RootCommand Root { get; }

    /// <summary>Parses and runs <paramref name="args"/>; a parse error is one line on <paramref name="error"/> and exit code 1.</summary>
    public async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parse = Root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            return CommandBinder.Fail(error, ExitCodes.Usage, parse.Errors[0].Message + " (see --help)");
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
