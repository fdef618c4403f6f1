using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Tests;

public class CatalogTests
{
    [Fact]
    public void Ids_names_and_tags_follow_the_suite()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();

        var cases = site.Catalog().Cases;

        Assert.Equal(["features/objects.feature:7", "features/objects.feature:11", "features/objects.feature:22:28", "features/objects.feature:22:29"],
            cases.Select(c => c.Id));
        Assert.Equal("A key with hash round-trips", cases[3].Name);
        Assert.Equal(["area"], cases[0].Tags);
        Assert.All(cases, c => Assert.Equal(Outcome.NotRun, c.Outcome));
    }

    [Fact]
    public void Results_are_matched_by_id_and_an_outline_row_by_its_row_line()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run(
            Samples.Case("features/objects.feature:7", "passed", "passed"),
            Samples.Case("features/objects.feature:22:29", "passed", "failed:NoSuchKey"));

        var catalog = site.Catalog();

        Assert.Equal([Outcome.Passed, Outcome.NotRun, Outcome.NotRun, Outcome.Failed], catalog.Cases.Select(c => c.Outcome));
        Assert.Equal(new Tally(1, 1, 0, 2), Tally.Of(catalog.Cases));
        Assert.Empty(catalog.Results.Unused);
    }

    [Fact]
    public void A_result_whose_lines_moved_is_found_by_name_and_one_whose_name_changed_is_not_used()
    {
        // The run saw the feature two lines shorter at the top, and the second scenario under an older name.
        var old = Samples.Objects.Replace("@area\n", "", StringComparison.Ordinal).Replace("  An object is a file & more.\n", "", StringComparison.Ordinal)
            .Replace("Scenario: Never run", "Scenario: An old name", StringComparison.Ordinal);
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).RunOf(("objects.feature", old),
            Samples.Case("features/objects.feature:5", "passed", "passed"),
            Samples.Case("features/objects.feature:9", "failed:boom"));

        var catalog = site.Catalog();

        Assert.Equal(Outcome.Passed, catalog.Cases[0].Outcome);
        Assert.Equal(Outcome.NotRun, catalog.Cases[1].Outcome);
        Assert.Equal("An old name", Assert.Single(catalog.Results.Unused).Scenario);
    }
}
