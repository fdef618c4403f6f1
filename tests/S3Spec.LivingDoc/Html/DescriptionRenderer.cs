using System.Text;

namespace S3Spec.LivingDoc.Html;

/// <summary>
/// A Gherkin description as paragraphs (separated by blank lines); lines starting with "- " or "* " make a list.
/// `Backquoted` spans are code. Nothing else is interpreted: the text is escaped.
/// </summary>
internal static class DescriptionRenderer
{
    public static void Render(StringBuilder html, string? description, string cssClass = "description")
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return;
        }

        html.Append("<div class=\"").Append(cssClass).Append("\">");
        var paragraph = new List<string>();
        var items = new List<string>();
        foreach (var raw in description.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush(html, paragraph, items);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal))
            {
                FlushParagraph(html, paragraph);
                items.Add(line[2..].TrimStart());
            }
            else if (items.Count > 0)
            {
                items[^1] += " " + line;
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush(html, paragraph, items);
        html.Append("</div>\n");
    }

    /// <summary>Escaped text where `backquoted` spans (when they pair up) are shown as code.</summary>
    public static void Inline(StringBuilder html, string text)
    {
        var parts = text.Split('`');
        if (parts.Length % 2 == 0)
        {
            html.AppendText(text);
            return;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                html.Append("<code>").AppendText(parts[i]).Append("</code>");
            }
            else
            {
                html.AppendText(parts[i]);
            }
        }
    }

    private static void Flush(StringBuilder html, List<string> paragraph, List<string> items)
    {
        FlushParagraph(html, paragraph);
        if (items.Count == 0)
        {
            return;
        }

        html.Append("<ul>");
        foreach (var item in items)
        {
            html.Append("<li>");
            Inline(html, item);
            html.Append("</li>");
        }

        html.Append("</ul>");
        items.Clear();
    }

    private static void FlushParagraph(StringBuilder html, List<string> paragraph)
    {
        if (paragraph.Count == 0)
        {
            return;
        }

        html.Append("<p>");
        Inline(html, string.Join(' ', paragraph));
        html.Append("</p>");
        paragraph.Clear();
    }
}
