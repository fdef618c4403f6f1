using S3Spec.Differential.Comparison;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Generation;
using S3Spec.Differential.Model;

namespace S3Spec.Differential;

/// <summary>What a divergence entry sees of one step: the step as generated, both normalised answers, their differences, and the keys moto holds.</summary>
internal sealed record StepContext(Step Step, Outcome S3Spec, Outcome Moto, IReadOnlyList<Difference> Differences, IReadOnlySet<string> MotoKeys)
{
    /// <summary>The step as resolved for S3Spec (its marker, token, upload id).</summary>
    public Step? SentToS3Spec { get; init; }

    public Step? SentToMoto { get; init; }

    public bool S3SpecRefused(params string?[] codes) => !S3Spec.Ok && (codes.Length == 0 || codes.Contains(S3Spec.Code));

    public bool MotoRefused(params string?[] codes) => !Moto.Ok && (codes.Length == 0 || codes.Contains(Moto.Code));

    public bool OnlyFields(Func<string, bool> predicate) => Differences.All(d => predicate(d.Field));

    public bool IsWrite => Step.Op is Op.Put or Op.Copy or Op.Complete or Op.Create or Op.UploadPart or Op.UploadPartCopy;

    public bool NotFound(Outcome o) => o.Status == 404;
}

/// <summary>
/// One difference S3Spec has on purpose. <see cref="When"/> decides whether the entry applies to a step; it then
/// explains the differences <see cref="Explains"/> accepts (null: all of the step's). <see cref="Reconcile"/>: the step
/// left the two servers in different states (one stored what the other refused), so the harness deletes the key (and
/// aborts the upload) on both before the sequence goes on.
/// </summary>
internal sealed record Divergence(
    string Id,
    string Reason,
    string Documented,
    Func<StepContext, bool> When,
    Func<StepContext, Difference, bool>? Explains = null,
    bool Reconcile = false);

/// <summary>A difference of the raw-HTTP probes: the probe, what it explains (the two observations), why.</summary>
internal sealed record ProtocolDivergence(string Id, string Probe, string Reason, string Documented, Func<string, string, bool> Matches);

