using S3Spec.Server.Hosting;

if (Probe.IsRequested(args)) return await Probe.RunAsync(args);
return await S3SpecHost.RunAsync(args);
