using S3Spec.Differential.Model;

namespace S3Spec.Differential.Generation;

/// <summary>Which client stack can send a step as generated (raw HTTP can send anything).</summary>
internal static class Expressible
{
    public static bool By(ClientStack stack, Step step) => stack switch
    {
        ClientStack.Raw => true,
        ClientStack.Boto => Values(step).All(v => !v.Latin1 && !v.Text.Any(char.IsControl))
            && step.ContentMd5 is null or "valid" or "wrong" or "garbage"
            && Dates(step).All(d => d.Form is null or "imf")
            && !step.Key.Contains('\0', StringComparison.Ordinal),
        ClientStack.Sdk => Values(step).All(v => v.IsAscii || v.Text.Length == 0)
            && step.ContentMd5 is null or "valid" or "wrong"
            && Dates(step).All(d => d.Form is null or "imf")
            && !step.Key.Contains('\0', StringComparison.Ordinal)
            && !step.Key.StartsWith('/') && !step.Key.Contains("//", StringComparison.Ordinal)
            && !(step.SourceKey ?? "").Contains('\0', StringComparison.Ordinal)
            && step.Op != Op.CreateBucket
            && (step.Range is null || step.Range.StartsWith("bytes=", StringComparison.Ordinal))
            && (step.Op != Op.UploadPartCopy || step.Range is null || System.Text.RegularExpressions.Regex.IsMatch(step.Range, "^bytes=[0-9]+-[0-9]+$"))
            && (step.Op != Op.Head || step.Range is null)
            && !(step.ContentHeaders?.ContainsKey("Expires") ?? false)
            && (step.ContentHeaders is null || !step.ContentHeaders.TryGetValue("Content-Type", out var type)
                || System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type.Text, out _)),
        _ => false,
    };

    private static IEnumerable<HeaderValue> Values(Step step) =>
        (step.Meta?.Values ?? Enumerable.Empty<HeaderValue>()).Concat(step.ContentHeaders?.Values ?? Enumerable.Empty<HeaderValue>());

    private static IEnumerable<Ref> Dates(Step step) =>
        new[] { step.IfModifiedSince, step.IfUnmodifiedSince }.OfType<Ref>();
}
