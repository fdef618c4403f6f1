using System.Text;

namespace S3Spec.Auth.Signing;

/// <summary>One query parameter: its name and value both as decoded text and as canonical (re-encoded) text.</summary>
internal readonly record struct QueryParameter(string Name, string Value, string EncodedName, string EncodedValue)
{
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
            var name = SigV4Encoding.PercentDecode(eq < 0 ? pair : pair[..eq], plusIsSpace: true);
            var value = eq < 0 ? [] : SigV4Encoding.PercentDecode(pair[(eq + 1)..], plusIsSpace: true);
            list.Add(new QueryParameter(
                Encoding.UTF8.GetString(name),
                Encoding.UTF8.GetString(value),
                SigV4Encoding.Encode(name),
                SigV4Encoding.Encode(value)));
        }

        return list;
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
