namespace S3Spec.Auth.Keys;

/// <summary>An access key: its secret, the volumes (buckets) it may use, and whether it may write.</summary>
public sealed record AccessKey(string AccessKeyId, string SecretKey, IReadOnlyList<string> Volumes, bool ReadOnly, bool Disabled)
{
    /// <summary>The wildcard volume entry that grants every volume.</summary>
    public const string AllVolumes = "*";

    public bool MayUse(string volume)
    {
        for (var i = 0; i < Volumes.Count; i++)
        {
            var v = Volumes[i];
            if (v == AllVolumes || string.Equals(v, volume, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // The secret never appears in logs or exception messages built from this record.
    public override string ToString() => $"AccessKey {{ AccessKeyId = {AccessKeyId}, ReadOnly = {ReadOnly}, Disabled = {Disabled} }}";
}
