namespace S3Spec.LivingDoc.Input;

/// <summary>
/// The results of one run, found by the suite's scenario id (<c>uri:line</c>, <c>uri:line:rowLine</c> for an Examples
/// row). When a feature changed after the run and its lines moved, a result is found by feature, rule, scenario name
/// and Examples values instead; a result whose name no longer matches is not used.
/// </summary>
internal sealed class ResultSet
{
    private readonly Dictionary<string, ScenarioRecord> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScenarioRecord?> byName = new(StringComparer.Ordinal);
    private readonly HashSet<ScenarioRecord> used = [];

    public ResultSet(RunRecord run, IReadOnlyList<ScenarioRecord> scenarios)
    {
        Run = run;
        Scenarios = scenarios;
        foreach (var s in scenarios)
        {
            byId[s.Id] = s;
            var key = NameKey(s.Uri, s.Rule, s.Scenario, s.Arguments);
            byName[key] = byName.ContainsKey(key) ? null : s;
        }
    }

    public RunRecord Run { get; }

    public IReadOnlyList<ScenarioRecord> Scenarios { get; }

    /// <summary>Results that no scenario of the current feature files claimed (removed or renamed scenarios).</summary>
    public IEnumerable<ScenarioRecord> Unused => Scenarios.Where(s => !used.Contains(s));

    public ScenarioRecord? Find(string id, string uri, string? rule, string scenario, IReadOnlyList<KeyValuePair<string, string>> arguments)
    {
        var key = NameKey(uri, rule, scenario, arguments);
        var found = byId.TryGetValue(id, out var s) && NameKey(s.Uri, s.Rule, s.Scenario, s.Arguments) == key
            ? s
            : byName.GetValueOrDefault(key);
        if (found is not null)
        {
            used.Add(found);
        }

        return found;
    }

    private static string NameKey(string uri, string? rule, string scenario, IReadOnlyList<KeyValuePair<string, string>> arguments) =>
        string.Join('\u001f', new[] { uri, rule ?? "", scenario }.Concat(arguments.Select(a => a.Key + "=" + a.Value)));
}
