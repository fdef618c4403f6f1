using System.Globalization;

namespace S3Spec.Admin.Cli;

/// <summary>Byte sizes on the command line: "1048576", "500MB" (powers of 1000), "10GiB" (powers of 1024).</summary>
internal static class Sizes
{
    private static readonly (string Unit, long Factor)[] Units =
    [
        ("B", 1),
        ("KB", 1000L), ("MB", 1000L * 1000), ("GB", 1000L * 1000 * 1000), ("TB", 1000L * 1000 * 1000 * 1000), ("PB", 1000L * 1000 * 1000 * 1000 * 1000),
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("PiB", 1L << 50),
    ];

    private static readonly string[] BinaryNames = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Parses a size; Usage error naming the accepted forms when it is not one.</summary>
    public static long Parse(string text, string what)
    {
        if (TryParse(text, out var bytes))
        {
            return bytes;
        }

        throw AdminException.Usage($"'{text}' is not a valid {what}: give bytes or a number with a unit (B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB), e.g. 10GiB or 500MB.");
    }

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var s = text?.Trim() ?? "";
        var split = 0;
        while (split < s.Length && (char.IsAsciiDigit(s[split]) || s[split] == '.'))
        {
            split++;
        }

        if (split == 0 || !decimal.TryParse(s.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var unit = s[split..].Trim();
        long factor;
        if (unit.Length == 0)
        {
            factor = 1;
        }
        else if (!TryUnit(unit, out factor))
        {
            return false;
        }

        try
        {
            var value = decimal.Floor(number * factor);
            if (value > long.MaxValue)
            {
                return false;
            }

            bytes = (long)value;
            return number == decimal.Floor(number) || factor > 1;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A size for people: "10 GiB", "1.5 MiB", "512 B".</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < BinaryNames.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : value.ToString(value >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture) + " " + BinaryNames[unit];
    }

    private static bool TryUnit(string unit, out long factor)
    {
        foreach (var (name, f) in Units)
        {
            if (string.Equals(name, unit, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                return true;
            }
        }

        factor = 0;
        return false;
    }
}
