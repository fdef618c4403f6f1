using System.Globalization;
using System.Text;
using System.Text.Json;
using S3Spec.Differential.Model;

namespace S3Spec.Differential.Running;

/// <summary>Prints a finding as a ready reproduction: the seed, the command that reruns it, the steps and both answers.</summary>
internal static class Reproduction
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Describe(Step s)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(s.Stack).Append("] ").Append(s.Op);
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                sb.Append(' ').Append(name).Append('=').Append(value is string text ? Quote(text) : Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        if (s.Op != Op.DeleteObjects && s.Op is not (Op.ListV1 or Op.ListV2 or Op.ListUploads))
        {
            Add("key", s.Key);
        }

        Add("source", s.SourceKey);
        if (s.Op is Op.Put or Op.UploadPart)
        {
            sb.Append(CultureInfo.InvariantCulture, $" body={s.BodySize}B#{s.BodySeed}");
        }

        if (s.Upload >= 0 || s.Op is Op.UploadPart or Op.UploadPartCopy or Op.ListParts or Op.Complete or Op.Abort)
        {
            sb.Append(CultureInfo.InvariantCulture, $" upload=(step {s.Upload})");
        }

        if (s.Op is Op.UploadPart or Op.UploadPartCopy)
        {
            Add("part", s.PartNumber);
        }

        foreach (var (name, value) in s.Meta ?? [])
        {
            sb.Append(" x-amz-meta-").Append(name).Append('=').Append(Quote(value.ToString()));
        }

        foreach (var (name, value) in s.ContentHeaders ?? [])
        {
            sb.Append(' ').Append(name).Append('=').Append(Quote(value.ToString()));
        }

        Add("range", s.Range);
        Add("If-Match", s.IfMatch?.ToString());
        Add("If-None-Match", s.IfNoneMatch?.ToString());
        Add("If-Modified-Since", s.IfModifiedSince?.ToString());
        Add("If-Unmodified-Since", s.IfUnmodifiedSince?.ToString());
        Add("Content-MD5", s.ContentMd5);
        Add("directive", s.MetadataDirective);
        Add("prefix", s.Prefix);
        Add("delimiter", s.Delimiter);
        Add("max", s.MaxKeys);
        Add("encoding-type", s.EncodingType);
        Add("marker", s.Marker?.ToString());
        Add("start-after", s.StartAfter);
        Add("token", s.ContinuationToken?.ToString());
        Add("key-marker", s.KeyMarker);
        Add("max-parts", s.MaxParts);
        Add("part-number-marker", s.PartNumberMarker);
        if (s.Keys is { } keys)
        {
            sb.Append(" keys=[").Append(string.Join(", ", keys.Select(Quote))).Append(']');
            if (s.Quiet)
            {
                sb.Append(" quiet");
            }
        }

        if (s.Parts is { } parts)
        {
            sb.Append(" parts=[").Append(string.Join(", ", parts.Select(p => $"{p.PartNumber}:{p.ETag}"))).Append(']');
        }

        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + HeaderValue.Escape(s) + "\"";

    public static string Format(int seed, int ops, SequenceResult result, IReadOnlyList<Step> steps, string? replayFile)
    {
        var failure = result.Failure!;
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"UNDECLARED DIVERGENCE (seed {seed}, {ops} ops): step {failure.Index} of the shrunk sequence, {failure.Step.Op}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  rerun the seed:     dotnet run --project tests/S3Spec.Differential -c Release -- --seed {seed} --ops {ops}");
        if (replayFile is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  rerun these steps:  dotnet run --project tests/S3Spec.Differential -c Release -- --replay {replayFile}");
        }

        sb.AppendLine("  steps:");
        for (var i = 0; i < result.Records.Count; i++)
        {
            var r = result.Records[i];
            sb.AppendLine(CultureInfo.InvariantCulture, $"    {i,3}. {Describe(r.Step)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"         S3Spec {r.S3Spec.Status} {r.S3Spec.Code} | moto {r.Moto.Status} {r.Moto.Code}{(r.Declared.Count > 0 ? "  (declared: " + string.Join(", ", r.Declared.Select(d => d.Id)) + ")" : "")}");
        }

        sb.AppendLine("  differences not declared:");
        foreach (var d in failure.Unexplained)
        {
            sb.AppendLine("    " + d);
        }

        sb.AppendLine("  S3Spec answered: " + failure.S3Spec);
        sb.AppendLine("  moto answered:   " + failure.Moto);
        _ = steps;
        return sb.ToString();
    }
}
