namespace S3Spec.Auth.Signing;

/// <summary>
/// Parses the Date header in every form clients send (docs/auth.md, "The Date header"): the three HTTP-date forms of
/// RFC 9110 (IMF-fixdate, obsolete RFC 850, asctime) and the RFC 5322 (RFC 2822) date-time with a numeric zone
/// (+hhmm, -hhmm, -0000) or an obsolete named zone, optional day name and seconds, and a trailing comment.
/// Names are matched case-insensitively; a day name must be the date's day; two-digit years are read as RFC 9110
/// says (the most recent such year not more than 50 years after <c>now</c>).
/// </summary>
internal static class HttpDate
{
    private const int MaxLength = 128;

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly string[] Days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        var cursor = new Cursor(text);
        cursor.SkipSpace();
        DayOfWeek? dayName = null;
        if (cursor.PeekLetter())
        {
            if (!TryDayName(cursor.Word(), out var named))
            {
                return false;
            }

            dayName = named;
            cursor.SkipSpace();
            if (!cursor.Take(',') && cursor.PeekLetter())
            {
                return TryAsctime(ref cursor, now, named, out time);
            }

            cursor.SkipSpace();
        }

        if (!cursor.Number(1, 2, out var day))
        {
            return false;
        }

        int month, year, yearDigits;
        if (cursor.Take('-'))
        {
            // RFC 850: dd-Mon-yy
            if (!TryMonth(cursor.Word(), out month) || !cursor.Take('-') || !cursor.Year(out year, out yearDigits))
            {
                return false;
            }
        }
        else if (!cursor.Space() || !TryMonth(cursor.Word(), out month) || !cursor.Space() || !cursor.Year(out year, out yearDigits))
        {
            return false;
        }

        if (!cursor.Space() || !cursor.Time(out var hour, out var minute, out var second, secondsOptional: true) || !cursor.Space()
            || !TryZone(ref cursor, out var offsetMinutes))
        {
            return false;
        }

        cursor.SkipSpace();
        if (!cursor.Comment() || !cursor.AtEnd())
        {
            return false;
        }

