using System.Globalization;
using S3Spec.Differential.Execution;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Running;

/// <summary>
/// What one server's answers told the harness so far in a sequence: ETags and Last-Modified per key, upload ids per
/// Create step, part ETags, the last listing's resume point. Steps refer to these through <see cref="Ref"/>s, so each
/// server is asked about its own objects.
/// </summary>
internal sealed class SideState(string name)
{
    public const string BogusUploadId = "deadbeefdeadbeefdeadbeefdeadbeef";
    public const string BogusEtag = "\"0123456789abcdef0123456789abcdef\"";

    private readonly Dictionary<string, string> etags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> lastModified = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> uploads = [];
    private readonly Dictionary<(int Upload, int Part), string> partEtags = [];

    public string Name { get; } = name;

    public string? NextMarker { get; private set; }

    public string? NextToken { get; private set; }

    public string? LastSentToken { get; set; }

    public IEnumerable<string> UploadIds => uploads.Values;

    /// <summary>The upload id the Create step <paramref name="index"/> got, or null.</summary>
    public string? UploadOf(int index) => uploads.GetValueOrDefault(index);

    public string UploadName(string id)
    {
        foreach (var (step, value) in uploads)
        {
            if (value == id)
            {
                return $"<upload of step {step}>";
            }
        }

        return id == BogusUploadId || id.Length == 0 ? id : "<upload id>";
    }

    /// <summary>
    /// Forgets the resume points: after a declared listing divergence the two servers' pages ended in different places,
    /// so a "next" page would compare different positions; the next such step lists from the start on both.
    /// </summary>
    public void ResetPaging()
    {
        NextMarker = null;
        NextToken = null;
    }

    /// <summary>The step with every <see cref="Ref"/> replaced by this server's value.</summary>
    public Step Resolve(Step step) => step with
    {
        IfMatch = Lit(step.IfMatch),
        IfNoneMatch = Lit(step.IfNoneMatch),
        IfModifiedSince = Lit(step.IfModifiedSince),
        IfUnmodifiedSince = Lit(step.IfUnmodifiedSince),
        Marker = step.Op == Op.ListUploads ? step.Marker : Lit(step.Marker, NextMarker),
        ContinuationToken = Lit(step.ContinuationToken, NextToken),
        UploadId = step.Op is Op.UploadPart or Op.UploadPartCopy or Op.ListParts or Op.Complete or Op.Abort
            ? uploads.GetValueOrDefault(step.Upload, BogusUploadId)
            : null,
        ResolvedParts = step.Parts?.Select(p => (p.PartNumber, Lit(p.ETag)!.Literal!)).ToList(),
    };

    /// <summary>Learns from a successful (un-normalised) answer.</summary>
    public void Learn(int index, Step step, Outcome outcome)
    {
        if (step.Op == Op.ListV2 && step.ContinuationToken?.Literal is { } sent)
        {
            LastSentToken = sent;
        }

        if (!outcome.Ok)
        {
            return;
        }

        switch (step.Op)
        {
            case Op.Put or Op.Complete:
                Wrote(step.Key, outcome.Field("ETag"));
                break;
            case Op.Copy:
                Wrote(step.Key, outcome.Field("CopyObjectResult.ETag"));
                break;
            case Op.Get or Op.Head when step.Range is null:
                Wrote(step.Key, outcome.Field("ETag"));
                SeenDate(step.Key, outcome.Field("LastModified"));
                break;
            case Op.Delete:
                etags.Remove(step.Key);
                lastModified.Remove(step.Key);
                break;
            case Op.Create when outcome.Field("UploadId") is { } id:
                uploads[index] = id;
                break;
            case Op.UploadPart when outcome.Field("ETag") is { } etag:
                partEtags[(step.Upload, step.PartNumber)] = etag;
                break;
            case Op.UploadPartCopy when outcome.Field("CopyPartResult.ETag") is { } etag:
                partEtags[(step.Upload, step.PartNumber)] = etag;
                break;
            case Op.ListV1:
                // With encoding-type=url the keys and NextMarker come url-encoded; a client decodes them before use.
                NextMarker = Decoded(step, outcome.Field("NextMarker") ?? LastListed(outcome));
                LearnListing(step, outcome);
                break;
            case Op.ListV2:
                NextToken = outcome.Field("NextContinuationToken");
                LearnListing(step, outcome);
                break;
        }
    }

    private static string? Decoded(Step step, string? value) =>
        value is not null && step.EncodingType == "url" ? Uri.UnescapeDataString(value) : value;

    private void LearnListing(Step step, Outcome outcome)
    {
        for (var i = 0; Decoded(step, outcome.Field($"Contents[{i}].Key")) is { } key; i++)
        {
            if (outcome.Field($"Contents[{i}].ETag") is { } etag)
            {
                etags[key] = etag;
            }

            SeenDate(key, outcome.Field($"Contents[{i}].LastModified"));
        }
    }

    private static string? LastListed(Outcome outcome)
    {
        string? last = null;
        for (var i = 0; outcome.Field($"Contents[{i}].Key") is { } key; i++)
        {
            last = key;
        }

        for (var i = 0; outcome.Field($"CommonPrefixes[{i}].Prefix") is { } prefix; i++)
        {
            if (last is null || string.CompareOrdinal(prefix, last) > 0)
            {
                last = prefix;
            }
        }

        return last;
    }

    /// <summary>
    /// A write's Last-Modified is not known until a read or a listing tells it (a local clock reading could fall on the
    /// other side of a second than the server's).
    /// </summary>
    private void Wrote(string key, string? etag)
    {
        if (etag is not null)
        {
            etags[key] = etag;
        }

        lastModified.Remove(key);
    }

    /// <summary>
    /// A date reference both servers can resolve from what they answered; otherwise both get the fixed fallback date
    /// (one server's listing may have shown a key's date that the other's page did not).
    /// </summary>
    public static Ref? SharedDate(Ref? r, SideState a, SideState b) =>
        r is { Kind: "date", Key: { } key } && !(a.lastModified.ContainsKey(key) && b.lastModified.ContainsKey(key)) ? r with { Key = null } : r;

    private void SeenDate(string key, string? value)
    {
        if (value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            lastModified[key] = date;
        }
    }

    private Ref? Lit(Ref? r, string? next = null) => r switch
    {
        null => null,
        { Kind: "lit" } => r,
        { Kind: "etag" } => Ref.Lit(etags.GetValueOrDefault(r.Key!, BogusEtag)),
        { Kind: "partetag" } => Ref.Lit(partEtags.GetValueOrDefault((r.Upload, r.Part), BogusEtag)),
        { Kind: "date" } => Ref.Lit(HttpDates.Format(Date(r), r.Form ?? "imf")),
        { Kind: "next" } => next is null ? null : Ref.Lit(next),
        _ => throw new InvalidOperationException($"Unknown ref {r.Kind}"),
    };

    private DateTimeOffset Date(Ref r)
    {
        if (r.Key is { } key && lastModified.TryGetValue(key, out var known))
        {
            // Whole seconds, as the Last-Modified header says.
            var seconds = DateTimeOffset.FromUnixTimeSeconds(known.ToUnixTimeSeconds());
            return seconds.AddSeconds(r.Offset);
        }

        return new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(r.Offset);
    }
}
