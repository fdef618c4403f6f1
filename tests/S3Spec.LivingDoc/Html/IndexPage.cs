using System.Text;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>index.html: the run's totals, the features by area, the operation and limitation indexes, the tags.</summary>
internal static class IndexPage
{
    public static string Render(Catalog catalog, IndexMapping? mapping, string indexName, string? compatibilityHref = null)
    {
        var html = new StringBuilder(64 * 1024);
        var tally = Tally.Of(catalog.Cases);
        PageLayout.Begin(html, "Index", catalog.Results.Run);
        html.Append("<header class=\"feature-head\"><h1>S3Spec — the S3 API as it behaves</h1>\n")
            .Append("<p class=\"lead\">Every page is a feature of <code>features/</code>, the executable specification; each scenario shows the result of the behaviour suite's ");
        PageLayout.RunLine(html, catalog.Results.Run);
        html.Append(".</p>\n<div class=\"totals\">");
        Total(html, tally.Passed, Outcome.Passed);
        Total(html, tally.Failed, Outcome.Failed);
        Total(html, tally.Skipped, Outcome.Skipped);
        Total(html, tally.NotRun, Outcome.NotRun);
        html.Append("</div>").Bar(tally).Append("</header>\n");
        Contents(html, mapping, compatibilityHref is not null, catalog.Results.Unused.Any());
        if (compatibilityHref is not null)
        {
            html.Append("<p class=\"area-summary\" id=\"compatibility\">How other S3 servers (moto_server, s3rver) and S3Spec itself fare against these ")
                .Append("features through the suite's endpoint target: <a href=\"").AppendText(compatibilityHref).Append("\">the compatibility report</a>.</p>\n");
        }

        Areas(html, catalog, mapping, indexName);
        if (mapping is not null)
        {
            Entries(html, "operations", "Operations", "Which features and rules document each S3 operation.", "Operation", mapping.Operations, catalog, indexName);
            Entries(html, "limitations", "Limitations", "Each limitation of the documented API, and where its behaviour is specified.", "Limitation", mapping.Limitations, catalog, indexName);
        }

        Tags(html, catalog);
        Unused(html, catalog);
        PageLayout.End(html);
        return html.ToString();
    }

