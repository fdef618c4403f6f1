using System.Text;

namespace S3Spec.Auth.Signing;

/// <summary>One query parameter: its name and value both as decoded text and as canonical (re-encoded) text.</summary>
internal readonly record struct QueryParameter(string Name, string Value, string EncodedName, string EncodedValue)
{
    private static readonly System.Buffers.SearchValues<char> Unreserved =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");

    public static List<QueryParameter> Parse(string rawQuery)
    {
        var list = new List<QueryParameter>();
        var rest = rawQuery.AsSpan();
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf('&');
            var pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? [] : rest[(amp + 1)..];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var (name, encodedName) = Component(eq < 0 ? pair : pair[..eq]);
            var (value, encodedValue) = eq < 0 ? (string.Empty, string.Empty) : Component(pair[(eq + 1)..]);
            list.Add(new QueryParameter(name, value, encodedName, encodedValue));
        }

        return list;
    }

    /// <summary>
    /// A name or value as decoded text and as canonical text. Text of unreserved characters only (most of a presigned
    /// URL's parameters) decodes and re-encodes to itself, so it is one string for both.
    /// </summary>
    private static (string Text, string Encoded) Component(ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty)
        {
            return (string.Empty, string.Empty);
        }

        if (!raw.ContainsAnyExcept(Unreserved))
        {
            var text = raw.ToString();
            return (text, text);
        }

        var decoded = SigV4Encoding.PercentDecode(raw, plusIsSpace: true);
        return (Encoding.UTF8.GetString(decoded), SigV4Encoding.Encode(decoded));
    }

    public static string? Find(List<QueryParameter> parameters, string name)
    {
        foreach (var p in parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal))
            {
                return p.Value;
            }
        }

        return null;
    }

    public static int Count(List<QueryParameter> parameters, string name)
    {
        var n = 0;
        foreach (var p in parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.Ordinal))
            {
                n++;
            }
        }

        return n;
    }
}
