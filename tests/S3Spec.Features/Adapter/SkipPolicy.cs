using S3Spec.Features.Drivers;

namespace S3Spec.Features.Adapter;

/// <summary>
/// @ignore skips a scenario; @needs-&lt;capability&gt; skips it when the selected target lacks that capability.
/// </summary>
internal static class SkipPolicy
{
    private const string NeedsPrefix = "needs-";

    public static string? ReasonFor(ScenarioCase scenario)
    {
        var available = TargetSelection.Capabilities;
        foreach (var tag in scenario.AllTags)
        {
            if (tag.Equals("ignore", StringComparison.OrdinalIgnoreCase))
            {
                return "Ignored (@ignore)";
            }

            if (tag.StartsWith(NeedsPrefix, StringComparison.Ordinal) && !available.Contains(tag[NeedsPrefix.Length..]))
            {
                return $"Target {TargetSelection.Description} lacks the capability '{tag[NeedsPrefix.Length..]}' (@{tag})";
            }
        }

        return null;
    }
}
