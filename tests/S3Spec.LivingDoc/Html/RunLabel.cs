namespace S3Spec.LivingDoc.Html;

/// <summary>The run's target as a reader understands it, from the suite's target attachment (TargetSelection.Description).</summary>
internal static class RunLabel
{
    public static string For(string target)
    {
        var t = target.Trim();
        if (t.StartsWith("process", StringComparison.Ordinal))
        {
            return "a local S3Spec server";
        }

        if (t.StartsWith("container ", StringComparison.Ordinal))
        {
            var image = t["container ".Length..].Split(' ', 2)[0];
            return $"the S3Spec container image {image}";
        }

        if (t.StartsWith("endpoint ", StringComparison.Ordinal))
        {
            return "the S3 endpoint " + t["endpoint ".Length..];
        }

        return t;
    }
}
