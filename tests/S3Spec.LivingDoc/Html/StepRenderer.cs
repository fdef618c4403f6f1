using System.Text;
using System.Text.RegularExpressions;
using Gherkin.Ast;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>Steps with their doc strings, data tables, status marks and the error of a failed step under it.</summary>
internal static partial class StepRenderer
{
    /// <summary>Renders steps; <paramref name="results"/> (by line) marks each step, <paramref name="placeholders"/>
    /// highlights &lt;name&gt; in an outline's steps.</summary>
    public static void Render(StringBuilder html, IEnumerable<Step> steps, IReadOnlyDictionary<int, StepRecord>? results, ISet<string>? placeholders)
    {
        html.Append("<ol class=\"steps\">\n");
        foreach (var step in steps)
        {
            var result = results?.GetValueOrDefault(step.Location.Line);
            var outcome = result?.Status;
            html.Append("<li class=\"step");
            if (outcome is { } o)
            {
                html.Append(" st-").Append(Outcomes.Name(o));
            }

            html.Append("\">");
            if (outcome is { } shown)
            {
                html.Append("<span class=\"mark\" title=\"").Append(Outcomes.Label(shown)).Append("\">").Append(Marks.Symbol(shown)).Append("</span>");
            }

            html.Append("<span class=\"kw\">").AppendText(step.Keyword.Trim()).Append("</span> <span class=\"text\">");
            Text(html, step.Text, placeholders);
            html.Append("</span>");
            switch (step.Argument)
            {
                case DocString doc:
                    DocString(html, doc.Content, doc.ContentType, placeholders);
                    break;
                case DataTable table:
                    Table(html, table.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => c.Value).ToList()).ToList(), placeholders);
                    break;
            }

            if (result?.Error is { Length: > 0 } error)
            {
                Error(html, error);
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
    }

    public static void Error(StringBuilder html, string error) =>
        html.Append("<pre class=\"error\">").AppendText(error.TrimEnd()).Append("</pre>");

    public static void DocString(StringBuilder html, string content, string? mediaType, ISet<string>? placeholders)
    {
        html.Append("<div class=\"docstring\">");
        if (!string.IsNullOrEmpty(mediaType))
        {
            html.Append("<span class=\"media\">").AppendText(mediaType).Append("</span>");
        }

        html.Append("<pre>");
        Text(html, content, placeholders);
        html.Append("</pre></div>");
    }

    /// <summary>A data table; its first row is shown as the header row.</summary>
    public static void Table(StringBuilder html, IReadOnlyList<IReadOnlyList<string>> rows, ISet<string>? placeholders)
    {
        html.Append("<table class=\"datatable\">");
        for (var r = 0; r < rows.Count; r++)
        {
            var cell = r == 0 ? "th" : "td";
            html.Append(r == 0 ? "<thead><tr>" : r == 1 ? "<tbody><tr>" : "<tr>");
            foreach (var value in rows[r])
            {
                html.Append('<').Append(cell).Append('>');
                Text(html, value, placeholders);
                html.Append("</").Append(cell).Append('>');
            }

            html.Append(r == 0 ? "</tr></thead>" : "</tr>");
        }

        html.Append(rows.Count > 1 ? "</tbody></table>" : "</table>");
    }

    /// <summary>Escaped text; &lt;name&gt; of a known placeholder is wrapped in a highlight.</summary>
    public static void Text(StringBuilder html, string text, ISet<string>? placeholders)
    {
        if (placeholders is null || placeholders.Count == 0)
        {
            html.AppendText(text);
            return;
        }

        var last = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            if (!placeholders.Contains(match.Groups[1].Value))
            {
                continue;
            }

            html.AppendText(text[last..match.Index]).Append("<span class=\"ph\">").AppendText(match.Value).Append("</span>");
            last = match.Index + match.Length;
        }

        html.AppendText(text[last..]);
    }

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex PlaceholderPattern();
}
