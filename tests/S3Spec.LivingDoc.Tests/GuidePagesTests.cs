using System.Text.RegularExpressions;
using S3Spec.Core.Errors;
using S3Spec.LivingDoc.Html;

namespace S3Spec.LivingDoc.Tests;

/// <summary>The built site holds the connection guide and the whole error table, and every page links both.</summary>
public partial class GuidePagesTests
{
    [Fact]
    public void The_site_has_a_connection_guide_for_every_documented_client()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();

        SiteBuilder.Build(site.Options());

        var guide = File.ReadAllText(Path.Combine(site.Output, GuidePage.FileName));
        foreach (var id in new[] { "start", "credentials", "aws-cli", "boto3", "dotnet", "js", "rclone", "s3cmd", "example" })
        {
            Assert.Contains($"<section id=\"{id}\">", guide, StringComparison.Ordinal);
        }

        Assert.Contains("dotnet run --project src/S3Spec.Server", guide, StringComparison.Ordinal);
        Assert.Contains("aws --endpoint-url http://127.0.0.1:9000 s3 ls", guide, StringComparison.Ordinal);
        Assert.Contains("key show ACCESSKEY --secret", guide, StringComparison.Ordinal);
        Assert.Contains(PageLayout.GeneratorMeta, guide, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", guide, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalResource(), guide);
    }

    [Fact]
    public void The_error_page_lists_every_row_of_the_error_table_with_its_status()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();

        SiteBuilder.Build(site.Options());

        var page = File.ReadAllText(Path.Combine(site.Output, ErrorsPage.FileName));
        var rows = ErrorsPage.Rows();
        Assert.Contains(rows, r => r.Error == S3Errors.NoSuchBucket);
        Assert.True(rows.Count >= 50, $"only {rows.Count} rows");
        foreach (var (field, error) in rows)
        {
            Assert.Contains($"<tr id=\"{field}\"><td>{HtmlText.Escape(error.Code)}</td><td class=\"num\">{error.Status}</td><td>{HtmlText.Escape(error.Message)}</td></tr>", page, StringComparison.Ordinal);
        }

        Assert.Contains("<section id=\"authentication-and-authorization\"><h2>Authentication and authorization</h2>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_links_the_guide_and_the_error_codes_and_the_index_has_contents()
    {
        using var site = new TempSite().Feature("objects.feature", Samples.Objects).Run();

        SiteBuilder.Build(site.Options());

        foreach (var file in Directory.GetFiles(site.Output, "*.html"))
        {
            var html = File.ReadAllText(file);
            Assert.Contains("<a href=\"connect.html\">How to connect</a>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"errors.html\">Error codes</a>", html, StringComparison.Ordinal);
        }

        var index = File.ReadAllText(Path.Combine(site.Output, "index.html"));
        Assert.Contains("<nav class=\"contents\"", index, StringComparison.Ordinal);
        Assert.Contains("against a local S3Spec server", index, StringComparison.Ordinal);
        Assert.DoesNotContain("started by the suite", index, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process (S3Spec.Server started by the suite)", "a local S3Spec server")]
    [InlineData("container localhost/s3spec:dev (podman, host network)", "the S3Spec container image localhost/s3spec:dev")]
    [InlineData("endpoint http://127.0.0.1:9000", "the S3 endpoint http://127.0.0.1:9000")]
    public void The_run_label_is_written_for_readers(string target, string label) => Assert.Equal(label, RunLabel.For(target));

    [GeneratedRegex("(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
