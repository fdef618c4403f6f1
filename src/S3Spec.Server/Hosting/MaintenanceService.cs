using S3Spec.Storage.Contract;

namespace S3Spec.Server.Hosting;

/// <summary>
/// Maintenance at start, once more shortly after (temp files of writers killed just before the start are younger
/// than the writer-lock grace at the first pass), and then hourly, in the background: crash recovery of every volume's staging folder (temp
/// files of dead writers, claimed completes), and — opt-in, setting AbandonedUploadDays — aborting multipart uploads
/// left untouched for that many days, so failed uploads do not silently eat a volume's fixed capacity. The store
/// lets one sweeper run at a time across replicas.
/// </summary>
internal sealed partial class MaintenanceService(IStoreMaintenance store, StorageOptions options, TimeProvider time, ILogger<MaintenanceService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Longer than the storage's writer-lock grace (10 s), so the second pass removes every crash leftover.</summary>
    private static readonly TimeSpan SecondPass = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RunAsync(stoppingToken);
        await Task.Delay(SecondPass, time, stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await RunAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await store.RecoverAsync(stoppingToken);
            if (options.AbandonedUploadDays is { } days)
            {
                var aborted = await store.AbortStaleUploadsAsync(TimeSpan.FromDays(days), stoppingToken);
                LogSwept(logger, aborted, days);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Upload sweep aborted {Count} uploads untouched for {Days} days")]
    private static partial void LogSwept(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Maintenance failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
