namespace S3Spec.LivingDoc.Input;

/// <summary>How many scenario cases passed, failed, were skipped or have no result.</summary>
internal readonly record struct Tally(int Passed, int Failed, int Skipped, int NotRun)
{
    public int Total => Passed + Failed + Skipped + NotRun;

    /// <summary>Failed if any failed; passed if all passed; else skipped if any was skipped; else not run.</summary>
    public Outcome Overall => Failed > 0 ? Outcome.Failed
        : Total > 0 && Passed == Total ? Outcome.Passed
        : Skipped > 0 || Passed > 0 ? Outcome.Skipped
        : Outcome.NotRun;

    public static Tally Of(IEnumerable<ScenarioCase> cases) => Of(cases.Select(c => c.Outcome));

    public static Tally Of(IEnumerable<ScenarioRecord> results) => Of(results.Select(r => r.Status));

    public static Tally Of(IEnumerable<Outcome> outcomes)
    {
        int passed = 0, failed = 0, skipped = 0, notRun = 0;
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case Outcome.Passed:
                    passed++;
                    break;
                case Outcome.Skipped:
                    skipped++;
                    break;
                case Outcome.NotRun:
                    notRun++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        return new Tally(passed, failed, skipped, notRun);
    }
}
