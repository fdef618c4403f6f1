using System.Globalization;

namespace S3Spec.Benchmarks;

/// <summary>
/// The Lua scripts wrk needs for anything but a plain GET: the method and, for PUT, a fixed body (wrk adds its
/// Content-Length). Written once per kind under the scratch directory; the URL (a presigned one) stays wrk's argument.
/// </summary>
internal static class WrkScripts
{
    /// <summary>The script's path, or null for a GET without body (wrk's default request).</summary>
    public static string? For(HttpMethod method, int bodyBytes, string scratch)
    {
        if (method == HttpMethod.Get && bodyBytes == 0)
        {
            return null;
        }

        var path = Path.Combine(scratch, $"wrk-{method.Method.ToLowerInvariant()}-{bodyBytes.ToString(CultureInfo.InvariantCulture)}.lua");
        var body = bodyBytes > 0 ? $"wrk.body = string.rep(\"s3spec-benchmark-body-\", {bodyBytes / 22}) .. string.rep(\"x\", {bodyBytes % 22})\n" : "";
        File.WriteAllText(path, $"wrk.method = \"{method.Method}\"\n{body}");
        return path;
    }
}
