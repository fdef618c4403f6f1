using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Tests;

public class CatalogTests
{
    [Fact]
    public void Ids_names_and_tags_follow_the_suite()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).ResultLines(Samples.RunLine);

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
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).ResultLines(Samples.RunLine,
            Samples.Scenario("features/objects.feature:7", 7, "Written objects read back", "A put reads back", "passed", ""),
            Samples.Scenario("features/objects.feature:22:29", 29, "Keys round-trip", "A key with hash round-trips", "failed", "", """{"kind":"hash","key":"issue#1"}"""));

        var catalog = site.Catalog();

        Assert.Equal([Outcome.Passed, Outcome.NotRun, Outcome.NotRun, Outcome.Failed], catalog.Cases.Select(c => c.Outcome));
        Assert.Equal(new Tally(1, 1, 0, 2), Tally.Of(catalog.Cases));
        Assert.Empty(catalog.Results.Unused);
    }

    [Fact]
    public void A_result_whose_lines_moved_is_found_by_name_and_one_whose_name_changed_is_not_used()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).ResultLines(Samples.RunLine,
            Samples.Scenario("features/objects.feature:5", 5, "Written objects read back", "A put reads back", "passed", ""),
            Samples.Scenario("features/objects.feature:11", 11, "Written objects read back", "An old name", "failed", ""));

        var catalog = site.Catalog();

        Assert.Equal(Outcome.Passed, catalog.Cases[0].Outcome);
        Assert.Equal(Outcome.NotRun, catalog.Cases[1].Outcome);
        Assert.Equal("An old name", Assert.Single(catalog.Results.Unused).Scenario);
    }
}
