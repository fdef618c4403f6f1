using S3Spec.Admin;
using S3Spec.Admin.Cli;

return await new AdminCli(Environment.GetEnvironmentVariable, TerminalProgress.IsInteractive(Environment.GetEnvironmentVariable)).RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
