using S3Spec.Differential.Model;

namespace S3Spec.Differential.Generation;

/// <summary>Header values at the edges: whitespace, unicode, Latin-1 bytes, long values, control bytes, RFC 2047 look-alikes.</summary>
internal static class ValueGrammar
{
    private static readonly HeaderValue[] Values =
    [
        new("plain"), new("plain"), new("v1"), new(" leading"), new("trailing "), new("  both  "), new("in   ner"), new("tab\there"),
        new(""), new("a,b;c=d"), new("quote\"d"), new("=?UTF-8?B?w6k=?="), new("unicode é ☀"), new("日本語"), new("caf\u00e9", Latin1: true),
        new("Hello World\u00e9", Latin1: true), new(new string('v', 1500)), new(new string('w', 2100)), new("ctl\u0001byte"), new("x\u007fdel"),
    ];

    private static readonly string[] MetaNames = ["a", "b", "mixed-Case", "long-name-of-metadata", "dash_under", "n1"];

    private static readonly (string Name, HeaderValue[] Values)[] Content =
    [
        ("Content-Type", [new("text/plain"), new("application/octet-stream"), new("text/plain; charset=utf-8"), new("image/x-Odd+type"), new("")]),
        ("Cache-Control", [new("no-cache"), new("max-age=60, public")]),
        ("Content-Disposition", [new("attachment; filename=\"a.txt\""), new("inline; filename*=UTF-8''%C3%A9.txt"), new("attachment; filename=\"été.txt\"")]),
        ("Content-Encoding", [new("gzip"), new("identity")]),
        ("Content-Language", [new("en-US"), new("de")]),
        ("Expires", [new("Thu, 01 Dec 2094 16:00:00 GMT"), new("not a date")]),
    ];

    public static HeaderValue Value(Random random) => Values[random.Next(Values.Length)];

    public static SortedDictionary<string, HeaderValue>? Meta(Random random)
    {
        var n = random.Next(4) switch { 0 or 1 => 0, 2 => 1, _ => 1 + random.Next(3) };
        if (n == 0)
        {
            return null;
        }

        var meta = new SortedDictionary<string, HeaderValue>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            meta[MetaNames[random.Next(MetaNames.Length)]] = random.Next(3) == 0 ? Value(random) : new HeaderValue("v" + random.Next(100));
        }

        return meta;
    }

    public static SortedDictionary<string, HeaderValue>? ContentHeaders(Random random)
    {
        if (random.Next(3) != 0)
        {
            return null;
        }

        var headers = new SortedDictionary<string, HeaderValue>(StringComparer.Ordinal);
        var n = 1 + random.Next(2);
        for (var i = 0; i < n; i++)
        {
            var (name, values) = Content[random.Next(Content.Length)];
            headers[name] = random.Next(6) == 0 ? Value(random) : values[random.Next(values.Length)];
        }

        return headers;
    }
}
