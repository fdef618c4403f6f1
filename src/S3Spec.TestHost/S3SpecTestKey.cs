namespace S3Spec.TestHost;

/// <summary>An extra access key of a test host: the volumes it may use (<c>*</c> = all) and whether it may only read.</summary>
/// <param name="AccessKey">The access key id (printable ASCII without '/', ',', '=' or spaces).</param>
/// <param name="SecretKey">Its secret.</param>
/// <param name="Volumes">The volumes it may use; <c>*</c> for all.</param>
/// <param name="ReadOnly">True: it may only read.</param>
public sealed record S3SpecTestKey(string AccessKey, string SecretKey, IReadOnlyList<string> Volumes, bool ReadOnly = false);
