using S3Spec.LivingDoc.Html;

namespace S3Spec.LivingDoc.Tests;

public class SiteBuilderTests
{
    private const string Index = """
        areas:
          - name: Data
            features: [objects.feature]
        operations:
          - name: PutObject
            documentedBy:
              - feature: objects.feature
                rule: Written objects read back
        limitations:
          - name: Keys are paths & <names>
            documentedBy:
              - feature: objects.feature
                scenario: A key with <kind> round-trips
        """;

    [Fact]
    public void The_site_has_an_index_a_page_per_feature_and_one_stylesheet()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run(Samples.Case("features/objects.feature:7", "passed", "passed"));
        File.WriteAllText(Path.Combine(site.Features, "index.yaml"), Index);
        Directory.CreateDirectory(site.Output);
        File.WriteAllText(Path.Combine(site.Output, "removed.html"), "<html>" + PageLayout.GeneratorMeta + "</html>");
        File.WriteAllText(Path.Combine(site.Output, "mine.html"), "<html>not generated</html>");

        var summary = SiteBuilder.Build(site.Options());

        Assert.Contains("4 scenarios (1 passed, 0 failed, 0 skipped, 3 not run)", summary, StringComparison.Ordinal);
        Assert.Equal(["connect.html", "errors.html", "index.html", "mine.html", "objects.html", "style.css"], Directory.GetFiles(site.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var index = File.ReadAllText(Path.Combine(site.Output, "index.html"));
        Assert.Contains("<a href=\"objects.html#rule-L5\">Written objects read back</a>", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"objects.html#L22\">A key with &lt;kind&gt; round-trips</a>", index, StringComparison.Ordinal);
        Assert.Contains("Keys are paths &amp; &lt;names&gt;", index, StringComparison.Ordinal);
        Assert.DoesNotContain("http", File.ReadAllText(Path.Combine(site.Output, "style.css")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_links_the_compatibility_report_when_it_exists()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();
        var report = Path.Combine(site.Root, "docs", "compatibility.md");

        SiteBuilder.Build(site.Options() with { CompatibilityFile = report });
        Assert.DoesNotContain("compatibility report", File.ReadAllText(Path.Combine(site.Output, "index.html")), StringComparison.Ordinal);
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        File.WriteAllText(report, "# report");
        SiteBuilder.Build(site.Options() with { CompatibilityFile = report });

        Assert.Contains("<a href=\"../docs/compatibility.md\">the compatibility report</a>", File.ReadAllText(Path.Combine(site.Output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_entry_naming_a_missing_rule_fails_and_writes_nothing()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();
        File.WriteAllText(Path.Combine(site.Features, "index.yaml"), Index.Replace("Written objects read back", "Renamed rule", StringComparison.Ordinal));

        var e = Assert.Throws<LivingDocException>(() => SiteBuilder.Build(site.Options()));

        Assert.Equal("'index.yaml': 'PutObject' names the rule 'Renamed rule', which is not in features/objects.feature", e.Message);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Invalid_gherkin_is_reported_with_the_file()
    {
        using var site = new TempSite().Run().Feature("bad.feature", "Feature: x\n  Scenario: y\n    Given a\n  Examples:\n    | a |\n  nonsense | here\n");

        var e = Assert.Throws<LivingDocException>(() => SiteBuilder.Build(site.Options()));

        Assert.Contains("bad.feature' is not valid Gherkin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_index_file_that_is_missing_is_an_error_but_the_default_one_is_optional()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();

        SiteBuilder.Build(site.Options());
        Assert.Throws<LivingDocException>(() => SiteBuilder.Build(site.Options(Path.Combine(site.Root, "nope.yaml"))));
    }
}