/// <summary>
/// THE table of divergences (docs/differential.md explains each). Every difference between S3Spec and moto that no
/// entry explains fails the run.
/// </summary>
internal static class Divergences
{
    public static readonly IReadOnlyList<Divergence> All =
    [
        new(
            "names-not-paths",
            "A key is a file path: an empty, '.' or '..' segment, a NUL, a name over 255 bytes or a key over 1024 bytes, and the staging folder as first segment are refused (400 InvalidArgument / KeyTooLongError, 403 AccessDenied for the staging folder, Kestrel's plain 400 for a NUL in the target); moto stores them as plain S3 does.",
            "features/names.feature, Rule: A key is a clean relative path of at most 1024 bytes, each name at most 255 bytes; features/staging.feature, Rule: The staging folder is never an object",
            c => (KeyGrammar.IsRefusedName(c.Step.Key) || KeyGrammar.IsRefusedName(c.Step.SourceKey ?? "")
                    || (c.Step.Keys?.Any(KeyGrammar.IsRefusedName) ?? false))
                && (c.S3SpecRefused("InvalidArgument", "KeyTooLongError", "AccessDenied", null, "InvalidObjectName")
                    || c.Step.Op == Op.DeleteObjects || c.NotFound(c.S3Spec) || c.NotFound(c.Moto)),
            Reconcile: true),
        new(
            "file-directory-conflict",
            "A file and a directory cannot have the same name: writing \"a/b\" while \"a\" is a file is 409 ObjectParentIsFile, writing \"a\" while \"a/\" holds keys (or is a directory) is 409 ExistingObjectIsDirectory; moto stores both keys.",
            "features/names.feature, Rule: A file and a directory cannot have the same name",
            c => c.S3SpecRefused("ObjectParentIsFile", "ExistingObjectIsDirectory") && (c.Moto.Ok || c.Step.Op == Op.Complete),
            Reconcile: true),
        new(
            "directory-has-no-content",
            "A key ending in '/' is a directory, which has no content: a body is 400 DirectoryObjectContainsData (also a copy or a Complete into such a key); moto stores it.",
            "features/names.feature, Scenario: A \"dir/\" key with content fails with DirectoryObjectContainsData; features/objects.feature, Rule: A key ending in \"/\" is a directory",
            c => c.Step.Key.EndsWith('/') && c.S3SpecRefused("DirectoryObjectContainsData", "InvalidRequest", "InvalidArgument"),
            Reconcile: true),
        new(
            "directory-is-an-object",
            "Every directory on the volume is the object \"dir/\" (empty, ETag of the empty MD5), also one that exists only because keys lie beneath it: GET/HEAD/copy of \"a/\" answers it where moto has no such key. A directory key can be copied only to a directory key and is never the source of a part (400 InvalidRequest): it has no content to give a file; moto copies the empty object.",
            "features/objects.feature, Rule: A key ending in \"/\" is a directory; features/files-as-objects.feature",
            c => (c.Step.Key.EndsWith('/') && c.Step.Op is Op.Get or Op.Head && c.NotFound(c.Moto) && !c.NotFound(c.S3Spec))
                || ((c.Step.SourceKey ?? "").EndsWith('/') && c.NotFound(c.Moto) && (c.S3Spec.Ok || c.S3SpecRefused("InvalidRequest")))
                || ((c.Step.SourceKey ?? "").EndsWith('/') && c.Step.Op is Op.Copy or Op.UploadPartCopy && c.S3SpecRefused("InvalidRequest")),
            Reconcile: true),
        new(
            "no-minimum-part-size",
            "There is no minimum part size (AWS and moto: 5 MB for every part but the last, EntityTooSmall; moto runs here with S3_UPLOAD_PART_MIN_SIZE=100 so that only parts under 100 bytes meet this).",
            "features/limits.feature, Rule: There is no minimum part size",
            c => c.Step.Op == Op.Complete && c.MotoRefused("EntityTooSmall") && !c.S3SpecRefused("EntityTooSmall"),
            Reconcile: true),
        new(
            "xml-unsafe-keys-in-listings",
            "A key holding a character XML 1.0 cannot carry is listed only with encoding-type=url; without it S3Spec passes over it (moto writes it into the XML raw, which no parser reads), so such listings differ while such a key exists. CreateMultipartUpload refuses such a key (400 InvalidArgument): its XML answers must name it.",
            "features/listing.feature, Rule: encoding-type=url lets any key travel in the XML; docs/architecture.md, Spec-driven XML",
            c => (c.Step.Op is Op.ListV1 or Op.ListV2 or Op.ListUploads && c.Step.EncodingType != "url"
                    && (c.MotoKeys.Any(k => !KeyGrammar.IsXmlSafe(k))
                        || !new[] { c.Step.Prefix, c.Step.Delimiter, c.Step.StartAfter, c.Step.KeyMarker, c.Step.Marker?.Literal }.All(v => KeyGrammar.IsXmlSafe(v ?? ""))))
                || (!KeyGrammar.IsXmlSafe(c.Step.Key) && c.Moto.Status == -1 && (c.Moto.Code ?? "").Contains("Xml", StringComparison.Ordinal))
                || (c.Step.Op == Op.Create && !KeyGrammar.IsXmlSafe(c.Step.Key) && c.S3SpecRefused("InvalidArgument"))),
        new(
            "volumes-not-created-over-s3",
            "Volumes are directories the operator creates; CreateBucket is not offered (moto creates the bucket).",
            "features/volumes.feature, Rule: Buckets cannot be created or deleted over S3",
            c => c.Step.Op == Op.CreateBucket && c.S3SpecRefused()),
        new(
            "content-md5-verified",
            "S3Spec checks Content-MD5 as S3 does: a value that is not the base64 of 16 bytes (empty, blank, 8 bytes, not base64) is 400 InvalidDigest, a digest that does not match the body is 400 BadDigest, and nothing is stored. moto 5.2 verifies neither and stores the body (moto differs from AWS: the PutObject/UploadPart reference lists InvalidDigest and BadDigest for these cases).",
            "features/objects.feature, Rule: A Content-MD5 must be the base64 of 16 bytes, on every operation; Rule: A Content-MD5 that does not match the body is refused and changes nothing",
            c => c.Step.ContentMd5 is not null and not "valid" && c.S3SpecRefused("InvalidDigest", "BadDigest"),
            Reconcile: true),
        new(
            "moto-internal-error",
            "moto answers 500 where S3 answers a 4xx or serves the request (a 500 is never AWS's documented answer): an upload id it never issued (UploadPart, UploadPartCopy, Complete; AWS: 404 NoSuchUpload), a DeleteObjects body with a character reference XML 1.0 forbids (AWS: 400 MalformedXML), conditional dates in the RFC 850 or asctime forms RFC 9110 requires a recipient to read.",
            "docs/differential.md (moto differs from AWS); features/multipart.feature; docs/architecture.md, Decisions (HTTP-date forms)",
            c => c.Moto.Status >= 500 && c.S3Spec.Status is > 0 and < 500,
            Reconcile: true),
        new(
            "moto-404-without-code",
            "For a missing source of UploadPartCopy/CopyObject moto answers 404 without an error body (the SDK reports NotFound, boto3 404); S3Spec and AWS answer NoSuchKey.",
            "docs/differential.md (moto differs from AWS)",
            c => c.S3Spec.Status == 404 && c.Moto.Status == 404 && c.S3Spec.Code is "NoSuchKey" or "NoSuchUpload",
            (c, d) => d.Field == "code"),
        new(
            "listing-echoes",
            "Listings echo the request as AWS does: V1 always carries Prefix and Marker (empty when not sent), V2 the ContinuationToken that was sent, ListMultipartUploads echoes Prefix, Delimiter and KeyMarker, and with encoding-type=url the echoed Prefix, Delimiter, Marker, StartAfter and NextMarker are url-encoded (AWS ListObjects/ListObjectsV2 reference, EncodingType). moto omits empty echoes, drops ListMultipartUploads' and returns them unencoded.",
            "features/listing.feature, Rule: Prefix, delimiter, markers and tokens are echoed exactly as sent",
            c => c.Step.Op is Op.ListV1 or Op.ListV2 or Op.ListUploads,
            (c, d) => d.Field is "Marker" or "Prefix" or "Delimiter" or "StartAfter" or "KeyMarker" or "EncodingType" or "ContinuationToken"
                && (d.Moto is null or "" || (d.S3Spec is not null && Uri.EscapeDataString(d.Moto) == d.S3Spec) || (d.S3Spec is not null && Uri.UnescapeDataString(d.S3Spec) == d.Moto))),
        new(
            "moto-v1-next-marker",
            "moto's ListObjects (V1) NextMarker is an opaque hash of its own (an MD5 hex it looks up again); S3 and S3Spec answer the last key or common prefix, and only with a delimiter.",
            "docs/differential.md (moto differs from AWS: ListObjects reference, NextMarker)",
            c => c.Step.Op == Op.ListV1,
            (c, d) => d.Field == "NextMarker" && d.Moto is { Length: 32 } m && m.All(char.IsAsciiHexDigitLower)),
        new(
            "moto-list-uploads-paging",
            "moto's ListMultipartUploads ignores max-uploads, key-marker, and delimiter (MaxUploads always 1000, never truncated, no CommonPrefixes); S3Spec pages as the ListMultipartUploads reference says.",
            "features/multipart.feature; docs/storage.md, Multipart",
            c => c.Step.Op == Op.ListUploads && (c.Step.MaxKeys is not null || c.Step.KeyMarker is not null || c.Step.Delimiter is not null || c.Step.Prefix is not null)),
        new(
            "max-keys-over-1000-echo",
            "max-keys above 1000: both return at most 1000 keys; S3Spec echoes the limit it applied (1000), moto the number asked for. The AWS reference only says a response never contains more than 1000; which value is echoed is not specified.",
            "docs/differential.md (not specified by AWS)",
            c => c.Step.Op is Op.ListV1 or Op.ListV2 && c.Step.MaxKeys > 1000,
            (c, d) => d.Field == "MaxKeys"),
        new(
            "default-content-type",
            "An object written without Content-Type (and every file written by other programs) is served as application/octet-stream, the registered type (RFC 2046); AWS and moto answer binary/octet-stream, which the API reference does not name.",
            "docs/differential.md; src/S3Spec.Server/Handlers/ObjectHeaders.cs (DefaultContentType)",
            c => c.Step.Op is Op.Get or Op.Head,
            (c, d) => d.Field == "ContentType" && d.S3Spec == "application/octet-stream" && d.Moto == "binary/octet-stream"),
        new(
            "directory-put-has-no-checksum",
            "Known gap: a PUT of \"dir/\" makes a directory and reads no body, so an x-amz-checksum-* header sent with it is neither verified nor returned; AWS (and moto) return the checksum of the empty object.",
            "docs/differential.md (known gap); features/objects.feature, Rule: A key ending in \"/\" is a directory",
            c => (c.Step.Op == Op.Put && c.Step.Key.EndsWith('/')) || c.Step.Op is Op.ListV1 or Op.ListV2,
            (c, d) => d.S3Spec is null && (c.Step.Op == Op.Put
                ? d.Field.StartsWith("Checksum", StringComparison.Ordinal)
                : Normaliser.Leaf(d.Field).StartsWith("ChecksumAlgorithm", StringComparison.Ordinal)
                    && c.S3Spec.Field(d.Field[..(d.Field.IndexOf(']', StringComparison.Ordinal) + 1)] + ".Key") is { } key && key.EndsWith('/'))),
        new(
            "continuation-token-checked",
            "A continuation token S3Spec did not issue is 400 InvalidArgument (AWS: \"The continuation token provided is incorrect\"); moto ignores it and lists from the start.",
            "features/listing.feature, Rule: ListObjectsV2 pages with a continuation token and can start after a key",
            c => c.Step.Op == Op.ListV2 && c.Step.ContinuationToken?.Kind == "lit" && c.S3SpecRefused("InvalidArgument")),
        new(
            "copy-source-range-form",
            "x-amz-copy-source-range must be bytes=first-last within the source (AWS UploadPartCopy reference); a suffix or inverted range is 400 InvalidArgument / 416 InvalidRange. moto copies something anyway.",
            "features/protocol.feature, Rule: Parts can be copied from existing objects, whole or by range",
            c => c.Step.Op == Op.UploadPartCopy && c.Step.Range is not null && c.S3SpecRefused("InvalidArgument", "InvalidRange") && c.Moto.Ok,
            Reconcile: true),
        new(
            "unknown-range-unit-ignored",
            "A Range with a unit other than bytes is ignored (RFC 9110 14.2: a server MUST ignore a range unit it does not understand): 200 with the whole object. moto reads items=0-1 as bytes (206) or refuses it (416).",
            "features/objects.feature, Rule: Ranges return part of an object",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.Range is { } r && !r.StartsWith("bytes=", StringComparison.Ordinal) && c.S3Spec.Status == 200),
        new(
            "conditional-write-on-missing-key",
            "If-Match on a PutObject/Complete whose key does not exist is 404 NoSuchKey, as the S3 conditional-writes documentation says; moto answers 412 to a PutObject and ignores If-Match on a Complete (it completes).",
            "features/protocol.feature, Rule: Conditional writes; docs/storage.md, Conditional writes and the key lock",
            c => c.Step.Op is Op.Put or Op.Complete && c.Step.IfMatch is not null && c.S3SpecRefused("NoSuchKey")
                && (c.MotoRefused("PreconditionFailed") || (c.Step.Op == Op.Complete && c.Moto.Ok)),
            Reconcile: true),
        new(
            "quiet-delete",
            "DeleteObjects with Quiet answers only the errors (AWS DeleteObjects reference, Quiet); moto lists the deleted keys too.",
            "features/protocol.feature, Rule: DeleteObjects deletes up to 1000 keys and reports each one",
            c => c.Step.Op == Op.DeleteObjects && c.Step.Quiet,
            (c, d) => d.Field.StartsWith("Deleted[", StringComparison.Ordinal) && d.S3Spec is null),
        new(
            "check-order-of-doubly-wrong-requests",
            "A request wrong in two ways (a bad part number or range and an upload or source that does not exist; a copy onto itself of a missing key; a Complete whose list is out of order and names a missing part) is refused by both; S3Spec checks the request's form before it looks the upload or object up, moto the other way round. The AWS reference does not specify the order.",
            "docs/differential.md (not specified by AWS)",
            c => !c.S3Spec.Ok && !c.Moto.Ok && c.S3Spec.Status is 400 or 404 or 416 && c.Moto.Status is 400 or 404 or 412 or 416
                && ((c.S3Spec.Status == 404) != (c.Moto.Status == 404)
                    || (c.S3Spec.Code is "MalformedXML" or "InvalidPartOrder" or "InvalidPart" or "InvalidArgument" && c.Moto.Code is "PreconditionFailed" or "NoSuchKey" or "NoSuchUpload")
                    || (c.Step.Op == Op.Complete && c.S3Spec.Code == "InvalidPartOrder" && c.Moto.Code == "InvalidPart"))),
        new(
            "header-control-bytes",
            "A control byte other than tab in a metadata or content header value is 400 InvalidArgument naming the header, and nothing is stored (a stored value must be sendable back byte for byte); moto stores it.",
            "features/objects.feature, Rule: Header values are bytes in, bytes out; docs/architecture.md, Header values",
            c => c.S3SpecRefused("InvalidArgument") && new[] { c.Step.Meta, c.Step.ContentHeaders }.Any(h => h?.Values.Any(v => v.Text.Any(ch => ch != '\t' && char.IsControl(ch))) ?? false),
            Reconcile: true),
        new(
            "if-none-match-star-only",
            "On PutObject and CompleteMultipartUpload If-None-Match supports only '*' (AWS PutObject reference: \"Expects the '*' (asterisk) character\"); another value is 501 NotImplemented. moto ignores the header and writes.",
            "features/protocol.feature, Rule: Conditional writes; docs/storage.md, Conditional writes and the key lock",
            c => c.Step.Op is Op.Put or Op.Complete && c.Step.IfNoneMatch?.Literal is { } v && v != "*" && c.S3SpecRefused("NotImplemented"),
            Reconcile: true),
        new(
            "common-prefix-not-repeated",
            "A listing resumed at a common prefix (NextMarker, a continuation token or start-after naming it) does not return that prefix again (AWS pages never repeat a common prefix); moto rolls the keys after the marker up into the same prefix again.",
            "features/listing.feature, Rule: ListObjects v1 pages with a marker; docs/storage.md, Listing",
            c => c.Step.Op is Op.ListV1 or Op.ListV2 && c.Step.Delimiter is not null,
            (c, d) => d.Field.StartsWith("CommonPrefixes[", StringComparison.Ordinal) && d.Moto is { } p
                && (p == c.SentToS3Spec?.Marker?.Literal || p == c.SentToS3Spec?.StartAfter || (c.SentToS3Spec?.Marker?.Literal ?? c.SentToS3Spec?.StartAfter ?? "\0").StartsWith(p, StringComparison.Ordinal))),
        new(
            "moto-list-parts-marker",
            "ListParts with part-number-marker lists the parts after the marker (AWS ListParts reference); moto 5.2 answers no parts and NextPartNumberMarker 0 after a marker.",
            "docs/differential.md (moto differs from AWS)",
            c => c.Step.Op == Op.ListParts && c.Step.PartNumberMarker is not null,
            (c, d) => d.Field.StartsWith("Parts[", StringComparison.Ordinal) || d.Field is "NextPartNumberMarker" or "IsTruncated"),
        new(
            "moto-list-parts-truncation",
            "A ListParts page that stops before the last part is truncated (IsTruncated true, AWS ListParts reference); moto says false when the remaining parts were uploaded before the listed ones (part 3, then part 2 by UploadPartCopy, max-parts=1).",
            "docs/differential.md (moto differs from AWS)",
            c => c.Step.Op == Op.ListParts && c.Step.MaxParts is not null && c.S3Spec.Field("IsTruncated") == "true" && c.Moto.Field("IsTruncated") == "false",
            (c, d) => d.Field == "IsTruncated"),
        new(
            "moto-max-keys-ignores-common-prefixes",
            "With a delimiter, each common prefix counts as one return against max-keys (AWS ListObjects/ListObjectsV2 reference, Delimiter and CommonPrefixes); moto counts only keys, so its page holds more than max-keys entries and ends elsewhere.",
            "features/listing.feature, Rule: A prefix and a delimiter list one directory level",
            c => c.Step.Op is Op.ListV1 or Op.ListV2 && c.Step.Delimiter is not null && c.Step.MaxKeys is { } max
                && Entries(c.Moto) > max && Entries(c.S3Spec) <= max),
        new(
            "user-metadata-limit",
            "User metadata is limited to 2 KB (names and values, bytes on the wire), as AWS documents for PUT request headers; over it is 400 MetadataTooLarge. moto stores any size.",
            "docs/storage.md, Metadata store and ETag forms (MetadataTooLarge)",
            c => c.S3SpecRefused("MetadataTooLarge"),
            Reconcile: true),
        new(
            "moto-copy-drops-listed-checksum",
            "A copy keeps its source's checksum (AWS CopyObject: the copy has the source's checksum unless another algorithm is asked for), and listings name its ChecksumAlgorithm; moto returns the checksum in CopyObjectResult but lists the copy without ChecksumAlgorithm.",
            "features/protocol.feature, Rule: Checksums are verified, stored and returned; docs/storage.md, Checksums",
            c => c.Step.Op is Op.ListV1 or Op.ListV2,
            (c, d) => Normaliser.Leaf(d.Field).StartsWith("ChecksumAlgorithm", StringComparison.Ordinal) && d.Moto is null && d.S3Spec is "CRC32" or "CRC32C" or "CRC64NVME" or "SHA1" or "SHA256"),
        new(
            "moto-version-id-null",
            "Without versioning no x-amz-version-id is sent (AWS: the version id is returned \"in case the bucket has versioning turned on\"); moto sends x-amz-version-id: null, which boto3 reports as VersionId \"null\".",
            "features/unsupported.feature, Rule: What matches the fixed behaviour is accepted",
            c => true,
            (c, d) => Normaliser.Leaf(d.Field) == "VersionId" && d.S3Spec is null && d.Moto == "null"),
        new(
            "moto-common-prefixes-not-encoded",
            "With encoding-type=url the CommonPrefixes are url-encoded like the keys (AWS: encoded key name values in Prefix elements; boto3 decodes CommonPrefixes.Prefix for that reason); moto encodes the keys but not the common prefixes.",
            "features/listing.feature, Rule: encoding-type=url lets any key travel in the XML",
            c => c.Step.Op is Op.ListV1 or Op.ListV2 && c.Step.EncodingType == "url",
            (c, d) => d.Field.StartsWith("CommonPrefixes[", StringComparison.Ordinal) && d.S3Spec is not null && d.Moto is not null && Uri.UnescapeDataString(d.S3Spec) == d.Moto),
        new(
            "moto-v1-marker-skips-a-folder",
            "A V1 marker is a position in key order: resumed with NextMarker \"d/\" (a common prefix of the page before) and another delimiter, the keys under \"d/\" after the marker are listed (AWS ListObjects: keys after the marker). moto's NextMarker token resumes after the whole folder, so it leaves them out.",
            "features/listing.feature, Rule: ListObjects v1 pages with a marker",
            c => c.Step.Op == Op.ListV1 && c.Step.Marker?.Kind == "next" && c.SentToS3Spec?.Marker?.Literal is { } marker
                && Listed(c.S3Spec).Where(k => !k.StartsWith(marker, StringComparison.Ordinal)).SequenceEqual(Listed(c.Moto)),
            (c, d) => d.Field.StartsWith("Contents[", StringComparison.Ordinal) || d.Field.StartsWith("CommonPrefixes[", StringComparison.Ordinal)
                || d.Field is "IsTruncated" or "NextMarker"),
        new(
            "moto-v1-common-prefix-before-marker",
            "A V1 marker is a position in key order: a common prefix is listed only when a key under it sorts after the marker (AWS ListObjects: listing starts after the marker), so marker \"a\" leaves out \".dot/\"; moto lists every common prefix of the volume whatever the marker.",
            "features/listing.feature, Rule: ListObjects v1 pages with a marker",
            c => c.Step.Op == Op.ListV1 && c.SentToS3Spec?.Marker?.Literal is { Length: > 0 } marker
                && Listed(c.Moto).Where(p => !(p.EndsWith(c.Step.Delimiter ?? "\0", StringComparison.Ordinal) && string.CompareOrdinal(p, marker) < 0 && !marker.StartsWith(p, StringComparison.Ordinal)))
                    .SequenceEqual(Listed(c.S3Spec)),
            (c, d) => d.Field.StartsWith("CommonPrefixes[", StringComparison.Ordinal)),
        new(
            "moto-start-after-drops-a-folder",
            "A listing that starts after a key inside a folder (start-after \"a/./b\", delimiter \"a\") still lists the folder's common prefix \"a\" when keys under it come after that key (AWS: listing starts after StartAfter/Marker, then rolls keys up); moto drops the prefix because it sorts before the start and lists the next key instead.",
            "features/listing.feature, Rule: ListObjects v1 pages with a marker",
            c => c.Step.Op is Op.ListV1 or Op.ListV2 && (c.SentToS3Spec?.StartAfter ?? c.SentToS3Spec?.Marker?.Literal) is { Length: > 0 } start
                && Listed(c.S3Spec).Any(p => start.StartsWith(p, StringComparison.Ordinal) && p != start && !Listed(c.Moto).Contains(p)),
            (c, d) => d.Field.StartsWith("Contents[", StringComparison.Ordinal) || d.Field.StartsWith("CommonPrefixes[", StringComparison.Ordinal)
                || d.Field is "KeyCount" or "IsTruncated" or "NextContinuationToken" or "NextMarker"),
        new(
            "if-none-match-star-on-read",
            "GET/HEAD with If-None-Match: * of an existing object is 304 Not Modified (RFC 9110 13.1.2: the condition is false when a current representation exists; AWS GetObject answers 304 for a failing If-None-Match); moto ignores the star and answers 200.",
            "features/objects.feature, Rule: Conditional reads compare the ETag",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.IfNoneMatch?.Literal == "*" && c.S3Spec.Status == 304 && (c.Moto.Ok || c.MotoRefused("InvalidRange"))),
        new(
            "moto-if-match-star-on-read",
            "GET/HEAD with If-Match: * of an existing object passes that condition (RFC 9110 13.1.1: * matches any current representation), so the other conditions decide; moto compares * as an ETag and answers 412.",
            "features/objects.feature, Rule: Conditional reads compare the ETag",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.IfMatch?.Literal == "*" && c.S3Spec.Status != 412 && c.Moto.Status == 412),
        new(
            "moto-complete-accepts-unordered-parts",
            "CompleteMultipartUpload with a part list not in ascending order (a part number listed twice, or 3 before 1) is 400 InvalidPartOrder (CompleteMultipartUpload reference: the list must be in ascending part-number order); moto completes it.",
            "features/multipart.feature, Rule: Complete checks the part list",
            c => c.Step.Op == Op.Complete && c.Step.Parts is { } parts && parts.Zip(parts.Skip(1)).Any(p => p.First.PartNumber >= p.Second.PartNumber)
                && c.S3SpecRefused("InvalidPartOrder") && c.Moto.Ok,
            Reconcile: true),
        new(
            "moto-part-number-over-10000",
            "A part number outside 1..10,000 is 400 InvalidArgument (UploadPart and UploadPartCopy reference); moto stores the part.",
            "features/multipart.feature",
            c => c.Step.Op is Op.UploadPart or Op.UploadPartCopy && c.Step.PartNumber is < 1 or > 10000 && c.S3SpecRefused("InvalidArgument") && c.Moto.Ok,
            Reconcile: true),
        new(
            "moto-unparseable-xml",
            "moto writes characters XML 1.0 cannot carry into its answer raw (a start-after or an upload's key with a control character, also with encoding-type=url), so its document is not well-formed and no client reads it; S3Spec's answer is well-formed. Nothing of the step can be compared.",
            "features/listing.feature, Rule: encoding-type=url lets any key travel in the XML",
            c => c.S3Spec.Ok && (c.Moto.Field("Xml") ?? "").Contains("not well-formed", StringComparison.Ordinal)),
        new(
            "moto-if-modified-since-beside-if-none-match",
            "With both If-None-Match and If-Modified-Since, If-Modified-Since is ignored (RFC 9110 13.1.3): an ETag that does not match serves the object (200) even if it was not modified since; moto answers 304. The AWS reference lists only the other combination (If-None-Match false and If-Modified-Since true: 304).",
            "features/objects.feature, Rule: Conditional reads compare the ETag",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.IfNoneMatch is not null && c.Step.IfModifiedSince is not null && c.S3Spec.Ok && c.Moto.Status == 304),
        new(
            "moto-range-before-if-modified-since",
            "A ranged GET of an object not modified since If-Modified-Since is 304 (RFC 9110 13.2.2: preconditions before Range); moto serves the range (206) or checks the range first (416).",
            "features/objects.feature, Rule: Conditional reads compare the ETag",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.Range is not null && c.Step.IfModifiedSince is not null && c.S3Spec.Status == 304 && (c.Moto.Status == 206 || c.MotoRefused("InvalidRange"))),
        new(
            "invalid-range-ignored",
            "A Range whose last byte is before its first (bytes=3-1) is not a valid byte-range-spec, so the header is ignored and the whole object served (RFC 9110 14.1.1, 14.2); moto answers 416.",
            "features/objects.feature, Rule: Ranges return part of an object; tests/S3Spec.Server.Tests/Handlers/ByteRangeTests.cs",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.Range is { } r && System.Text.RegularExpressions.Regex.IsMatch(r, "^bytes=([0-9]+)-([0-9]+)$")
                && long.Parse(r[6..r.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) > long.Parse(r[(r.IndexOf('-', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                && c.S3Spec.Status == 200 && c.MotoRefused("InvalidRange")),
        new(
            "moto-keeps-header-whitespace",
            "A header value's leading and trailing spaces are not part of it (RFC 9110 5.5: field values exclude surrounding whitespace), so metadata \"trailing \" is stored as \"trailing\"; moto keeps the spaces.",
            "docs/architecture.md, Header values",
            c => c.Step.Op is Op.Get or Op.Head or Op.Put or Op.Copy,
            (c, d) => d.Field.StartsWith("Metadata.", StringComparison.Ordinal) && d.S3Spec is { } a && d.Moto is { } m && m != a && m.Trim(' ', '\t') == a),
        new(
            "directory-put-keeps-no-headers",
            "Known gap: \"dir/\" is a real directory and keeps no record, so the Content-Type, content headers and user metadata sent with PUT \"dir/\" (or a copy onto it) are not stored; GET/HEAD of it answer the defaults. AWS (and moto) keep them with the empty object.",
            "docs/differential.md (known gap); features/objects.feature, Rule: A key ending in \"/\" is a directory",
            c => c.Step.Op is Op.Get or Op.Head && c.Step.Key.EndsWith('/'),
            (c, d) => (d.Field is "ContentType" && d.S3Spec == "application/octet-stream")
                || (d.S3Spec is null && (d.Field is "CacheControl" or "ContentDisposition" or "ContentEncoding" or "ContentLanguage" or "Expires"
                    || d.Field.StartsWith("Metadata.", StringComparison.Ordinal) || d.Field.StartsWith("Checksum", StringComparison.Ordinal)))),
        new(
            "copy-keeps-source-etag",
            "CopyObject reuses the source's stored ETag and checksums (docs/storage.md: no request hashes content), so a copy of a multipart object keeps its \"-N\" ETag and composite checksum; AWS and moto give the copy the MD5 of its content.",
            "docs/storage.md, Metadata store and ETag forms",
            c => c.Step.Op is Op.Copy or Op.Get or Op.Head or Op.ListV1 or Op.ListV2,
            (c, d) => (d.Field.EndsWith("ETag", StringComparison.Ordinal) || d.Field.StartsWith("CopyObjectResult.Checksum", StringComparison.Ordinal))
                && d.S3Spec is { } e && System.Text.RegularExpressions.Regex.IsMatch(e, "-[0-9]+\"?$") && (d.Moto is null || !d.Moto.Contains('-', StringComparison.Ordinal))),
        new(
            "no-checksum-for-a-range",
            "A ranged GET returns no checksum even when the range covers the whole object (the stored checksum is of the object, the answer is a range); moto returns it for a range that covers everything. The AWS reference does not say.",
            "docs/differential.md (unspecified)",
            c => c.Step.Op is Op.Get && c.Step.Range is not null,
            (c, d) => d.Field.StartsWith("Checksum", StringComparison.Ordinal) && d.S3Spec is null),
        new(
            "empty-content-header-not-stored",
            "A content header sent with an empty value (Content-Language: ) is not stored, so none is returned; moto returns it empty. The AWS reference does not say.",
            "docs/differential.md (unspecified)",
            c => c.Step.Op is Op.Get or Op.Head,
            (c, d) => d.Field is "ContentLanguage" or "CacheControl" or "ContentDisposition" or "ContentEncoding" or "Expires" && d.S3Spec is null && d.Moto == ""),
        new(
            "moto-drops-underscore-metadata",
            "moto cannot: a metadata name with an underscore (x-amz-meta-dash_under) never reaches moto, whose WSGI server (werkzeug) drops header names holding '_' (they would collide with '-' in the CGI environment); AWS and S3Spec store and return it.",
            "docs/differential.md (moto cannot)",
            c => c.Step.Op is Op.Get or Op.Head,
            (c, d) => d.Field.StartsWith("Metadata.", StringComparison.Ordinal) && d.Field.Contains('_', StringComparison.Ordinal) && d.Moto is null),
        new(
            "moto-complete-without-checksum",
            "CompleteMultipartUpload of parts uploaded with checksums answers the object's checksum and type (COMPOSITE when none was declared at Create, as S3's default), as the CompleteMultipartUpload reference lists; moto returns none.",
            "features/protocol.feature, Rule: Multipart uploads return composite or full-object checksums after Complete; docs/storage.md, Checksums",
            c => c.Step.Op == Op.Complete && c.S3Spec.Ok && c.Moto.Ok,
            (c, d) => Normaliser.Leaf(d.Field).StartsWith("Checksum", StringComparison.Ordinal) && d.Moto is null),
        new(
            "complete-needs-existing-parts",
            "CompleteMultipartUpload with no part, or naming a part that was never uploaded, is refused (400 MalformedXML / InvalidPart, CompleteMultipartUpload reference); moto sometimes completes such an upload.",
            "features/multipart.feature, Rule: Complete checks the part list",
            c => c.Step.Op == Op.Complete && c.S3SpecRefused("MalformedXML", "InvalidPart") && c.Moto.Ok,
            Reconcile: true),
        new(
            "moto-content-encoding-aws-chunked",
            "aws-chunked is the transfer coding of a streamed upload, not the object's: S3 strips it from the stored Content-Encoding (AWS: \"aws-chunked\" is removed when the object is stored); moto stores \"gzip, aws-chunked\".",
            "features/protocol.feature, Rule: Signed aws-chunked bodies and unsigned bodies with a trailer are decoded",
            c => c.Step.Op is Op.Get or Op.Head,
            (c, d) => d.Field == "ContentEncoding" && d.Moto is { } m && m.Contains("aws-chunked", StringComparison.Ordinal) && !(d.S3Spec ?? "").Contains("aws-chunked", StringComparison.Ordinal)),
        new(
            "moto-no-checksum-type",
            "GetObject/HeadObject with checksum mode, listings and CopyObjectResult carry the checksum type next to the checksum (FULL_OBJECT or COMPOSITE; AWS GetObject, HeadObject, ListObjectsV2 Object and CopyObjectResult reference, ChecksumType); moto returns the checksum (or the algorithm) without its type.",
            "features/protocol.feature, Rule: Checksums are verified, stored and returned",
            c => c.Step.Op is Op.Get or Op.Head or Op.ListV1 or Op.ListV2 or Op.Copy,
            (c, d) => Normaliser.Leaf(d.Field) == "ChecksumType" && d.Moto is null && d.S3Spec is "FULL_OBJECT" or "COMPOSITE"),
    ];

    /// <summary>The raw-HTTP layer's part of the table (<see cref="Protocol.ProtocolProbes"/>): what moto's server cannot do.</summary>
    public static readonly IReadOnlyList<ProtocolDivergence> Protocol =
    [
        new(
            "moto-closes-every-connection",
            "*",
            "moto_server (werkzeug's development server) closes the connection after every answer, so what S3Spec does on a kept-alive connection (answer the next request on it) cannot be compared: the probe is the same once moto's closing is left out.",
            "features/protocol.feature, Rule: A refused upload leaves the client's connection usable; docs/architecture.md, Connections after an early answer",
            (a, b) => a == Unclosed(b)),
        new(
            "if-none-match-star-on-read",
            "reuse after 304 If-None-Match",
            "GET with If-None-Match: * of an existing object is 304 Not Modified (RFC 9110 13.1.2: the condition is false when a current representation exists; AWS GetObject answers 304 for a failing If-None-Match); moto answers 200.",
            "features/objects.feature, Rule: Conditional reads compare the ETag",
            (a, b) => a.StartsWith("304;", StringComparison.Ordinal) && Unclosed(b).StartsWith("200;", StringComparison.Ordinal) && a[4..] == Unclosed(b)[4..]),
        new(
            "content-md5-verified",
            "reuse after 400 bad Content-MD5",
            "moto accepts an invalid Content-MD5 (see the sequence entry of the same name): 200 where S3Spec answers 400 InvalidDigest; the connection is then used as in the other reuse probes.",
            "features/objects.feature, Rule: A Content-MD5 must be the base64 of 16 bytes, on every operation",
            (a, b) => a.StartsWith("400;", StringComparison.Ordinal) && Unclosed(b).StartsWith("200;", StringComparison.Ordinal) && a[4..] == Unclosed(b)[4..]),
        new(
            "moto-internal-error",
            "reuse after 400 max-keys",
            "max-keys=-1 is 400 InvalidArgument (AWS); moto answers 500.",
            "docs/architecture.md, Decisions (validated query parameters)",
            (a, b) => a.StartsWith("400;", StringComparison.Ordinal) && Unclosed(b).StartsWith("500;", StringComparison.Ordinal) && a[4..] == Unclosed(b)[4..]),
        new(
            "expect-final-answer-before-100",
            "expect 100-continue refused",
            "A PUT with Expect: 100-continue that will be refused (If-None-Match: * on an existing key) is answered 412 at once, before 100 Continue, with Connection: close (the client may never send the body); moto sends 100 Continue, reads the body, then answers 412. RFC 9110 10.1.1 allows both.",
            "features/protocol.feature, Rule: A refused upload leaves the client's connection usable; docs/architecture.md, Connections after an early answer",
            (a, b) => a == "final 412 before 100 Continue; connection closed" && b.StartsWith("100 Continue; 412", StringComparison.Ordinal)),
        new(
            "moto-closes-every-connection",
            "expect 100-continue accepted",
            "As above: moto closes after the answer, so the next GET needs a new connection.",
            "docs/differential.md",
            (a, b) => a == "100 Continue; 200; next GET 200" && b == "100 Continue; 200 (closed); next GET -"),
        new(
            "moto-no-pipelining",
            "pipelined GETs",
            "moto closes the connection after the first answer and drops the requests pipelined behind it; S3Spec answers all three in order (RFC 9112 9.3.2).",
            "docs/differential.md",
            (a, b) => a == "200 hello world, 404, 200" && b == "200 (closed) hello world, -, -"),
        new(
            "moto-no-chunked-request-bodies",
            "chunked body with extensions",
            "moto_server cannot read a Transfer-Encoding: chunked request body (500); S3Spec reads it, chunk extensions ignored as RFC 9112 7.1.1 says.",
            "docs/differential.md",
            (a, b) => a == "PUT 200; GET 200 \"hello world\"" && b.StartsWith("PUT 500", StringComparison.Ordinal)),
        new(
            "obsolete-line-folding-refused",
            "obsolete header folding",
            "A header folded over two lines (obs-fold) is refused with 400 and nothing is stored (RFC 9112 5.2 allows a server to reject it; Kestrel does); moto accepts it.",
            "docs/differential.md",
            (a, b) => a == "PUT 400 refused; object not stored" && b == "PUT 200; object stored"),
    ];

    private static string Unclosed(string moto) =>
        moto.Replace(" then closed", "", StringComparison.Ordinal).Replace("the new connection", "the same connection", StringComparison.Ordinal);

    /// <summary>The keys and common prefixes of a listing, in key order.</summary>
    public static IEnumerable<string> Listed(Outcome o)
    {
        var all = new List<string>();
        for (var i = 0; o.Field($"Contents[{i}].Key") is { } key; i++)
        {
            all.Add(key);
        }

        for (var i = 0; o.Field($"CommonPrefixes[{i}].Prefix") is { } prefix; i++)
        {
            all.Add(prefix);
        }

        return all.Order(StringComparer.Ordinal);
    }

    private static int Entries(Outcome o) =>
        o.Fields.Keys.Count(k => (k.StartsWith("Contents[", StringComparison.Ordinal) && k.EndsWith("].Key", StringComparison.Ordinal))
            || (k.StartsWith("CommonPrefixes[", StringComparison.Ordinal) && k.EndsWith("].Prefix", StringComparison.Ordinal)));

    /// <summary>The entries that apply to the step and the differences no entry explains.</summary>
    public static (List<Divergence> Used, List<Difference> Unexplained) Explain(StepContext context)
    {
        var used = new List<Divergence>();
        var unexplained = new List<Difference>();
        var applicable = All.Where(d => d.When(context)).ToList();
        foreach (var difference in context.Differences)
        {
            var by = applicable.FirstOrDefault(d => d.Explains is null || d.Explains(context, difference));
            if (by is null)
            {
                unexplained.Add(difference);
            }
            else if (!used.Contains(by))
            {
                used.Add(by);
            }
        }

        return (used, unexplained);
    }
}
