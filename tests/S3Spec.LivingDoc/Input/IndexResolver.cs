using Gherkin.Ast;

namespace S3Spec.LivingDoc.Input;

/// <summary>Finds what each index entry names; a name that matches nothing is an error, so the index follows renames.</summary>
internal static class IndexResolver
{
    public static IReadOnlyList<ResolvedReference> Resolve(IndexEntry entry, Catalog catalog, string indexName)
    {
        var resolved = new List<ResolvedReference>();
        foreach (var reference in entry.DocumentedBy)
        {
            var feature = catalog.Features.FirstOrDefault(f => f.RelativePath == reference.Feature || f.Uri == reference.Feature)
                ?? throw Missing(indexName, entry, $"the feature '{reference.Feature}'", "the features folder");
            Rule? rule = null;
            if (reference.Rule is not null)
            {
                rule = feature.Feature.Children.OfType<Rule>().FirstOrDefault(r => r.Name == reference.Rule)
                    ?? throw Missing(indexName, entry, $"the rule '{reference.Rule}'", feature.Uri);
            }

            Scenario? scenario = null;
            if (reference.Scenario is not null)
            {
                var candidates = rule is not null
                    ? rule.Children.OfType<Scenario>()
                    : feature.Feature.Children.OfType<Scenario>().Concat(feature.Feature.Children.OfType<Rule>().SelectMany(r => r.Children.OfType<Scenario>()));
                scenario = candidates.FirstOrDefault(s => s.Name == reference.Scenario)
                    ?? throw Missing(indexName, entry, $"the scenario '{reference.Scenario}'", rule is null ? feature.Uri : $"{feature.Uri} › {rule.Name}");
            }

            var cases = catalog.Cases.Where(c => c.Feature == feature
                && (rule is null || ReferenceEquals(c.Rule, rule))
                && (scenario is null || ReferenceEquals(c.Scenario, scenario))).ToList();
            resolved.Add(new ResolvedReference(feature, rule, scenario, cases));
        }

        return resolved;
    }

    private static LivingDocException Missing(string indexName, IndexEntry entry, string what, string where) =>
        new($"'{indexName}': '{entry.Name}' names {what}, which is not in {where}");
}
