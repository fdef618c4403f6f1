using System.Collections.Frozen;

namespace S3Spec.Server.Settings;

/// <summary>
/// What the server serves. "full" (the default) is everything S3Spec implements. "runpod" reproduces the service in
/// the brief exactly, for users who want a faithful stand-in: presigned URLs, DeleteObjects and GetBucketLocation are
/// refused there (its documentation lists them as unsupported), with the same limits as the full profile.
/// </summary>
internal sealed class ServerProfile
{
    public static readonly ServerProfile Full = new("full", allowsPresigned: true, []);

    public static readonly ServerProfile RunPod = new("runpod", allowsPresigned: false, ["DeleteObjects", "GetBucketLocation"]);

    private ServerProfile(string name, bool allowsPresigned, string[] refusedOperations)
    {
        Name = name;
        AllowsPresigned = allowsPresigned;
        RefusedOperations = refusedOperations.ToFrozenSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    public bool AllowsPresigned { get; }

    public FrozenSet<string> RefusedOperations { get; }

    public static ServerProfile Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "full" => Full,
        "runpod" => RunPod,
        _ => throw new InvalidOperationException($"Unknown profile '{name}': use 'full' or 'runpod'."),
    };
}
