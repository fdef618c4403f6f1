using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using S3Spec.Server.Hosting;
using S3Spec.Storage.Contract;
using Xunit;

namespace S3Spec.Server.Tests.Hosting;

public sealed class MaintenanceServiceTests
{
    [Fact]
    public async Task Recovery_runs_at_start_and_again_after_the_writer_lock_grace()
    {
        var store = RecordingStore.Create();
        using var service = new MaintenanceService(store, new StorageOptions(), TimeProvider.System, NullLogger<MaintenanceService>.Instance);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await service.StartAsync(CancellationToken.None);
        try
        {
            var calls = (RecordingStore)(object)store;
            while (calls.Recoveries < 2 && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }

            Assert.Equal(2, calls.Recoveries);
            Assert.InRange(calls.SecondAt - calls.FirstAt, TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(60));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A store maintenance that only records RecoverAsync calls (every other member is unused here).</summary>
    public class RecordingStore : DispatchProxy
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private int recoveries;

        public int Recoveries => Volatile.Read(ref recoveries);

        public TimeSpan FirstAt { get; private set; }

        public TimeSpan SecondAt { get; private set; }

        public static IStoreMaintenance Create() => Create<IStoreMaintenance, RecordingStore>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IStoreMaintenance.RecoverAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            var n = Interlocked.Increment(ref recoveries);
            if (n == 1)
            {
                FirstAt = clock.Elapsed;
            }
            else if (n == 2)
            {
                SecondAt = clock.Elapsed;
            }

            return Task.CompletedTask;
        }
    }
}
