using System.IO.Pipelines;
using S3Spec.Core.Errors;
using S3Spec.Server.Protocol;

namespace S3Spec.Server.Tests.Protocol;

public sealed class IdleTimeoutPipeReaderTests
{
    [Fact]
    public async Task ASilentBodyEndsWithRequestTimeoutAndIsMarkedAbandoned()
    {
        var pipe = new Pipe();
        var state = new RequestBodyState();
        using var reader = new IdleTimeoutPipeReader(pipe.Reader, TimeSpan.FromMilliseconds(300), state, TimeProvider.System);
        await pipe.Writer.WriteAsync(new byte[1000]);

        var first = await reader.ReadAsync();
        Assert.Equal(1000, first.Buffer.Length);
        reader.AdvanceTo(first.Buffer.End);

        // The client sends nothing more and does not close: the next read must end, not wait forever.
        var e = await Assert.ThrowsAsync<S3Exception>(async () => await reader.ReadAsync());
        Assert.Same(S3Errors.RequestTimeout, e.Error);
        Assert.True(state.Abandoned);
    }

    [Fact]
    public async Task ABodyThatKeepsComingIsReadWhole()
    {
        var pipe = new Pipe();
        var state = new RequestBodyState();
        using var reader = new IdleTimeoutPipeReader(pipe.Reader, TimeSpan.FromSeconds(5), state, TimeProvider.System);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await pipe.Writer.WriteAsync(new byte[100]);
                await Task.Delay(20);
            }

            await pipe.Writer.CompleteAsync();
        });

        long total = 0;
        while (true)
        {
            var result = await reader.ReadAsync();
            total += result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await writer;
        Assert.Equal(1000, total);
        Assert.False(state.Abandoned);
    }

    [Fact]
    public async Task ACancelAskedByTheCallerIsPassedOnAsACancelledRead()
    {
        var pipe = new Pipe();
        using var reader = new IdleTimeoutPipeReader(pipe.Reader, TimeSpan.FromSeconds(30), new RequestBodyState(), TimeProvider.System);
        var read = reader.ReadAsync();
        reader.CancelPendingRead();
        var result = await read;
        Assert.True(result.IsCanceled);
    }
}
