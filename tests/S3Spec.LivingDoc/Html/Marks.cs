using System.Text;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>The status marks: a coloured pill with a symbol and a word, a bare symbol, counts and a stacked bar.</summary>
internal static class Marks
{
    public static string Symbol(Outcome outcome) => outcome switch
    {
        Outcome.Passed => "✓",
        Outcome.Failed => "✗",
        Outcome.Skipped => "–",
        Outcome.Undefined => "?",
        Outcome.Pending => "…",
        _ => "○",
    };

    public static StringBuilder Pill(this StringBuilder html, Outcome outcome) =>
        html.Append("<span class=\"pill st-").Append(Outcomes.Name(outcome)).Append("\">").Append(Symbol(outcome)).Append(' ')
            .Append(Outcomes.Label(outcome)).Append("</span>");

    public static StringBuilder Tag(this StringBuilder html, string tag) =>
        html.Append("<span class=\"tag\">@").AppendText(tag).Append("</span>");

    public static StringBuilder Tags(this StringBuilder html, IEnumerable<string> tags)
    {
        var list = tags.ToList();
        if (list.Count == 0)
        {
            return html;
        }

        html.Append("<span class=\"tags\">");
        foreach (var tag in list)
        {
            html.Tag(tag);
        }

        return html.Append("</span>");
    }

    /// <summary>"12 passed · 1 failed · 2 skipped · 3 not run", leaving out zero counts except passed.</summary>
    public static StringBuilder Counts(this StringBuilder html, Tally tally)
    {
        html.Append("<span class=\"counts\">");
        Count(html, tally.Passed, Outcome.Passed, always: true);
        Count(html, tally.Failed, Outcome.Failed, always: false);
        Count(html, tally.Skipped, Outcome.Skipped, always: false);
        Count(html, tally.NotRun, Outcome.NotRun, always: false);
        return html.Append("</span>");
    }

    public static StringBuilder Bar(this StringBuilder html, Tally tally)
    {
        html.Append("<span class=\"bar\" title=\"").Append(tally.Passed).Append(" passed, ").Append(tally.Failed).Append(" failed, ")
            .Append(tally.Skipped).Append(" skipped, ").Append(tally.NotRun).Append(" not run\">");
        if (tally.Total > 0)
        {
            Segment(html, tally.Passed, tally.Total, Outcome.Passed);
            Segment(html, tally.Failed, tally.Total, Outcome.Failed);
            Segment(html, tally.Skipped, tally.Total, Outcome.Skipped);
            Segment(html, tally.NotRun, tally.Total, Outcome.NotRun);
        }

        return html.Append("</span>");
    }

    private static void Count(StringBuilder html, int count, Outcome outcome, bool always)
    {
        if (count == 0 && !always)
        {
            return;
        }

        html.Append("<span class=\"count st-").Append(Outcomes.Name(outcome)).Append("\">").Append(count).Append(' ')
            .Append(Outcomes.Label(outcome)).Append("</span>");
    }

    private static void Segment(StringBuilder html, int count, int total, Outcome outcome)
    {
        if (count == 0)
        {
            return;
        }

        var percent = (count * 100.0 / total).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        html.Append("<span class=\"seg st-").Append(Outcomes.Name(outcome)).Append("\" style=\"width:").Append(percent).Append("%\"></span>");
    }
}
