using System.Text;
using Gherkin.Ast;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>An Examples block as a table with a result column; a failed row is followed by its failing step and error.</summary>
internal static class ExamplesRenderer
{
    public static void Render(StringBuilder html, FeatureSource feature, Scenario scenario, Examples examples, Catalog catalog)
    {
        html.Append("<section class=\"examples\">\n<h4><span class=\"kw\">").AppendText(examples.Keyword.Trim()).Append(":</span> ")
            .AppendText(examples.Name).Append("</h4>");
        html.Tags(Catalog.TagNames(examples.Tags));
        DescriptionRenderer.Render(html, examples.Description);
        if (examples.TableHeader is null)
        {
            html.Append("</section>\n");
            return;
        }

        var columns = examples.TableHeader.Cells.Count() + 1;
        html.Append("<table class=\"datatable examples-table\"><thead><tr><th class=\"result\">result</th>");
        foreach (var cell in examples.TableHeader.Cells)
        {
            html.Append("<th>").AppendText(cell.Value).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in examples.TableBody)
        {
            var c = catalog.Find(feature, scenario, row);
            var outcome = c?.Outcome ?? Outcome.NotRun;
            html.Append("<tr class=\"st-").Append(Outcomes.Name(outcome)).Append("\" id=\"L").Append(row.Location.Line).Append("\"><td class=\"result\">")
                .Pill(outcome).Append("</td>");
            foreach (var cell in row.Cells)
            {
                html.Append("<td>").AppendText(cell.Value).Append("</td>");
            }

            html.Append("</tr>\n");
            if (c?.Result is { } result && outcome is not Outcome.Passed and not Outcome.NotRun)
            {
                Detail(html, result, columns);
            }
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    private static void Detail(StringBuilder html, ScenarioRecord result, int columns)
    {
        var failed = result.Steps.FirstOrDefault(s => s.Status is Outcome.Failed or Outcome.Undefined or Outcome.Pending);
        var text = failed?.Error ?? result.Error;
        if (result.Status == Outcome.Skipped)
        {
            text = result.SkipReason;
        }

        if (failed is null && string.IsNullOrEmpty(text))
        {
            return;
        }

        html.Append("<tr class=\"row-detail\"><td colspan=\"").Append(columns).Append("\">");
        if (failed is not null && result.Status != Outcome.Skipped)
        {
            html.Append("<p><span class=\"mark\">").Append(Marks.Symbol(failed.Status)).Append("</span> <span class=\"kw\">").AppendText(failed.Keyword)
                .Append("</span> ").AppendText(failed.Text).Append(" <span class=\"line\">line ").Append(failed.Line).Append("</span></p>");
        }

        if (!string.IsNullOrEmpty(text))
        {
            if (result.Status == Outcome.Skipped)
            {
                html.Append("<p class=\"skip-reason\">Skipped: ").AppendText(text).Append("</p>");
            }
            else
            {
                StepRenderer.Error(html, text);
            }
        }

        html.Append("</td></tr>\n");
    }
}
