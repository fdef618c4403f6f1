using System.Text;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>The shared head, top bar and footer of every page. The generator meta marks pages this tool may replace.</summary>
internal static class PageLayout
{
    public const string GeneratorMeta = "<meta name=\"generator\" content=\"S3Spec.LivingDoc\">";

    public static void Begin(StringBuilder html, string title, RunRecord run)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(GeneratorMeta).Append('\n')
            .Append("<title>").AppendText(title).Append(" — S3Spec living documentation</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n")
            .Append("<header class=\"topbar\"><a class=\"home\" href=\"index.html\">S3Spec · living documentation</a>")
            .Append("<nav class=\"site-nav\"><a href=\"index.html#features\">Features</a><a href=\"index.html#operations\">Operations</a>")
            .Append("<a href=\"").Append(GuidePage.FileName).Append("\">How to connect</a><a href=\"").Append(ErrorsPage.FileName).Append("\">Error codes</a></nav>")
            .Append("<span class=\"run\">");
        RunLine(html, run);
        html.Append("</span></header>\n<main>\n");
    }

    public static void End(StringBuilder html) =>
        html.Append("</main>\n<footer>Rendered by tests/S3Spec.LivingDoc from features/*.feature and the behaviour suite's result file.</footer>\n</body>\n</html>\n");

    public static void RunLine(StringBuilder html, RunRecord run)
    {
        html.Append("last run ");
        html.Append(run.StartedAt is null ? "(time unknown)" : HtmlText.Escape(FormatTime(run.StartedAt)));
        if (!string.IsNullOrEmpty(run.Target))
        {
            html.Append(" against ").AppendText(RunLabel.For(run.Target));
        }
    }

    /// <summary>"2026-11-26T13:01:13.775786+00:00" → "2026-11-26 13:01:13 +00:00".</summary>
    public static string FormatTime(string value) =>
        DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? time.ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)
            : value;
}
