using System.Text.Json;
using System.Text.RegularExpressions;
using S3Spec.Differential.Generation;
using S3Spec.Differential.Protocol;
using S3Spec.Differential.Running;
using S3Spec.Differential.Servers;
using Xunit;
using Xunit.Abstractions;

namespace S3Spec.Differential;

/// <summary>S3Spec, moto and the boto3 executor, started once for the tests of <see cref="DifferentialTests"/> and stopped by PID.</summary>
public sealed class DifferentialWorld : IAsyncLifetime
{
    internal Harness Harness { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Harness = await Harness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Harness is not null)
        {
            await Harness.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one <see cref="DifferentialWorld"/> (one S3Spec, one moto, one boto3 executor).</summary>
[CollectionDefinition(Name)]
public sealed class DifferentialCollection : ICollectionFixture<DifferentialWorld>
{
    public const string Name = "differential";
}

/// <summary>
/// The CI part of the differential run (docs/differential.md): a fixed set of seeds and the raw-HTTP probes find
/// nothing the divergence table does not declare. Any number of seeds: `dotnet run --project tests/S3Spec.Differential`.
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed partial class DifferentialTests(DifferentialWorld world, ITestOutputHelper output)
{
    /// <summary>The CI seeds: 8 sequences of 80 operations (about two minutes on a busy 2-core machine).</summary>
    public const int CiSeeds = 8;
    public const int CiOps = 80;

    [Fact]
    public async Task The_ci_seeds_find_no_undeclared_divergence()
    {
        var log = new StringWriter();
        var summary = await new SeedRun(world.Harness, log, shrink: true, shrinkRuns: 60).RunAsync(Enumerable.Range(1, CiSeeds), CiOps, CancellationToken.None);
        output.WriteLine(summary.ToString());
        output.WriteLine(log.ToString());
        Assert.True(summary.Steps >= CiSeeds * CiOps / 2, $"only {summary.Steps} steps ran");
        Assert.True(summary.Findings.Count == 0, string.Join("\n", summary.Findings));
    }

    [Fact]
    public async Task The_raw_http_layer_matches_moto_or_is_declared()
    {
        var report = await new ProtocolProbes(world.Harness).RunAsync(CancellationToken.None);
        output.WriteLine(report.ToString());
        Assert.True(report.Results.Count >= 10, "probes did not run");
        Assert.Empty(report.Failures);
    }

    [Fact]
    public void Every_divergence_has_an_id_a_reason_and_an_existing_document()
    {
        var root = RepoPaths.Root();
        Assert.Equal(Divergences.All.Count, Divergences.All.Select(d => d.Id).Distinct().Count());
        var entries = Divergences.All.Select(d => (d.Id, d.Reason, d.Documented)).Concat(Divergences.Protocol.Select(d => (d.Id, d.Reason, d.Documented)));
        foreach (var (id, reason, documented) in entries)
        {
            Assert.True(reason.Length > 40, $"{id}: the reason is missing");
            foreach (Match m in DocumentReference().Matches(documented))
            {
                var file = Path.Combine(root, m.Groups["file"].Value);
                Assert.True(File.Exists(file), $"{id}: {m.Groups["file"].Value} does not exist");
                if (m.Groups["rule"].Success && file.EndsWith(".feature", StringComparison.Ordinal))
                {
                    var text = File.ReadAllText(file);
                    Assert.True(text.Contains(m.Groups["rule"].Value.Trim(), StringComparison.Ordinal), $"{id}: {m.Groups["file"].Value} has no \"{m.Groups["rule"].Value.Trim()}\"");
                }
            }
        }
    }

    [Fact]
    public void A_seed_always_generates_the_same_steps()
    {
        var a = JsonSerializer.Serialize(SequenceGenerator.Generate(42, 200), Reproduction.Json);
        var b = JsonSerializer.Serialize(SequenceGenerator.Generate(42, 200), Reproduction.Json);
        Assert.Equal(a, b);
        Assert.NotEqual(a, JsonSerializer.Serialize(SequenceGenerator.Generate(43, 200), Reproduction.Json));
    }

    [Fact]
    public async Task Without_moto_the_harness_fails_with_a_clear_message()
    {
        var before = Environment.GetEnvironmentVariable("S3SPEC_PYTHON");
        Environment.SetEnvironmentVariable("S3SPEC_PYTHON", "/nonexistent/python3");
        try
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(MotoProcess.EnsureInstalledAsync);
            Assert.Contains("moto", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("S3SPEC_PYTHON", before);
        }
    }

    [GeneratedRegex(@"(?<file>(features|docs|src)/[\w./-]+)(, (Rule|Scenario): (?<rule>[^;]+))?")]
    private static partial Regex DocumentReference();
}
