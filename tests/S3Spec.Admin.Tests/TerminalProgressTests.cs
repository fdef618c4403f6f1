using S3Spec.Admin.Cli;

namespace S3Spec.Admin.Tests;

public sealed class TerminalProgressTests : IDisposable
{
    private readonly AdminHarness h = new();

    public void Dispose() => h.Dispose();

    [Fact]
    public void OnATerminalTheStatusLineIsRewrittenInPlaceAndClearedAtTheEnd()
    {
        var error = new StringWriter();
        using (var progress = new TerminalProgress(error, enabled: true, TimeProvider.System))
        {
            progress.Report("Counting the usage of photos (1/2)...", force: true);
            progress.Report("Counting (2/2)", force: true);
        }

        Assert.Equal(
            "\rCounting the usage of photos (1/2)..." + "\rCounting (2/2)" + new string(' ', 23) + "\r" + new string(' ', 14) + "\r",
            error.ToString());
    }

    [Fact]
    public void WhenNotATerminalNothingIsWritten()
    {
        var error = new StringWriter();
        using (var progress = new TerminalProgress(error, enabled: false, TimeProvider.System))
        {
            progress.Report("Counting", force: true);
        }

        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task VolumeListShowsProgressOnATerminalOnly()
    {
        h.Volume("alpha");
        h.Volume("beta");

        var piped = await h.Run("volume", "list");
        piped.AssertOk();
        Assert.Equal("", piped.Err);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new AdminCli(_ => null, interactive: true).RunAsync(["--data-root", h.DataRoot, "volume", "list"], output, error, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Equal(piped.Out, output.ToString());
        Assert.Contains("\rCounting the usage of alpha (1/2)...", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\rCounting the usage of beta (2/2)...", error.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("\r", error.ToString(), StringComparison.Ordinal);
    }
}
