namespace S3Spec.Storage.Contract;

/// <summary>
/// Where S3Spec keeps its own files (docs/architecture.md "Storage layers"): <c>&lt;DataRoot&gt;/.s3spec/</c> (the volume
/// registry, the generated keys file, the sweeper lock) and each volume's staging folder
/// <c>&lt;volume&gt;/.s3compat_uploads/</c>. The one place these names are spelled.
/// </summary>
public static class StoreLayout
{
    /// <summary>The data root's folder of S3Spec's own files (not a volume: not a valid bucket name).</summary>
    public const string StateFolder = ".s3spec";

    /// <summary>Each volume's staging folder (temp files, uploads, sidecar metadata, locks); never addressable as an object.</summary>
    public const string StagingFolder = ".s3compat_uploads";

    public const string VolumesFileName = "volumes.json";
    public const string KeysFileName = "keys.json";
    public const string SweeperLockName = "sweeper.lock";

    /// <summary>The folder of persistent listing indexes under the state folder (a cache: removable at any time).</summary>
    public const string ListingIndexFolder = "listing";

    /// <summary><c>&lt;DataRoot&gt;/.s3spec</c>, absolute.</summary>
    public static string StateDirectory(string dataRoot) => Path.Combine(Path.GetFullPath(dataRoot), StateFolder);

    /// <summary>The volume registry (quotas): <c>&lt;DataRoot&gt;/.s3spec/volumes.json</c>.</summary>
    public static string VolumesFile(string dataRoot) => Path.Combine(StateDirectory(dataRoot), VolumesFileName);

    /// <summary>The keys file generated on first start: <c>&lt;DataRoot&gt;/.s3spec/keys.json</c>.</summary>
    public static string KeysFile(string dataRoot) => Path.Combine(StateDirectory(dataRoot), KeysFileName);

    /// <summary>The abandoned-upload sweeper's lock: <c>&lt;DataRoot&gt;/.s3spec/sweeper.lock</c>.</summary>
    public static string SweeperLock(string dataRoot) => Path.Combine(StateDirectory(dataRoot), SweeperLockName);
}
