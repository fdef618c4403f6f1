namespace S3Spec.Admin.Cli;

/// <summary>Left-aligned columns separated by two spaces.</summary>
internal static class Table
{
    public static void Write(TextWriter output, IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var line = new System.Text.StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            output.WriteLine(line.ToString());
        }
    }
}
