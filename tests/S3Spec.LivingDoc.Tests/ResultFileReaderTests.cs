using System.Text;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Tests;

public class ResultFileReaderTests
{
    [Fact]
    public void A_test_case_is_read_with_its_names_arguments_steps_and_errors()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run(
            Samples.Case("features/objects.feature:22:29", "passed", "failed:boom"));

        var results = ResultFileReader.Read(site.Results);

        Assert.Equal("process", results.Run.Target);
        Assert.Equal("2026-11-26 13:01:13 +00:00", Html.PageLayout.FormatTime(results.Run.StartedAt!));
        Assert.Equal(["features/objects.feature"], results.Run.Features);
        var s = Assert.Single(results.Scenarios);
        Assert.Equal("features/objects.feature:22:29", s.Id);
        Assert.Equal(29, s.Line);
        Assert.Equal(22, s.ScenarioLine);
        Assert.Equal("Objects <b>bold</b>", s.Feature);
        Assert.Equal("Keys round-trip", s.Rule);
        Assert.Equal("A key with hash round-trips", s.Scenario);
        Assert.Equal("A key with <kind> round-trips", s.Outline);
        Assert.Equal(Outcome.Failed, s.Status);
        Assert.Equal("boom", s.Error);
        Assert.Equal([new("kind", "hash"), new("key", "issue#1")], s.Arguments);
        Assert.Equal(("When", "I put \"issue#1\"", 23, Outcome.Passed), (s.Steps[0].Keyword, s.Steps[0].Text, s.Steps[0].Line, s.Steps[0].Status));
        Assert.Equal((Outcome.Failed, "boom", 24), (s.Steps[1].Status, s.Steps[1].Error, s.Steps[1].Line));
    }

    [Fact]
    public void A_skipped_test_case_carries_its_reason_and_a_pickle_without_a_test_case_has_no_result()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run(
            Samples.Case("features/objects.feature:11", "skipped:Target endpoint lacks the capability 'data-root'", "skipped"));

        var s = Assert.Single(ResultFileReader.Read(site.Results).Scenarios);

        Assert.Equal(Outcome.Skipped, s.Status);
        Assert.Equal("Target endpoint lacks the capability 'data-root'", s.SkipReason);
        Assert.All(s.Steps, step => Assert.Null(step.Error));
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_number()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();
        var first = File.ReadLines(site.Results).First();
        site.ResultLines(first, "{not json");

        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(site.Results));

        Assert.Contains("features.ndjson' line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_status_is_refused()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run(Samples.Case("features/objects.feature:7", "passed", "passed"));
        site.ResultLines([.. File.ReadLines(site.Results).Select(l => l.Replace("\"PASSED\"", "\"EXPLODED\"", StringComparison.Ordinal))]);

        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(site.Results));

        Assert.Contains("'EXPLODED' is not a TestStepResultStatus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_does_not_hold_together_is_refused()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run(Samples.Case("features/objects.feature:7", "passed", "passed"));
        var lines = File.ReadLines(site.Results).ToList();

        site.ResultLines([.. lines.Where(l => !l.StartsWith("{\"testCaseStarted\"", StringComparison.Ordinal))]);
        var noStart = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(site.Results));
        site.ResultLines([.. lines.SkipLast(1)]);
        var unfinished = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(site.Results));

        Assert.Contains("is not a whole run of the behaviour suite", noStart.Message, StringComparison.Ordinal);
        Assert.Contains("which was never sent", noStart.Message, StringComparison.Ordinal);
        Assert.Contains("ends without testRunFinished", unfinished.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_and_the_old_format_are_refused()
    {
        Assert.Throws<LivingDocException>(() => ResultFileReader.Read(new MemoryStream(), "r.ndjson"));
        var old = """{"type":"run","startedAt":"2026-11-26T13:01:13+00:00","target":"process","features":[]}""";
        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(old)), "r.ndjson"));
        Assert.Contains("the first envelope must be meta", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_command_that_writes_it()
    {
        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.ndjson")));
        Assert.Contains("dotnet test tests/S3Spec.Features", e.Message, StringComparison.Ordinal);
    }
}
