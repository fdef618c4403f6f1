namespace S3Spec.Server.Requests;

/// <summary>Whether an operation reads or writes (spec extension <c>x-s3-access</c>).</summary>
internal enum OperationAccess
{
    Read,
    Write,
}

/// <summary>What an x-amz-checksum-* request header covers (spec extension <c>x-s3-checksum</c>).</summary>
internal enum ChecksumScope
{
    /// <summary>The request body: the body stream verifies it.</summary>
    Body,

    /// <summary>The whole object the request produces (CompleteMultipartUpload): the storage layer checks it.</summary>
    Object,
}

/// <summary>
/// What the spec says about one operation beyond its wire format, from its <c>x-s3-*</c> extensions; generated at
/// build time into <c>S3Spec.Server.Requests.S3OperationTable</c> and found through the action's <c>[S3Operation]</c>.
/// </summary>
internal sealed class OperationTraits(string operationId, OperationAccess access, bool allowsPresigned, string[] refusedBy, ChecksumScope checksum)
{
    public string OperationId { get; } = operationId;

    public OperationAccess Access { get; } = access;

    public bool Writes => Access == OperationAccess.Write;

    /// <summary>False when the spec says the operation is never called through a presigned URL (<c>x-s3-presigned</c>).</summary>
    public bool AllowsPresigned { get; } = allowsPresigned;

    /// <summary>The profiles that refuse the operation (<c>x-s3-refused-by</c>).</summary>
    public IReadOnlyList<string> RefusedBy { get; } = refusedBy;

    public ChecksumScope Checksum { get; } = checksum;

    public bool IsRefusedBy(string profile) => RefusedBy.Contains(profile, StringComparer.Ordinal);
}
