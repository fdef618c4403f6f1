using S3Spec.Server.Hosting;

return await S3SpecHost.RunAsync(args);
