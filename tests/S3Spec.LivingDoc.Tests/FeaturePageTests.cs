using S3Spec.LivingDoc.Html;

namespace S3Spec.LivingDoc.Tests;

public class FeaturePageTests
{
    private static string Render(params SampleCase[] results) => Render(Samples.Objects, results);

    private static string Render(string feature, params SampleCase[] results)
    {
        using var site = new TempSite().Feature("objects.feature", feature).Run(results);
        var catalog = site.Catalog();
        return FeaturePage.Render(catalog.Features[0], catalog);
    }

    [Fact]
    public void Text_from_the_feature_is_escaped_everywhere()
    {
        var html = Render();

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.Contains("Objects &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;", html, StringComparison.Ordinal);
        Assert.Contains("doc &lt;string&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Contains("a file &amp; more.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Doc_strings_data_tables_rules_and_tags_are_rendered()
    {
        var html = Render();

        Assert.Contains("<div class=\"docstring\"><pre>doc &lt;string&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"datatable\"><thead><tr><th>key</th><th>value</th></tr></thead><tbody><tr><td>&lt;x&gt;</td><td>a &amp; b</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<section class=\"rule\" id=\"rule-L5\">", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tag\">@area</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_step_shows_its_error_under_it_and_the_next_step_is_skipped()
    {
        var html = Render(Samples.Case("features/objects.feature:7", "failed:expected <1> & got 2", "skipped"));

        var article = Between(html, "id=\"L7\"", "</article>");
        Assert.Contains("<span class=\"pill st-failed\">", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"step st-failed\">", article, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"error\">expected &lt;1&gt; &amp; got 2</pre>", article, StringComparison.Ordinal);
        Assert.Contains("<li class=\"step st-skipped\">", article, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_in_a_background_step_is_shown_under_the_scenario()
    {
        var html = Render(Samples.WithBackground, Samples.Case("features/objects.feature:6", "failed:disk & full", "skipped"));

        var article = Between(html, "id=\"L6\"", "</article>");
        Assert.Contains("Background step failed: <span class=\"kw\">Given</span> a background &lt;step&gt;", article, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"error\">disk &amp; full</pre>", article, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_in_the_scenario_hooks_is_shown_under_the_scenario()
    {
        var html = Render(Samples.CaseWithFailingHook("features/objects.feature:7", "IOException: cleanup & more", "passed", "passed"));

        var article = Between(html, "id=\"L7\"", "</article>");
        Assert.Contains("<span class=\"pill st-failed\">", article, StringComparison.Ordinal);
        Assert.Contains("The scenario failed:</p><pre class=\"error\">IOException: cleanup &amp; more</pre>", article, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_without_a_result_is_marked_not_run()
    {
        var html = Render();

        Assert.Contains("st-not-run\" id=\"L11\"", html, StringComparison.Ordinal);
        Assert.Contains("○ not run</span>", Between(html, "id=\"L11\"", "</article>"), StringComparison.Ordinal);
    }

    [Fact]
    public void Examples_rows_get_a_mark_each_and_a_failed_row_its_error()
    {
        var html = Render(
            Samples.Case("features/objects.feature:22:28", "passed", "passed"),
            Samples.Case("features/objects.feature:22:29", "passed", "failed:NoSuchKey"));

        var table = Between(html, "<table class=\"datatable examples-table\">", "</table>");
        Assert.Contains("<tr class=\"st-passed\" id=\"L28\">", table, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"st-failed\" id=\"L29\">", table, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"error\">NoSuchKey</pre>", table, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ph\">&lt;key&gt;</span>", html, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{start}' not found");
        var j = text.IndexOf(end, i, StringComparison.Ordinal);
        return text[i..j];
    }
}
