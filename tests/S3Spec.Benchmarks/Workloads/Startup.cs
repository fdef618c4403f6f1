using System.Diagnostics;
using Amazon.S3.Model;

namespace S3Spec.Benchmarks.Workloads;

/// <summary>
/// Server start over the 1M-file tree (page cache dropped): process start to the first HTTP answer, for the build
/// output (everything JIT-compiled) and, in full runs, for the server published for linux-x64 the way the container
/// image is (ReadyToRun). The goal is judged on the published server, which is what operators run.
/// </summary>
internal static class Startup
{
    public static async Task RunAsync(BenchContext ctx)
    {
        var root = Fixtures.Tree(ctx.Options.Scratch, ctx.Scale.TreeDirs, ctx.Scale.TreeFilesPerDir);
        var builds = new List<(string Label, string? Dll)> { ("build output", null) };
        if (!ctx.Options.Quick)
        {
            builds.Add(("published ReadyToRun", await PublishAsync(ctx)));
        }

        var best = 0.0;
        var label = "";
        foreach (var (name, dll) in builds)
        {
            var times = new List<double>();
            for (var i = 0; i < ctx.Scale.StartRuns; i++)
            {
                await LimitProbes.DropCachesAsync();
                await using var server = await Target.StartS3SpecAsync(ctx.Options.Scratch, root, dll);
                var cpu = ProcStats.CpuSeconds(server.Pid);
                using var client = server.CreateClient();
                var first = Stopwatch.StartNew();
                await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "tree", MaxKeys = 1000 });
                times.Add(server.StartTime.TotalMilliseconds);
                ctx.Results.Add(new ResultRow("start", server.Name, $"start to first answer, {name}, {ctx.Scale.TreeFiles:#,0} files (run {i + 1})", server.StartTime.TotalMilliseconds, "ms",
                    ServerCpu: cpu, Note: $"then first list page {first.Elapsed.TotalMilliseconds:0} ms; cache dropped; includes dotnet runtime start; server CPU at the first answer"));
            }

            best = times.Min();
            label = $"{best:0} ms ({name}, best of {times.Count}, process start to first HTTP answer)";
        }

        await using (var empty = await Target.StartS3SpecAsync(ctx.Options.Scratch, serverDll: builds[^1].Dll))
        {
            ctx.Results.Add(new ResultRow("start", empty.Name, $"start to first answer, {builds[^1].Label}, empty data root", empty.StartTime.TotalMilliseconds, "ms", Note: "warm cache"));
        }

        ctx.Results.Goal("start", $"server start with {ctx.Scale.TreeFiles:#,0} files < 1 s", label, best < 1000);
    }

    private static async Task<string> PublishAsync(BenchContext ctx)
    {
        var dir = Path.Combine(ctx.Options.Scratch, "publish-server");
        var project = Path.Combine(RepoPaths.Root(), "src", "S3Spec.Server");
        var r = await Shell.RunAsync($"rm -rf '{dir}' && dotnet publish '{project}' -c Release -r linux-x64 -o '{dir}' -p:UseAppHost=false --nologo -v quiet");
        r.EnsureSuccess("dotnet publish of the server");
        return Path.Combine(dir, "S3Spec.Server.dll");
    }
}
