using S3Spec.Storage;

namespace S3Spec.Server.Hosting;

/// <summary>
/// Opt-in (setting AbandonedUploadDays): aborts multipart uploads left untouched for that many days, at start and
/// then hourly, so failed uploads do not silently eat a volume's fixed capacity. The store lets one sweeper run at a
/// time across replicas.
/// </summary>
internal sealed partial class UploadSweeperService(IObjectStore store, StorageOptions options, TimeProvider time, ILogger<UploadSweeperService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.AbandonedUploadDays is not { } days)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var aborted = await store.AbortStaleUploadsAsync(TimeSpan.FromDays(days), stoppingToken);
                LogSwept(logger, aborted, days);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Upload sweep aborted {Count} uploads untouched for {Days} days")]
    private static partial void LogSwept(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Upload sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
