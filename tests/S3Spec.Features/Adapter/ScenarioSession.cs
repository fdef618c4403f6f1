using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Reqnroll;
using S3Spec.Features.Drivers;
using S3Spec.Testing;
using Xunit;

namespace S3Spec.Features.Adapter;

/// <summary>
/// The xUnit class fixture that owns the Reqnroll test run: it starts the run once, starts and ends each feature once
/// (scenarios arrive in file order, see <see cref="ScenarioOrderer"/>), and writes the result file.
/// </summary>
public sealed class ScenarioSession : IAsyncLifetime
{
    private static readonly Assembly TestAssembly = typeof(ScenarioSession).Assembly;
    private static readonly TimeProvider Time = TimeProvider.System;
    private readonly ConcurrentDictionary<string, ScenarioResult> results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeatureInfo> features = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private ResultWriter? writer;
    private Task? runStart;
    private ITestRunner? runner;
    private string? currentFeature;

    public Task InitializeAsync()
    {
        writer = new ResultWriter(ResultPath(), FeatureCatalog.Default, TargetSelection.Description, Time.GetUtcNow());
        return Task.CompletedTask;
    }

    public async Task RunAsync(string scenarioId)
    {
        var scenario = FeatureCatalog.Default.Find(scenarioId)
            ?? throw new InvalidOperationException($"Scenario {scenarioId} is no longer in the feature files; rebuild the test project.");
        await gate.WaitAsync();
        ScenarioResult result;
        try
        {
            runStart ??= TestRunnerManager.OnTestRunStartAsync(TestAssembly);
            await runStart;
            var feature = FeatureInfoFor(scenario.Feature);
            runner ??= TestRunnerManager.GetTestRunnerForAssembly(TestAssembly, featureHint: feature);
            if (currentFeature != scenario.Uri)
            {
                if (currentFeature is not null)
                {
                    await runner.OnFeatureEndAsync();
                }

                currentFeature = scenario.Uri;
                await runner.OnFeatureStartAsync(feature);
            }

            result = await ScenarioExecutor.RunAsync(runner, scenario, Time);
        }
        catch (Exception ex)
        {
            var now = Time.GetUtcNow();
            result = new ScenarioResult(scenario, "failed", $"The test run could not start: {ex.GetType().Name}: {ex.Message}", [])
            {
                Exception = ex,
                Started = now,
                Finished = now,
                Before = new HookResult("failed", $"The test run could not start: {ex.GetType().Name}: {ex.Message}", ex, now, now),
            };
        }
        finally
        {
            gate.Release();
        }

        results[scenarioId] = result;
        writer?.Write(result);
        if (result.Status != "passed")
        {
            throw new ScenarioFailedException(result.Error ?? "failed", result.Exception);
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (runner is not null)
            {
                if (currentFeature is not null)
                {
                    await runner.OnFeatureEndAsync();
                }

                TestRunnerManager.ReleaseTestRunner(runner);
            }

            if (runStart is not null)
            {
                await TestRunnerManager.OnTestRunEndAsync(TestAssembly);
            }
        }
        finally
        {
            var now = Time.GetUtcNow();
            foreach (var scenario in FeatureCatalog.Default.Scenarios)
            {
                if (!results.ContainsKey(scenario.Id))
                {
                    writer?.Write(new ScenarioResult(scenario, "skipped", null, [], SkipPolicy.ReasonFor(scenario) ?? "not selected") { Started = now, Finished = now });
                }
            }

            writer?.Finish(Time.GetUtcNow());
            writer?.Dispose();
            gate.Dispose();
        }
    }

    private FeatureInfo FeatureInfoFor(FeatureHeader header)
    {
        if (!features.TryGetValue(header.Uri, out var info))
        {
            var folder = Path.GetDirectoryName(header.Uri) ?? "features";
            info = new FeatureInfo(new CultureInfo(header.Language), folder, header.Name, header.Description, ProgrammingLanguage.CSharp, [.. header.Tags]);
            features[header.Uri] = info;
        }

        return info;
    }

    private static string ResultPath()
    {
        var configured = Environment.GetEnvironmentVariable("S3SPEC_FEATURE_RESULTS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var root = RepoPaths.TryFindRoot();
        var directory = root is null
            ? Path.Combine(AppContext.BaseDirectory, "TestResults")
            : Path.Combine(root, "tests", "S3Spec.Features", "TestResults");
        return Path.Combine(directory, "features.ndjson");
    }
}
