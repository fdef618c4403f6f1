using System.Text;
using Gherkin.Ast;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>One page per feature: description, contents, background, scenarios, and each Rule as a section.</summary>
internal static class FeaturePage
{
    public static string Render(FeatureSource source, Catalog catalog)
    {
        var feature = source.Feature;
        var html = new StringBuilder(64 * 1024);
        var tally = Tally.Of(catalog.Cases.Where(c => c.Feature == source));
        PageLayout.Begin(html, feature.Name, catalog.Results.Run);

        html.Append("<nav class=\"crumbs\"><a href=\"index.html\">Index</a> › ").AppendText(feature.Name).Append("</nav>\n");
        html.Append("<header class=\"feature-head\"><h1><span class=\"kw\">").AppendText(feature.Keyword.Trim()).Append(":</span> ")
            .AppendText(feature.Name).Append("</h1>\n<p class=\"meta\"><code>").AppendText(source.Uri).Append("</code> ");
        html.Tags(Catalog.TagNames(feature.Tags)).Append("</p>\n<p class=\"summary\">").Counts(tally).Bar(tally).Append("</p></header>\n");
        DescriptionRenderer.Render(html, feature.Description, "description lead");

        Contents(html, source, catalog);

        foreach (var child in feature.Children)
        {
            switch (child)
            {
                case Background background:
                    Background(html, background);
                    break;
                case Scenario scenario:
                    ScenarioRenderer.Render(html, source, scenario, catalog);
                    break;
                case Rule rule:
                    RuleSection(html, source, rule, catalog);
                    break;
            }
        }

        PageLayout.End(html);
        return html.ToString();
    }

    private static void RuleSection(StringBuilder html, FeatureSource source, Rule rule, Catalog catalog)
    {
        var tally = Tally.Of(catalog.Cases.Where(c => c.Feature == source && ReferenceEquals(c.Rule, rule)));
        html.Append("<section class=\"rule\" id=\"").Append(Anchors.Rule(rule)).Append("\">\n<div class=\"rule-head\"><h2><span class=\"kw\">")
            .AppendText(rule.Keyword.Trim()).Append(":</span> ").AppendText(rule.Name).Append("</h2>").Counts(tally).Append("</div>\n");
        html.Tags(Catalog.TagNames(rule.Tags));
        DescriptionRenderer.Render(html, rule.Description);
        foreach (var child in rule.Children)
        {
            switch (child)
            {
                case Background background:
                    Background(html, background);
                    break;
                case Scenario scenario:
                    ScenarioRenderer.Render(html, source, scenario, catalog);
                    break;
            }
        }

        html.Append("</section>\n");
    }

    private static void Background(StringBuilder html, Background background)
    {
        html.Append("<div class=\"background\"><h3><span class=\"kw\">").AppendText(background.Keyword.Trim()).Append(":</span> ")
            .AppendText(background.Name).Append("</h3>");
        DescriptionRenderer.Render(html, background.Description);
        StepRenderer.Render(html, background.Steps, null, null);
        html.Append("</div>\n");
    }

    private static void Contents(StringBuilder html, FeatureSource source, Catalog catalog)
    {
        html.Append("<nav class=\"toc\"><h2>Contents</h2><ul>\n");
        foreach (var child in source.Feature.Children)
        {
            switch (child)
            {
                case Scenario scenario:
                    ContentsItem(html, source, scenario, catalog);
                    break;
                case Rule rule:
                    html.Append("<li class=\"toc-rule\"><a href=\"#").Append(Anchors.Rule(rule)).Append("\">").AppendText(rule.Name).Append("</a><ul>\n");
                    foreach (var scenario in rule.Children.OfType<Scenario>())
                    {
                        ContentsItem(html, source, scenario, catalog);
                    }

                    html.Append("</ul></li>\n");
                    break;
            }
        }

        html.Append("</ul></nav>\n");
    }

    private static void ContentsItem(StringBuilder html, FeatureSource source, Scenario scenario, Catalog catalog)
    {
        var tally = Tally.Of(catalog.Cases.Where(c => c.Feature == source && ReferenceEquals(c.Scenario, scenario)));
        var outcome = tally.Overall;
        html.Append("<li><span class=\"mark st-").Append(Outcomes.Name(outcome)).Append("\" title=\"").Append(Outcomes.Label(outcome)).Append("\">")
            .Append(Marks.Symbol(outcome)).Append("</span> <a href=\"#").Append(Anchors.Scenario(scenario)).Append("\">").AppendText(scenario.Name).Append("</a>");
        if (tally.Total > 1)
        {
            html.Append(" <span class=\"muted\">(").Append(tally.Passed).Append('/').Append(tally.Total).Append(" examples passed)</span>");
        }

        html.Append("</li>\n");
    }
}
