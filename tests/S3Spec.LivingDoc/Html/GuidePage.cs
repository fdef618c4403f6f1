using System.Reflection;
using System.Text;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>connect.html: how to start S3Spec and configure each client (the text is Html/connect.html, embedded).</summary>
internal static class GuidePage
{
    public const string FileName = "connect.html";

    public const string Title = "How to connect";

    public static string Render(RunRecord run)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("S3Spec.LivingDoc.connect.html")
            ?? throw new InvalidOperationException("the connection guide is not embedded");
        using var reader = new StreamReader(stream);
        var html = new StringBuilder(16 * 1024);
        PageLayout.Begin(html, Title, run);
        html.Append("<div class=\"guide\">\n").Append(reader.ReadToEnd()).Append("</div>\n");
        PageLayout.End(html);
        return html.ToString();
    }
}
