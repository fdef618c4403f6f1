namespace S3Spec.Differential.Generation;

/// <summary>
/// Keys of a sequence: a small namespace drawn at the start (so that operations meet the same keys, files meet
/// directories of the same name, listings have something to page), made of awkward but valid names, directory
/// markers, and names S3Spec must refuse.
/// </summary>
internal static class KeyGrammar
{
    /// <summary>Segment atoms: plain, URL-special, unicode, dots that are names, XML-special, a control char.</summary>
    private static readonly string[] Atoms =
    [
        "a", "b", "c", "a", "b", "d.txt", "a b", "é", "été", "日本", "x+y", "q?", "#h", "100%", "&=", ".dot", "..x", "x.", "~",
        "-", "_u", "Caps", "\"q\"", "<lt>", "'", "*", ";", "tab\t", "\u00a0nb", "\ud83d\ude00", "ǅ", "back\\slash", "%2F", "a,b",
        new string('L', 255), "ctl\u0001",
    ];

    /// <summary>Keys S3Spec refuses (dot and empty segments, the staging folder, too long, NUL).</summary>
    public static readonly string[] Refused =
    [
        "a//b", "/lead", "a/./b", "./b", "a/..", "a/../b", ".", "..", ".s3compat_uploads/x", ".S3COMPAT_UPLOADS/y",
        ".s3compat_uploads", new string('L', 256), "dir/" + new string('é', 128), "nul\0x", string.Concat(Enumerable.Repeat("k/", 512)) + "z",
    ];

    /// <summary>Directory markers: "name/" keys no other key of the namespace lies beneath.</summary>
    public static readonly string[] Markers = ["m1/", "m2/"];

    /// <summary>The keys of one sequence: fixed conflicting names plus some drawn from the atoms.</summary>
    public static List<string> Namespace(Random random, int count)
    {
        List<string> keys = ["a", "a/b", "a/b/c", "b.txt", "d/e", "d/f"];
        while (keys.Count < count)
        {
            var segments = random.Next(3) switch { 0 => 1, 1 => 2, _ => 1 + random.Next(3) };
            var parts = new string[segments];
            for (var i = 0; i < segments; i++)
            {
                parts[i] = Atoms[random.Next(Atoms.Length)];
            }

            var key = string.Join('/', parts);
            if (!keys.Contains(key) && !Markers.Any(m => key.StartsWith(m, StringComparison.Ordinal)))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>Whether S3Spec refuses <paramref name="key"/> as a name (names.feature): a segment that is empty, "." or "..", NUL, longer than 255 bytes, a key longer than 1024 bytes, the staging folder first.</summary>
    public static bool IsRefusedName(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(key) > 1024 || key.Contains('\0', StringComparison.Ordinal))
        {
            return true;
        }

        var segments = key.Split('/');
        var last = key.EndsWith('/') ? segments.Length - 1 : segments.Length;
        for (var i = 0; i < last; i++)
        {
            var s = segments[i];
            if (s.Length == 0 || s == "." || s == ".." || System.Text.Encoding.UTF8.GetByteCount(s) > 255)
            {
                return true;
            }
        }

        return segments[0].Equals(".s3compat_uploads", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a listing without encoding-type=url can carry the key (XML 1.0 characters only).</summary>
    public static bool IsXmlSafe(string key) =>
        key.All(c => c is '\t' or '\n' or '\r' or (>= ' ' and not '\uFFFE' and not '\uFFFF')) && !HasLoneSurrogate(key);

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