        return TryBuild(FullYear(year, yearDigits, now), month, day, hour, minute, second, offsetMinutes, dayName, out time);
    }

    /// <summary>asctime: "Sun Nov  6 08:49:37 1994", always UTC (the day name has been read).</summary>
    private static bool TryAsctime(ref Cursor cursor, DateTimeOffset now, DayOfWeek dayName, out DateTimeOffset time)
    {
        time = default;
        if (!TryMonth(cursor.Word(), out var month) || !cursor.Space() || !cursor.Number(1, 2, out var day) || !cursor.Space()
            || !cursor.Time(out var hour, out var minute, out var second, secondsOptional: false) || !cursor.Space()
            || !cursor.Year(out var year, out var digits) || digits != 4)
        {
            return false;
        }

        cursor.SkipSpace();
        return cursor.AtEnd() && TryBuild(FullYear(year, digits, now), month, day, hour, minute, second, 0, dayName, out time);
    }

    private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, int offsetMinutes, DayOfWeek? dayName,
        out DateTimeOffset time)
    {
        time = default;
        if (year is < 1 or > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        // A leap second (:60) is the last second of its minute: DateTime has no 61st second.
        var local = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);
        if (dayName is { } named && local.DayOfWeek != named)
        {
            return false;
        }

        var ticks = local.Ticks - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        time = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Four digits as written; three plus 1900 (RFC 5322); two as RFC 9110 says.</summary>
    private static int FullYear(int year, int digits, DateTimeOffset now)
    {
        if (digits == 3)
        {
            return year + 1900;
        }

        if (digits != 2)
        {
            return year;
        }

        var current = now.UtcDateTime.Year;
        var candidate = (current - (current % 100)) + year;
        return candidate > current + 50 ? candidate - 100 : candidate;
    }

    /// <summary>+hhmm / -hhmm, or a named zone: UT, UTC, GMT, Z, the North American names, or a military letter (-0000, RFC 5322).</summary>
    private static bool TryZone(ref Cursor cursor, out int offsetMinutes)
    {
        offsetMinutes = 0;
        var sign = cursor.Take('+') ? 1 : cursor.Take('-') ? -1 : 0;
        if (sign != 0)
        {
            if (!cursor.Number(4, 4, out var hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59)
            {
                return false;
            }

            offsetMinutes = sign * (((hhmm / 100) * 60) + (hhmm % 100));
            return true;
        }

        var zone = cursor.Word().ToString();
        int? hours = zone.ToUpperInvariant() switch
        {
            "UT" or "UTC" or "GMT" or "Z" => 0,
            "EDT" => -4,
            "EST" or "CDT" => -5,
            "CST" or "MDT" => -6,
            "MST" or "PDT" => -7,
            "PST" => -8,
            [var letter] when letter is (>= 'A' and <= 'I') or (>= 'K' and <= 'Y') => 0,
            _ => null,
        };
        offsetMinutes = (hours ?? 0) * 60;
        return hours is not null;
    }

    private static bool TryMonth(ReadOnlySpan<char> word, out int month)
    {
        month = 0;
        if (word.Length == 3)
        {
            for (var i = 0; i < Months.Length; i++)
            {
                if (word.Equals(Months[i], StringComparison.OrdinalIgnoreCase))
                {
                    month = i + 1;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A day name, abbreviated (Sun) or in full (Sunday, as RFC 850 writes it).</summary>
    private static bool TryDayName(ReadOnlySpan<char> word, out DayOfWeek day)
    {
        day = default;
        for (var i = 0; i < Days.Length; i++)
        {
            if (word.Equals(Days[i], StringComparison.OrdinalIgnoreCase) || word.Equals(Days[i].AsSpan(0, 3), StringComparison.OrdinalIgnoreCase))
            {
                day = (DayOfWeek)i;
                return true;
            }
        }

        return false;
    }

    private ref struct Cursor(string text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _position;

        public readonly bool AtEnd() => _position == _text.Length;

        public readonly bool PeekLetter() => _position < _text.Length && char.IsAsciiLetter(_text[_position]);

        public bool Take(char c)
        {
            if (_position < _text.Length && _text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        /// <summary>Skips spaces and tabs; true when there was at least one.</summary>
        public bool Space()
        {
            var start = _position;
            SkipSpace();
            return _position > start;
        }

        public void SkipSpace()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t')
            {
                _position++;
            }
        }

        public ReadOnlySpan<char> Word()
        {
            var start = _position;
            while (PeekLetter())
            {
                _position++;
            }

            return _text[start.._position];
        }

        public bool Number(int minDigits, int maxDigits, out int value)
        {
            value = 0;
            var start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]) && _position - start < maxDigits)
            {
                value = (value * 10) + (_text[_position] - '0');
                _position++;
            }

            var digits = _position - start;
            return digits >= minDigits && (_position == _text.Length || !char.IsAsciiDigit(_text[_position]));
        }

        public bool Year(out int year, out int digits)
        {
            var start = _position;
            var ok = Number(2, 4, out year);
            digits = _position - start;
            return ok;
        }

        /// <summary>hh:mm:ss, or hh:mm when <paramref name="secondsOptional"/> (RFC 5322).</summary>
        public bool Time(out int hour, out int minute, out int second, bool secondsOptional)
        {
            second = 0;
            minute = 0;
            if (!Number(2, 2, out hour) || !Take(':') || !Number(2, 2, out minute))
            {
                return false;
            }

            return Take(':') ? Number(2, 2, out second) : secondsOptional;
        }

        /// <summary>An optional trailing comment, "(UTC)", without nesting; true when there is none or it is closed.</summary>
        public bool Comment()
        {
            if (!Take('('))
            {
                return true;
            }

            while (_position < _text.Length && _text[_position] is '\t' or (>= ' ' and <= '~' and not '(' and not ')'))
            {
                _position++;
            }

            if (!Take(')'))
            {
                return false;
            }

            SkipSpace();
            return true;
        }
    }
}
