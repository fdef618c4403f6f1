using Microsoft.AspNetCore.Http.Features;

namespace S3Spec.Server.Requests;

/// <summary>
/// How the generated inputs read a declared value. By default a value sent empty or blank reads as absent (null), as
/// ASP.NET Core's model binding did; a parameter marked <c>x-s3-keep-empty</c> keeps what was sent. A query value is
/// its first occurrence; a repeated header is its values joined by ','.
/// </summary>
internal static class InputValues
{
    public static S3Target Target(HttpContext context) => context.Features.GetRequiredFeature<S3Target>();

    public static string? Query(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    public static string? QueryAsSent(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] ?? string.Empty : null;

    public static string? Header(IHeaderDictionary headers, string name)
    {
        if (!headers.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values.ToString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static string? HeaderAsSent(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>Every header whose name starts with <paramref name="prefix"/> (any case), name and value as sent.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Family(IHeaderDictionary headers, string prefix)
    {
        List<KeyValuePair<string, string>>? found = null;
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                (found ??= []).Add(new(name, values.ToString()));
            }
        }

        return found ?? (IReadOnlyList<KeyValuePair<string, string>>)[];
    }
}
