namespace S3Spec.Benchmarks;

/// <summary>
/// One plot of a curve workload: series of (x, y) points, stored with the rows (performance.json) and drawn by
/// <see cref="SvgChart"/> into `FILE.svg` beside the report.
/// </summary>
internal sealed record Curve(string Workload, string File, string Title, string XLabel, string YLabel, bool LogX, bool LogY, List<CurveSeries> Series, string Note = "")
{
    /// <summary>Adds a point to the named series (created on first use, in order of first use).</summary>
    public void Add(string series, double x, double y)
    {
        if (double.IsNaN(y) || double.IsInfinity(y))
        {
            return;
        }

        var s = Series.Find(c => c.Name == series);
        if (s is null)
        {
            s = new CurveSeries(series, []);
            Series.Add(s);
        }

        s.Points.Add(new CurvePoint(x, y));
    }
}

internal sealed record CurveSeries(string Name, List<CurvePoint> Points);

internal sealed record CurvePoint(double X, double Y);
