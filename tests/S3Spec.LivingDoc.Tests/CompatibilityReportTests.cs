using S3Spec.LivingDoc.Compatibility;

namespace S3Spec.LivingDoc.Tests;

public class CompatibilityReportTests
{
    [Fact]
    public void Rows_are_features_and_rules_with_a_column_per_target_and_the_failures_named()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects);
        var a = Path.Combine(site.Root, "a.ndjson");
        var b = Path.Combine(site.Root, "b.ndjson");
        TempSite.WriteRun(a, site.Features, null, "endpoint http://127.0.0.1:1/",
            Samples.Case("features/objects.feature:7", "passed", "passed"),
            Samples.Case("features/objects.feature:11", "skipped:Target lacks the capability 'data-root'"),
            Samples.Case("features/objects.feature:22:28", "passed", "passed"),
            Samples.Case("features/objects.feature:22:29", "passed", "passed"));
        TempSite.WriteRun(b, site.Features, null, "endpoint http://127.0.0.1:2/ (checksums when required, chunk encoding off)",
            Samples.Case("features/objects.feature:7", "failed:HTTP 500 | <boom>"),
            Samples.Case("features/objects.feature:11", "skipped:Target lacks the capability 'data-root'"),
            Samples.Case("features/objects.feature:22:28", "passed", "failed:NoSuchKey"),
            Samples.Case("features/objects.feature:22:29", "passed", "failed:NoSuchKey"));
        var output = Path.Combine(site.Root, "docs", "compatibility.md");

        var summary = CompatibilityReport.Write(CompatibilityOptions.Parse(["--out", output, "--target", "One=" + a, "--target", "Two_2=" + b, "--note", "Two_2=restarted once"], site.Root));
        var md = File.ReadAllText(output);

        Assert.Contains("One: 3 passed, 0 failed; Two_2: 0 passed, 3 failed", summary, StringComparison.Ordinal);
        Assert.Contains("| One | 2026-11-26 13:01:13 +00:00 | endpoint http://127.0.0.1:1/ | 3 | 0 | 1 |  |", md, StringComparison.Ordinal);
        Assert.Contains("| Two\\_2 | 2026-11-26 13:01:13 +00:00 | endpoint http://127.0.0.1:2/ (checksums when required, chunk encoding off) | 0 | 3 | 1 | restarted once |", md, StringComparison.Ordinal);
        Assert.Contains("| feature › rule | One | Two\\_2 |", md, StringComparison.Ordinal);
        Assert.Contains("| Objects &lt;b&gt;bold&lt;/b&gt; › Written objects read back | ✓ 1 · ✗ 0 · – 1 | ✓ 0 · ✗ 1 · – 1<br>✗ A put reads back |", md, StringComparison.Ordinal);
        Assert.Contains("| ✓ 2 · ✗ 0 · – 0 | ✓ 0 · ✗ 2 · – 0<br>✗ A key with &lt;kind&gt; round-trips [space, a b.txt] [hash, issue\\#1] |", md, StringComparison.Ordinal);
        Assert.Contains("- **Objects &lt;b&gt;bold&lt;/b&gt; › Written objects read back › A put reads back** — When I put \"a.txt\" with \"&lt;script&gt;alert(1)&lt;/script&gt;\" (features/objects.feature:8): HTTP 500 \\| &lt;boom&gt;", md, StringComparison.Ordinal);
        Assert.Contains("### One (0)\n\nNone.", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "x")]
    [InlineData("--out", "r.md")]
    [InlineData("--out", "r.md", "--target", "a=1", "--target", "a=2")]
    [InlineData("--out", "r.md", "--target", "a=1", "--note", "b=text")]
    public void Bad_arguments_fail_with_a_message(params string[] args)
    {
        Assert.Throws<LivingDocException>(() => CompatibilityOptions.Parse(args, Path.GetTempPath()));
    }
}