    /// <summary>The page's contents: its sections (each area of the features), the guide and the error table.</summary>
    private static void Contents(StringBuilder html, IndexMapping? mapping, bool compatibility, bool stale)
    {
        html.Append("<nav class=\"contents\" aria-label=\"Contents\"><ul>")
            .Append("<li><strong>Start</strong><a href=\"").Append(GuidePage.FileName).Append("\">How to connect</a></li>")
            .Append("<li><a href=\"#features\">Features</a>");
        if (mapping is { Areas.Count: > 0 })
        {
            html.Append("<ul>");
            foreach (var area in mapping.Areas)
            {
                html.Append("<li><a href=\"#").Append(AreaId(area.Name)).Append("\">").AppendText(area.Name).Append("</a></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</li>");
        if (mapping is { Operations.Count: > 0 })
        {
            html.Append("<li><a href=\"#operations\">Operations</a></li>");
        }

        if (mapping is { Limitations.Count: > 0 })
        {
            html.Append("<li><a href=\"#limitations\">Limitations</a></li>");
        }

        html.Append("<li><a href=\"#tags\">Tags</a></li>")
            .Append("<li><a href=\"").Append(ErrorsPage.FileName).Append("\">Error codes</a></li>");
        if (compatibility)
        {
            html.Append("<li><a href=\"#compatibility\">Compatibility</a></li>");
        }

        if (stale)
        {
            html.Append("<li><a href=\"#stale\">Results without a scenario</a></li>");
        }

        html.Append("</ul></nav>\n");
    }

    private static string AreaId(string name) => "area-" + string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static void Total(StringBuilder html, int count, Outcome outcome) =>
        html.Append("<div class=\"total st-").Append(Outcomes.Name(outcome)).Append("\"><span class=\"n\">").Append(count)
            .Append("</span><span class=\"what\">").Append(Marks.Symbol(outcome)).Append(' ').Append(Outcomes.Label(outcome)).Append("</span></div>");

    private static void Areas(StringBuilder html, Catalog catalog, IndexMapping? mapping, string indexName)
    {
        html.Append("<section id=\"features\"><h2>Features</h2>\n");
        var listed = new HashSet<FeatureSource>();
        foreach (var area in mapping?.Areas ?? [])
        {
            var features = area.Features.Select(name => catalog.Features.FirstOrDefault(f => f.RelativePath == name || f.Uri == name)
                ?? throw new LivingDocException($"'{indexName}': the area '{area.Name}' names the feature '{name}', which is not in the features folder")).ToList();
            listed.UnionWith(features);
            FeatureTable(html, area.Name, area.Summary, features, catalog);
        }

        var rest = catalog.Features.Where(f => !listed.Contains(f)).ToList();
        if (rest.Count > 0)
        {
            FeatureTable(html, listed.Count == 0 ? null : "Other features", null, rest, catalog);
        }

        html.Append("</section>\n");
    }

    private static void FeatureTable(StringBuilder html, string? title, string? summary, IReadOnlyList<FeatureSource> features, Catalog catalog)
    {
        if (title is not null)
        {
            html.Append("<h3 id=\"").Append(AreaId(title)).Append("\">").AppendText(title).Append("</h3>\n");
        }

        if (!string.IsNullOrWhiteSpace(summary))
        {
            html.Append("<p class=\"area-summary\">").AppendText(summary).Append("</p>\n");
        }

        html.Append("<table class=\"index\"><thead><tr><th>Feature</th><th>Tags</th><th class=\"num\">Scenarios</th><th>Results</th></tr></thead><tbody>\n");
        foreach (var feature in features)
        {
            var tally = Tally.Of(catalog.Cases.Where(c => c.Feature == feature));
            html.Append("<tr><td><span class=\"mark st-").Append(Outcomes.Name(tally.Overall)).Append("\">").Append(Marks.Symbol(tally.Overall))
                .Append("</span> <a href=\"").AppendText(feature.PageName).Append("\">").AppendText(feature.Feature.Name).Append("</a>")
                .Append("<div class=\"sub\">");
            DescriptionRenderer.Inline(html, FirstSentence(feature.Feature.Description));
            html.Append("</div></td><td>")
                .Tags(catalog.Cases.Where(c => c.Feature == feature).SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                .Append("</td><td class=\"num\">").Append(tally.Total).Append("</td><td>").Counts(tally).Bar(tally).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    private static void Entries(StringBuilder html, string id, string title, string intro, string column, IReadOnlyList<IndexEntry> entries, Catalog catalog, string indexName)
    {
        if (entries.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"").Append(id).Append("\"><h2>").Append(title).Append("</h2>\n<p class=\"area-summary\">").Append(intro).Append("</p>\n")
            .Append("<table class=\"index entries\"><thead><tr><th>").Append(column).Append("</th><th>Documented by</th><th>Results</th></tr></thead><tbody>\n");
        foreach (var entry in entries)
        {
            var references = IndexResolver.Resolve(entry, catalog, indexName);
            var tally = Tally.Of(references.SelectMany(r => r.Cases).Distinct());
            html.Append("<tr><td><strong>").AppendText(entry.Name).Append("</strong>");
            if (!string.IsNullOrWhiteSpace(entry.Summary))
            {
                html.Append("<div class=\"sub\">").AppendText(entry.Summary).Append("</div>");
            }

            html.Append("</td><td>");
            if (references.Count == 0)
            {
                html.Append("<span class=\"muted\">no scenario yet</span>");
            }
            else
            {
                html.Append("<ul class=\"refs\">");
                foreach (var group in references.GroupBy(r => r.Feature))
                {
                    html.Append("<li><a class=\"feature-ref\" href=\"").AppendText(group.Key.PageName).Append("\">").AppendText(group.Key.Feature.Name).Append("</a>");
                    var narrowed = group.Where(r => r.Rule is not null || r.Scenario is not null).ToList();
                    if (narrowed.Count > 0)
                    {
                        html.Append("<ul>");
                        foreach (var reference in narrowed)
                        {
                            html.Append("<li><a href=\"").AppendText(reference.Href).Append("\">").AppendText(Label(reference)).Append("</a></li>");
                        }

                        html.Append("</ul>");
                    }

                    html.Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("</td><td>");
            if (tally.Total > 0)
            {
                html.Counts(tally).Bar(tally);
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    /// <summary>The rule and/or scenario a reference narrows its feature to.</summary>
    private static string Label(ResolvedReference reference) =>
        reference.Rule is not null && reference.Scenario is not null ? $"{reference.Rule.Name} › {reference.Scenario.Name}"
        : reference.Scenario is not null ? reference.Scenario.Name
        : reference.Rule?.Name ?? reference.Feature.Feature.Name;

    private static void Tags(StringBuilder html, Catalog catalog)
    {
        var tags = catalog.Cases.SelectMany(c => c.Tags.Distinct(StringComparer.Ordinal).Select(t => (Tag: t, Case: c)))
            .GroupBy(x => x.Tag, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"tags\"><h2>Tags</h2>\n<table class=\"index tag-table\"><thead><tr><th>Tag</th><th>Features</th><th>Results</th></tr></thead><tbody>\n");
        foreach (var group in tags)
        {
            var tally = Tally.Of(group.Select(x => x.Case));
            html.Append("<tr><td>").Tag(group.Key).Append("</td><td>");
            var first = true;
            foreach (var feature in group.Select(x => x.Case.Feature).Distinct())
            {
                html.Append(first ? "" : ", ").Append("<a href=\"").AppendText(feature.PageName).Append("\">").AppendText(feature.Feature.Name).Append("</a>");
                first = false;
            }

            html.Append("</td><td>").Counts(tally).Append("</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Unused(StringBuilder html, Catalog catalog)
    {
        var unused = catalog.Results.Unused.ToList();
        if (unused.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"stale\"><h2>Results without a scenario</h2>\n<p class=\"area-summary\">The result file has results for scenarios the feature files no longer contain (renamed or removed since the run).</p><ul>\n");
        foreach (var s in unused)
        {
            html.Append("<li>").Pill(s.Status).Append(" <code>").AppendText(s.Id).Append("</code> ").AppendText(s.Scenario).Append("</li>\n");
        }

        html.Append("</ul></section>\n");
    }

    private static string FirstSentence(string? description)
    {
        var text = string.Join(' ', (description ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }
}
