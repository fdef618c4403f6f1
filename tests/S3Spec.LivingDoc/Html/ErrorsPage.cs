using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using S3Spec.Core.Errors;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>
/// errors.html: every row of the error table (src/S3Spec.Core/Errors/S3Errors.cs) with its HTTP status and message,
/// read from the compiled table itself, grouped as the source groups them (its "// Group" comments) when the source is
/// at hand.
/// </summary>
internal static partial class ErrorsPage
{
    public const string FileName = "errors.html";

    public const string Title = "Error codes";

    public static IReadOnlyList<(string Field, S3Error Error)> Rows() =>
        typeof(S3Errors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(S3Error))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (f.Name, (S3Error)f.GetValue(null)!))
            .ToList();

    public static string Render(RunRecord run, string? source)
    {
        var groups = Groups(source);
        var html = new StringBuilder(32 * 1024);
        PageLayout.Begin(html, Title, run);
        html.Append("<div class=\"guide\"><nav class=\"crumbs\"><a href=\"index.html\">Index</a> › ").Append(Title).Append("</nav>\n")
            .Append("<header class=\"feature-head\"><h1>").Append(Title).Append("</h1>\n")
            .Append("<p class=\"lead\">Every error S3Spec answers comes from one table; this page is generated from it. An error is an XML body ")
            .Append("(<code>&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Message&gt;…&lt;/Message&gt;&lt;RequestId&gt;…&lt;/RequestId&gt;&lt;/Error&gt;</code>) with the HTTP status below ")
            .Append("(HEAD answers carry no body). The message shown is the row's default; many answers name the cause more precisely. ")
            .Append("A 500 <code>InternalError</code> is always a defect.</p></header>\n");
        string? current = null;
        var open = false;
        foreach (var (field, error) in Rows())
        {
            var group = groups.GetValueOrDefault(field) ?? "Errors";
            if (group != current)
            {
                if (open)
                {
                    html.Append("</tbody></table></section>\n");
                }

                html.Append("<section id=\"").Append(Slug(group)).Append("\"><h2>").AppendText(group).Append("</h2>\n")
                    .Append("<table class=\"index errors\"><thead><tr><th>Code</th><th class=\"num\">HTTP</th><th>Meaning</th></tr></thead><tbody>\n");
                current = group;
                open = true;
            }

            html.Append("<tr id=\"").AppendText(field).Append("\"><td>").AppendText(error.Code).Append("</td><td class=\"num\">").Append(error.Status)
                .Append("</td><td>").AppendText(error.Message).Append("</td></tr>\n");
        }

        if (open)
        {
            html.Append("</tbody></table></section>\n");
        }

        html.Append("</div>\n");
        PageLayout.End(html);
        return html.ToString();
    }

    /// <summary>Field name → the group comment above it in the source; empty without a source.</summary>
    private static Dictionary<string, string> Groups(string? source)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (source is null)
        {
            return result;
        }

        string? group = null;
        foreach (var line in source.Split('\n'))
        {
            var comment = GroupComment().Match(line);
            if (comment.Success)
            {
                group = comment.Groups[1].Value.Trim();
                continue;
            }

            var field = FieldDeclaration().Match(line);
            if (field.Success && group is not null)
            {
                result[field.Groups[1].Value] = group;
            }
        }

        return result;
    }

    private static string Slug(string text) => string.Concat(text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    [GeneratedRegex(@"^\s{4}//\s+(\S.*)$")]
    private static partial Regex GroupComment();

    [GeneratedRegex(@"public static readonly S3Error (\w+)\s*=")]
    private static partial Regex FieldDeclaration();
}
