using Gherkin.Ast;

namespace S3Spec.LivingDoc.Input;

/// <summary>
/// Every scenario case of every feature with its result. Ids, names and tags are made the way the behaviour suite
/// makes them (tests/S3Spec.Features/Adapter/GherkinCompiler.cs): <c>uri:line</c>, <c>uri:line:rowLine</c> for an
/// Examples row whose &lt;placeholders&gt; are substituted in the name; tags of feature, rule, scenario and Examples.
/// </summary>
internal sealed class Catalog
{
    private readonly Dictionary<string, ScenarioCase> byId = new(StringComparer.Ordinal);

    public Catalog(IReadOnlyList<FeatureSource> features, ResultSet results)
    {
        Features = features;
        Results = results;
        var cases = new List<ScenarioCase>();
        foreach (var feature in features)
        {
            foreach (var child in feature.Feature.Children)
            {
                switch (child)
                {
                    case Scenario scenario:
                        AddCases(cases, feature, null, scenario);
                        break;
                    case Rule rule:
                        foreach (var scenario in rule.Children.OfType<Scenario>())
                        {
                            AddCases(cases, feature, rule, scenario);
                        }

                        break;
                }
            }
        }

        Cases = cases;
        foreach (var c in cases)
        {
            byId[c.Id] = c;
        }
    }

    public IReadOnlyList<FeatureSource> Features { get; }

    public ResultSet Results { get; }

    public IReadOnlyList<ScenarioCase> Cases { get; }

    public static string Id(FeatureSource feature, Scenario scenario, TableRow? row) =>
        row is null ? $"{feature.Uri}:{scenario.Location.Line}" : $"{feature.Uri}:{scenario.Location.Line}:{row.Location.Line}";

    public ScenarioCase? Find(FeatureSource feature, Scenario scenario, TableRow? row) => byId.GetValueOrDefault(Id(feature, scenario, row));

    public static string Substitute(string text, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        foreach (var (name, value) in arguments)
        {
            text = text.Replace($"<{name}>", value, StringComparison.Ordinal);
        }

        return text;
    }

    public static IEnumerable<string> TagNames(IEnumerable<Tag> tags) => tags.Select(t => t.Name.TrimStart('@'));

    private void AddCases(List<ScenarioCase> cases, FeatureSource feature, Rule? rule, Scenario scenario)
    {
        var tags = TagNames(feature.Feature.Tags).Concat(TagNames(rule?.Tags ?? [])).Concat(TagNames(scenario.Tags)).ToList();
        var examples = scenario.Examples.ToList();
        if (examples.Count == 0)
        {
            var id = Id(feature, scenario, null);
            cases.Add(new ScenarioCase(id, feature, rule, scenario, null, null, scenario.Name, tags,
                Results.Find(id, feature.Uri, rule?.Name, scenario.Name, [])));
            return;
        }

        foreach (var block in examples)
        {
            if (block.TableHeader is null)
            {
                continue;
            }

            var headers = block.TableHeader.Cells.Select(c => c.Value).ToList();
            var rowTags = tags.Concat(TagNames(block.Tags)).ToList();
            foreach (var row in block.TableBody)
            {
                var arguments = headers.Zip(row.Cells.Select(c => c.Value), (h, v) => new KeyValuePair<string, string>(h, v)).ToList();
                var id = Id(feature, scenario, row);
                var name = Substitute(scenario.Name, arguments);
                cases.Add(new ScenarioCase(id, feature, rule, scenario, block, row, name, rowTags,
                    Results.Find(id, feature.Uri, rule?.Name, name, arguments)));
            }
        }
    }
}
