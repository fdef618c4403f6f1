using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Tests;

public class ResultFileReaderTests
{
    [Fact]
    public void Run_and_scenario_lines_are_read_with_arguments_steps_and_errors()
    {
        var text = string.Join('\n', Samples.RunLine,
            Samples.Scenario("features/objects.feature:22:29", 29, "Keys round-trip", "A key with hash round-trips", "failed",
                Samples.Step("When", "I put \"issue#1\"", 23, "passed") + "," + Samples.Step("Then", "I read \"issue#1\"", 24, "failed", "boom"),
                """{"kind":"hash","key":"issue#1"}""", "Step failed"));

        var results = ResultFileReader.Read(new StringReader(text), "r.ndjson");

        Assert.Equal("process", results.Run.Target);
        Assert.Equal(["features/objects.feature"], results.Run.Features);
        var s = Assert.Single(results.Scenarios);
        Assert.Equal("features/objects.feature:22:29", s.Id);
        Assert.Equal(Outcome.Failed, s.Status);
        Assert.Equal("Step failed", s.Error);
        Assert.Equal([new("kind", "hash"), new("key", "issue#1")], s.Arguments);
        Assert.Equal(Outcome.Failed, s.Steps[1].Status);
        Assert.Equal("boom", s.Steps[1].Error);
        Assert.Equal(24, s.Steps[1].Line);
    }

    [Fact]
    public void A_broken_line_is_reported_with_its_number()
    {
        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(new StringReader(Samples.RunLine + "\n{not json"), "r.ndjson"));
        Assert.Contains("'r.ndjson' line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_status_is_refused()
    {
        var line = Samples.Scenario("features/objects.feature:7", 7, "R", "S", "exploded", "");
        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(new StringReader(Samples.RunLine + "\n" + line), "r.ndjson"));
        Assert.Contains("unknown status 'exploded'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_the_run_line_is_refused()
    {
        var line = Samples.Scenario("features/objects.feature:7", 7, "R", "S", "passed", "");
        Assert.Throws<LivingDocException>(() => ResultFileReader.Read(new StringReader(line), "r.ndjson"));
        Assert.Throws<LivingDocException>(() => ResultFileReader.Read(new StringReader(""), "r.ndjson"));
    }

    [Fact]
    public void A_missing_file_names_the_command_that_writes_it()
    {
        var e = Assert.Throws<LivingDocException>(() => ResultFileReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.ndjson")));
        Assert.Contains("dotnet test tests/S3Spec.Features", e.Message, StringComparison.Ordinal);
    }
}
