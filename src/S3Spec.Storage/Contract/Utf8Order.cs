namespace S3Spec.Storage.Contract;

/// <summary>
/// Orders strings by their UTF-8 bytes (= code point order), as S3 sorts keys. UTF-16 ordinal order differs for
/// characters above U+FFFF (surrogates, 0xD800-0xDFFF) against U+E000-U+FFFF; the code units are remapped so
/// that surrogates sort last.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return Fix(a).CompareTo(Fix(b));
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    public static int Cmp(string x, string y) => Instance.Compare(x, y);

    private static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
