using System.Text;
using Gherkin.Ast;
using S3Spec.LivingDoc.Input;

namespace S3Spec.LivingDoc.Html;

/// <summary>One scenario with its result, or one outline with an Examples table marked per row.</summary>
internal static class ScenarioRenderer
{
    public static void Render(StringBuilder html, FeatureSource feature, Scenario scenario, Catalog catalog)
    {
        var isOutline = scenario.Examples.Any();
        var cases = catalog.Cases.Where(c => c.Feature == feature && ReferenceEquals(c.Scenario, scenario)).ToList();
        var tally = Tally.Of(cases);
        var single = isOutline ? null : cases.FirstOrDefault();
        var outcome = single?.Outcome ?? tally.Overall;

        html.Append("<article class=\"scenario st-").Append(Outcomes.Name(outcome)).Append("\" id=\"").Append(Anchors.Scenario(scenario)).Append("\">\n");
        html.Append("<div class=\"scenario-head\">").Pill(outcome).Append("<h3><span class=\"kw\">").AppendText(scenario.Keyword.Trim())
            .Append(":</span> ").AppendText(scenario.Name).Append("</h3>");
        if (isOutline)
        {
            html.Counts(tally);
        }

        html.Append("<a class=\"line\" href=\"#").Append(Anchors.Scenario(scenario)).Append("\">line ").Append(scenario.Location.Line).Append("</a></div>\n");
        html.Tags(Catalog.TagNames(scenario.Tags));
        DescriptionRenderer.Render(html, scenario.Description);

        if (isOutline)
        {
            var placeholders = scenario.Examples.Where(e => e.TableHeader is not null)
                .SelectMany(e => e.TableHeader.Cells.Select(c => c.Value)).ToHashSet(StringComparer.Ordinal);
            StepRenderer.Render(html, scenario.Steps, null, placeholders);
            foreach (var examples in scenario.Examples)
            {
                ExamplesRenderer.Render(html, feature, scenario, examples, catalog);
            }
        }
        else
        {
            RenderResult(html, scenario, single);
        }

        html.Append("</article>\n");
    }

    private static void RenderResult(StringBuilder html, Scenario scenario, ScenarioCase? single)
    {
        var result = single?.Result;
        var ownLines = scenario.Steps.Select(s => s.Location.Line).ToHashSet();
        StepRenderer.Render(html, scenario.Steps, result is null ? null : ResultsByLine(scenario.Steps, result), null);
        if (result is null)
        {
            return;
        }

        if (result.Status == Outcome.Skipped && !string.IsNullOrEmpty(result.SkipReason))
        {
            html.Append("<p class=\"skip-reason\">Skipped: ").AppendText(result.SkipReason).Append("</p>\n");
        }

        // A failure in a background step, or one no step carries (a hook), is shown under the scenario.
        var shown = false;
        foreach (var step in result.Steps)
        {
            if (!ownLines.Contains(step.Line) && step.Status is Outcome.Failed or Outcome.Undefined or Outcome.Pending)
            {
                html.Append("<div class=\"outside-error\"><p>").Append(Marks.Symbol(step.Status)).Append(" Background step ").Append(Outcomes.Label(step.Status))
                    .Append(": <span class=\"kw\">").AppendText(step.Keyword).Append("</span> ").AppendText(step.Text)
                    .Append(" <span class=\"line\">line ").Append(step.Line).Append("</span></p>");
                StepRenderer.Error(html, step.Error ?? Outcomes.Label(step.Status));
                html.Append("</div>\n");
                shown = true;
            }
            else if (step.Error is { Length: > 0 } && ownLines.Contains(step.Line))
            {
                shown = true;
            }
        }

        if (!shown && result.Status == Outcome.Failed && !string.IsNullOrEmpty(result.Error))
        {
            html.Append("<div class=\"outside-error\"><p>The scenario failed:</p>");
            StepRenderer.Error(html, result.Error);
            html.Append("</div>\n");
        }
    }

    /// <summary>Step results by line, kept only where the text still matches the feature file.</summary>
    public static Dictionary<int, StepRecord> ResultsByLine(IEnumerable<Step> steps, ScenarioRecord result)
    {
        var byLine = new Dictionary<int, StepRecord>();
        var texts = steps.ToDictionary(s => s.Location.Line, s => s.Text);
        foreach (var step in result.Steps)
        {
            if (texts.TryGetValue(step.Line, out var text) && text == step.Text)
            {
                byLine[step.Line] = step;
            }
        }

        return byLine;
    }
}
