using System.Globalization;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>The AWS CLI v2 (/usr/bin/aws): `aws s3 cp` of one large file, `aws s3 sync` of many small files.</summary>
internal static class Cli
{
    private const string Aws = "/usr/bin/aws";

    public static async Task CopyAsync(BenchContext ctx)
    {
        var size = ctx.Scale.BigObject;
        var local = Path.Combine(ctx.Options.Scratch, $"cli-{size}.bin");
        if (!File.Exists(local) || new FileInfo(local).Length != size)
        {
            await using var file = File.Create(local);
            await new PatternStream(size).CopyToAsync(file, 1 << 20);
        }

        var back = local + ".back";
        await ctx.ForEachTargetAsync("cli", withPeers: ctx.Scale.PeersOnCli, async (target, client) =>
        {
            await target.CreateBucketAsync(client, "bench-cli");
            var up = await TimedAsync(target, $"{Aws} --endpoint-url {target.Endpoint} s3 cp '{local}' s3://bench-cli/big.bin --no-progress --only-show-errors");
            await LimitProbes.DropCachesAsync();
            var down = await TimedAsync(target, $"{Aws} --endpoint-url {target.Endpoint} s3 cp s3://bench-cli/big.bin '{back}' --no-progress --only-show-errors");
            File.Delete(back);
            await client.DeleteObjectAsync("bench-cli", "big.bin");
            var mib = BenchContext.MiB(size);
            ctx.Results.Add(new ResultRow("cli", target.Name, $"aws s3 cp up {mib:0} MiB", mib / up.Seconds, "MiB/s", mib / up.Seconds / ctx.Limits.PutLimit, up.ChildCpu, up.ServerCpu, Note: "client CPU = the aws process"));
            ctx.Results.Add(new ResultRow("cli", target.Name, $"aws s3 cp down {mib:0} MiB", mib / down.Seconds, "MiB/s", mib / down.Seconds / ctx.Limits.GetLimit, down.ChildCpu, down.ServerCpu, Note: "client CPU = the aws process"));
        });
    }

    public static async Task SyncAsync(BenchContext ctx)
    {
        await ctx.ForEachTargetAsync("sync", withPeers: ctx.Scale.PeersOnCli, async (target, client) =>
        {
            var files = target.Kind == TargetKind.S3Spec ? ctx.Scale.SyncFiles : ctx.Scale.PeerSyncFiles;
            var dirs = Math.Max(1, files / 1000);
            var source = Path.Combine(ctx.Options.Scratch, $"sync-src-{files}");
            if (!File.Exists(Path.Combine(source, ".complete")))
            {
                Fixtures.Write(Path.Combine(source, "data"), dirs, files / dirs);
                await File.WriteAllTextAsync(Path.Combine(source, ".complete"), "");
            }

            var dest = ScratchDir.Create(ctx.Options.Scratch, "sync-back-");
            try
            {
                await target.CreateBucketAsync(client, "bench-sync");
                var up = await TimedAsync(target, $"{Aws} --endpoint-url {target.Endpoint} s3 sync '{source}/data' s3://bench-sync/s --no-progress --only-show-errors");
                var down = await TimedAsync(target, $"{Aws} --endpoint-url {target.Endpoint} s3 sync s3://bench-sync/s '{dest}' --no-progress --only-show-errors");
                var got = Directory.EnumerateFiles(dest, "*", SearchOption.AllDirectories).Count();
                if (got != files)
                {
                    throw new InvalidOperationException($"aws s3 sync down brought {got} files, expected {files}");
                }

                var count = files.ToString("#,0", CultureInfo.InvariantCulture);
                ctx.Results.Add(new ResultRow("sync", target.Name, $"aws s3 sync up {count} files", files / up.Seconds, "files/s", ClientCpu: up.ChildCpu, ServerCpu: up.ServerCpu, Note: $"{up.Seconds:0.0} s"));
                ctx.Results.Add(new ResultRow("sync", target.Name, $"aws s3 sync down {count} files", files / down.Seconds, "files/s", ClientCpu: down.ChildCpu, ServerCpu: down.ServerCpu, Note: $"{down.Seconds:0.0} s"));
            }
            finally
            {
                Directory.Delete(dest, recursive: true);
            }
        });
    }

    private static async Task<(double Seconds, double? ChildCpu, double? ServerCpu)> TimedAsync(Target target, string command)
    {
        var scope = new CpuScope(target.Pid);
        var result = await Shell.RunAsync(command, target.CliEnvironment());
        var m = scope.Stop();
        result.EnsureSuccess(command);
        return (result.Seconds, result.ChildCpu, m.ServerCpu);
    }
}
