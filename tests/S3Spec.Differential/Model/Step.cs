using System.Text.Json.Serialization;

namespace S3Spec.Differential.Model;

/// <summary>The operations a sequence is made of.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Op>))]
internal enum Op
{
    Put,
    Get,
    Head,
    Copy,
    Delete,
    DeleteObjects,
    ListV1,
    ListV2,
    Create,
    UploadPart,
    UploadPartCopy,
    ListParts,
    ListUploads,
    Complete,
    Abort,
    CreateBucket,
}

/// <summary>The client stack a step is sent through (the same stack to both servers).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClientStack>))]
internal enum ClientStack
{
    Sdk,
    Boto,
    Raw,
}

/// <summary>
/// A value that is resolved per server just before the step runs: a literal, or something only that server's earlier
/// answers know (its ETag or Last-Modified of a key, its upload id, its last NextMarker/NextContinuationToken).
/// </summary>
internal sealed record Ref(string Kind, string? Literal = null, string? Key = null, int Offset = 0, string? Form = null, int Upload = -1, int Part = 0)
{
    public static Ref Lit(string value) => new("lit", Literal: value);

    public static Ref EtagOf(string key) => new("etag", Key: key);

    /// <summary>Last-Modified of <paramref name="key"/> plus <paramref name="offset"/> seconds, as an HTTP date of <paramref name="form"/>.</summary>
    public static Ref DateOf(string key, int offset, string form) => new("date", Key: key, Offset: offset, Form: form);

    public static Ref NextMarker() => new("next");

    public static Ref PartEtag(int upload, int part) => new("partetag", Upload: upload, Part: part);

    public override string ToString() => Kind switch
    {
        "lit" => $"\"{Literal}\"",
        "etag" => $"etag({Key})",
        "date" => $"date({Key}{Offset:+0;-0},{Form})",
        "partetag" => $"partetag(u{Upload},{Part})",
        _ => Kind,
    };
}

/// <summary>A part named in a CompleteMultipartUpload body.</summary>
internal sealed record PartRef(int PartNumber, Ref ETag);

/// <summary>
/// One operation of a sequence, with every parameter it may carry. Values that differ per server are <see cref="Ref"/>s;
/// <see cref="Running.Resolver"/> turns them into literals for each server before the step is sent.
/// </summary>
internal sealed record Step
{
    public required Op Op { get; init; }

    public ClientStack Stack { get; init; }

    public string Key { get; init; } = "";

    public string? SourceKey { get; init; }

    /// <summary>Body length and the seed of its bytes (<see cref="Bodies"/>).</summary>
    public int BodySize { get; init; }

    public int BodySeed { get; init; }

    public SortedDictionary<string, HeaderValue>? Meta { get; init; }

    /// <summary>Content headers (Content-Type, Cache-Control, ...) by their wire name.</summary>
    public SortedDictionary<string, HeaderValue>? ContentHeaders { get; init; }

    public string? Range { get; init; }

    public Ref? IfMatch { get; init; }

    public Ref? IfNoneMatch { get; init; }

    public Ref? IfModifiedSince { get; init; }

    public Ref? IfUnmodifiedSince { get; init; }

    /// <summary>valid, wrong, empty, blank, short (base64 of 8 bytes), garbage; null: no Content-MD5.</summary>
    public string? ContentMd5 { get; init; }

    public string? MetadataDirective { get; init; }

    public string? Prefix { get; init; }

    public string? Delimiter { get; init; }

    public string? EncodingType { get; init; }

    public int? MaxKeys { get; init; }

    public Ref? Marker { get; init; }

    public string? StartAfter { get; init; }

    public Ref? ContinuationToken { get; init; }

    /// <summary>The index of the Create step whose upload this step uses (-1: an id no server issued).</summary>
    public int Upload { get; init; } = -1;

    public int PartNumber { get; init; }

    public List<PartRef>? Parts { get; init; }

    public string? KeyMarker { get; init; }

    public int? MaxParts { get; init; }

    public int? PartNumberMarker { get; init; }

    public List<string>? Keys { get; init; }

    public bool Quiet { get; init; }

    // Resolved per server (never generated):
    [JsonIgnore]
    public string? UploadId { get; init; }

    [JsonIgnore]
    public List<(int PartNumber, string ETag)>? ResolvedParts { get; init; }
}

/// <summary>A header value: its text, and whether a raw client sends it as Latin-1 (one byte per char) instead of UTF-8.</summary>
internal sealed record HeaderValue(string Text, bool Latin1 = false)
{
    public bool IsAscii => Text.All(c => c is >= ' ' and < (char)0x7F);

    public override string ToString() => Latin1 ? $"latin1:{Escape(Text)}" : Escape(Text);

    public static string Escape(string s)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in s)
        {
            if (c is < ' ' or (char)0x7F)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.Length > 80 ? sb.ToString(0, 40) + $"…({s.Length} chars)…" + sb.ToString(sb.Length - 20, 20) : sb.ToString();
    }
}
