using System.Globalization;
using System.Text;

namespace S3Spec.Benchmarks;

/// <summary>The report's curves section: per curve its SVG (a relative link) and its points as a table.</summary>
internal static class CurveTables
{
    public static void Render(StringBuilder sb, IReadOnlyList<Curve> curves, IReadOnlyDictionary<string, string> runAt, string svgFolder)
    {
        if (curves.Count == 0)
        {
            return;
        }

        sb.AppendLine().AppendLine("### Curves").AppendLine();
        foreach (var curve in curves.OrderBy(c => Array.IndexOf(BenchOptions.AllWorkloads, c.Workload)))
        {
            runAt.TryGetValue(curve.Workload, out var at);
            sb.AppendLine(CultureInfo.InvariantCulture, $"#### {curve.Title} ({curve.Workload}, {at})").AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"![{curve.Title}]({svgFolder}/{curve.File}.svg)").AppendLine();
            var xs = curve.Series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToList();
            sb.Append(CultureInfo.InvariantCulture, $"| {curve.YLabel} \\ {curve.XLabel} |");
            foreach (var x in xs)
            {
                sb.Append(CultureInfo.InvariantCulture, $" {x.ToString("#,0.##", CultureInfo.InvariantCulture)} |");
            }

            sb.AppendLine().Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---|", xs.Count)));
            foreach (var series in curve.Series)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {series.Name} |");
                foreach (var x in xs)
                {
                    var point = series.Points.Find(p => p.X == x);
                    sb.Append(' ').Append(point is null ? "" : RunResults.Format(point.Y)).Append(" |");
                }

                sb.AppendLine();
            }

            if (curve.Note.Length > 0)
            {
                sb.AppendLine().AppendLine(curve.Note);
            }

            sb.AppendLine();
        }
    }
}
