using Gherkin;
using Gherkin.Ast;

namespace S3Spec.Features.Adapter;

/// <summary>
/// Turns a parsed feature into runnable scenarios: backgrounds (feature and rule) prepended, outlines expanded
/// per Examples row with &lt;placeholders&gt; substituted in names, step text, doc strings and tables.
/// </summary>
internal static class GherkinCompiler
{
    public static IEnumerable<ScenarioCase> Compile(GherkinDocument document, string uri, Func<int> nextOrder)
    {
        var feature = document.Feature;
        if (feature is null)
        {
            yield break;
        }

        var header = new FeatureHeader(uri, feature.Name, feature.Description?.Trim() ?? "", feature.Language, TagNames(feature.Tags));
        var featureBackground = feature.Children.OfType<Background>().FirstOrDefault();
        foreach (var child in feature.Children)
        {
            switch (child)
            {
                case Scenario scenario:
                    foreach (var c in Expand(header, null, Steps(featureBackground), scenario, nextOrder))
                    {
                        yield return c;
                    }

                    break;
                case Rule rule:
                    var ruleHeader = new RuleHeader(rule.Name, rule.Description?.Trim() ?? "", TagNames(rule.Tags));
                    var background = Steps(featureBackground).Concat(Steps(rule.Children.OfType<Background>().FirstOrDefault())).ToList();
                    foreach (var scenario in rule.Children.OfType<Scenario>())
                    {
                        foreach (var c in Expand(header, ruleHeader, background, scenario, nextOrder))
                        {
                            yield return c;
                        }
                    }

                    break;
            }
        }
    }

    private static IEnumerable<Step> Steps(Background? background) => background?.Steps ?? [];

    private static IEnumerable<ScenarioCase> Expand(FeatureHeader feature, RuleHeader? rule, IEnumerable<Step> background, Scenario scenario, Func<int> nextOrder)
    {
        var steps = background.Concat(scenario.Steps).ToList();
        var scenarioTags = TagNames(scenario.Tags);
        var examples = scenario.Examples.ToList();
        if (examples.Count == 0)
        {
            yield return new ScenarioCase($"{feature.Uri}:{scenario.Location.Line}", nextOrder(), feature.Uri, scenario.Location.Line, feature, rule,
                scenario.Name, scenario.Description?.Trim() ?? "", scenarioTags, [], Resolve(steps, []));
            yield break;
        }

        foreach (var block in examples)
        {
            if (block.TableHeader is null)
            {
                continue;
            }

            var headers = block.TableHeader.Cells.Select(c => c.Value).ToList();
            var tags = scenarioTags.Concat(TagNames(block.Tags)).ToList();
            foreach (var row in block.TableBody)
            {
                var values = row.Cells.Select(c => c.Value).ToList();
                var arguments = headers.Zip(values, (h, v) => new KeyValuePair<string, string>(h, v)).ToList();
                yield return new ScenarioCase($"{feature.Uri}:{scenario.Location.Line}:{row.Location.Line}", nextOrder(), feature.Uri, row.Location.Line,
                    feature, rule, Substitute(scenario.Name, arguments), scenario.Description?.Trim() ?? "", tags, arguments, Resolve(steps, arguments));
            }
        }
    }

    private static List<ScenarioStep> Resolve(IEnumerable<Step> steps, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var result = new List<ScenarioStep>();
        var previous = StepKind.Given;
        foreach (var step in steps)
        {
            var kind = step.KeywordType switch
            {
                StepKeywordType.Context => StepKind.Given,
                StepKeywordType.Action => StepKind.When,
                StepKeywordType.Outcome => StepKind.Then,
                _ => previous,
            };
            previous = kind;
            string? docString = null;
            IReadOnlyList<IReadOnlyList<string>>? table = null;
            switch (step.Argument)
            {
                case DocString doc:
                    docString = Substitute(doc.Content, arguments);
                    break;
                case DataTable data:
                    table = data.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => Substitute(c.Value, arguments)).ToList()).ToList();
                    break;
            }

            result.Add(new ScenarioStep(step.Keyword, kind, Substitute(step.Text, arguments), step.Location.Line, docString, table));
        }

        return result;
    }

    private static string Substitute(string text, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        foreach (var (name, value) in arguments)
        {
            text = text.Replace($"<{name}>", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static List<string> TagNames(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@')).ToList();
}
