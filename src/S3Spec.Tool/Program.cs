using S3Spec.Tool;

return await ToolCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
