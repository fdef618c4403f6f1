using S3Spec.Admin;

return await new AdminCli(Environment.GetEnvironmentVariable).RunAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
