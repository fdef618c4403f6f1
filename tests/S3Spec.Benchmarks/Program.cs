using System.Diagnostics;
using S3Spec.Benchmarks;
using S3Spec.Benchmarks.Workloads;

// The performance harness (docs/performance.md). Not a test: it measures and reports, it never asserts a timing.
// Exit code: 0, or 1 when a workload failed (an error of S3Spec or of a probe; a failing peer is only noted), 2 on bad arguments.
if (args is [CeilingProcess.Switch, var ceilingPort])
{
    return await CeilingProcess.ServeAsync(ceilingPort);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
Directory.CreateDirectory(options.Scratch);
LimitProbes.CanDropCaches = options.Scale.DropCaches;
var results = new RunResults();
var clock = Stopwatch.StartNew();
Console.WriteLine($"S3Spec benchmarks ({(options.Quick ? "quick" : "full")}), scratch {options.Scratch}");

var targets = new List<Target>();
var ran = new List<string>();
try
{
    Console.WriteLine("limit probes");
    results.Notes.Add($"probes: load average (1/5/15 min) at start {Machine.LoadAverage()} on {Environment.ProcessorCount} cores");
    var limits = await LimitProbes.RunAsync(options, results);
    ran.Add("probes");
    if (!LimitProbes.CanDropCaches)
    {
        results.Notes.Add(options.Scale.DropCaches
            ? "probes: the page cache could not be dropped (not root?): reads are from a warm cache"
            : "probes: --quick does not drop the page cache: reads are from a warm cache");
    }

    targets.Add(await Target.StartS3SpecAsync(options.Scratch));
    using (var warm = targets[0].CreateClient())
    {
        await targets[0].WarmUpAsync(warm);
    }
    foreach (var peer in options.Peers)
    {
        try
        {
            if (peer == "s3rver")
            {
                await Peers.EnsureS3rverAsync();
            }

            targets.Add(peer switch
            {
                "moto" => await Target.StartMotoAsync(options.Scratch),
                "s3rver" => await Target.StartS3rverAsync(options.Scratch),
                _ => throw new ArgumentException($"unknown peer {peer}"),
            });
        }
        catch (Exception ex)
        {
            results.Notes.Add($"probes: peer {peer} not started: {BenchContext.FirstLine(ex.Message)}");
        }
    }

    var ctx = new BenchContext(options, results, limits, targets);
    var workloads = new (string Name, Func<BenchContext, Task> Run)[]
    {
        ("putget", Throughput.PutGetAsync),
        ("multipart", Throughput.MultipartAsync),
        ("concurrent", Throughput.ConcurrentAsync),
        ("partcurve", PartSizeCurve.RunAsync),
        ("small", SmallOps.RunAsync),
        ("latency", SmallOps.LatencyAsync),
        ("wrk", WrkOps.RunAsync),
        ("clients", ClientsCurve.RunAsync),
        ("list", Listing.TreeAsync),
        ("listflat", Listing.FlatAsync),
        ("firstlist", Listing.FirstListingAsync),
        ("listcurve", ListingCurve.RunAsync),
        ("complete", Complete.RunAsync),
        ("cli", Cli.CopyAsync),
        ("sync", Cli.SyncAsync),
        ("start", Startup.RunAsync),
    };
    foreach (var (name, run) in workloads)
    {
        if (!options.Runs(name))
        {
            continue;
        }

        Console.WriteLine($"{name} ({clock.Elapsed.TotalSeconds:0} s, load {Machine.LoadAverage()})");
        results.Notes.Add($"{name}: load average (1/5/15 min) at start {Machine.LoadAverage()} on {Environment.ProcessorCount} cores");
        try
        {
            await run(ctx);
        }
        catch (Exception ex)
        {
            results.Errors.Add($"{name}: {ex}");
            results.Notes.Add($"{name}: FAILED: {ex.GetType().Name}: {BenchContext.FirstLine(ex.Message)}");
            Console.Error.WriteLine($"  {name} FAILED: {ex}");
        }

        ran.Add(name);
    }
}
catch (Exception ex)
{
    results.Errors.Add($"harness: {ex}");
    Console.Error.WriteLine(ex);
}
finally
{
    foreach (var target in targets)
    {
        await target.DisposeAsync();
    }
}

var output = options.Out ?? (options.Quick
    ? Path.Combine(RepoPaths.Root(), "artifacts", "benchmarks", "performance-quick.md")
    : Path.Combine(RepoPaths.Root(), "docs", "performance.md"));
Report.Write(output, results, ran, Machine.Describe());
Console.WriteLine($"wrote {output} ({clock.Elapsed.TotalSeconds:0} s); {results.Errors.Count} workload error(s)");
return results.Errors.Count == 0 ? 0 : 1;
