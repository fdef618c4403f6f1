using System.Globalization;
using System.Net;
using System.Text;

namespace S3Spec.Benchmarks;

/// <summary>
/// Draws a <see cref="Curve"/> as a self-contained SVG line chart (axes linear or logarithmic, one polyline with
/// markers per series, a legend). Written directly: no plotting library, no fonts to install.
/// </summary>
internal static class SvgChart
{
    private const double Width = 760, Height = 420, Left = 80, Right = 220, Top = 40, Bottom = 60;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string Render(Curve curve)
    {
        var points = curve.Series.SelectMany(s => s.Points).Where(p => (!curve.LogX || p.X > 0) && (!curve.LogY || p.Y > 0)).ToList();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Esc(curve.Title)}</text>\n");
        if (points.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no data</text>\n</svg>\n");
            return sb.ToString();
        }

        var x = new Axis(points.Min(p => p.X), points.Max(p => p.X), curve.LogX, Left, Width - Right, tight: true);
        var y = new Axis(curve.LogY ? points.Min(p => p.Y) : Math.Min(0, points.Min(p => p.Y)), points.Max(p => p.Y), curve.LogY, Height - Bottom, Top, tight: false);
        var plotBottom = Height - Bottom;
        var plotRight = Width - Right;
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotRight - Left}\" height=\"{plotBottom - Top}\" fill=\"none\" stroke=\"#444\"/>\n");
        var xTicks = curve.LogX ? points.Select(p => p.X).Distinct().Order().ToList() : x.Ticks();
        foreach (var t in xTicks)
        {
            var px = x.Map(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(px)}\" y1=\"{Top}\" x2=\"{F(px)}\" y2=\"{plotBottom}\" stroke=\"#e5e5e5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px)}\" y=\"{plotBottom + 16}\" text-anchor=\"middle\">{Label(t)}</text>\n");
        }

        foreach (var t in y.Ticks())
        {
            var py = y.Map(t);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{F(py)}\" x2=\"{plotRight}\" y2=\"{F(py)}\" stroke=\"#e5e5e5\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(py + 4)}\" text-anchor=\"end\">{Label(t)}</text>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + plotRight) / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">{Esc(curve.XLabel + (curve.LogX ? " (log)" : ""))}</text>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(18 {(Top + plotBottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Esc(curve.YLabel + (curve.LogY ? " (log)" : ""))}</text>\n");
        for (var i = 0; i < curve.Series.Count; i++)
        {
            var series = curve.Series[i];
            var color = Colors[i % Colors.Length];
            var drawn = series.Points.Where(p => (!curve.LogX || p.X > 0) && (!curve.LogY || p.Y > 0)).OrderBy(p => p.X).ToList();
            var path = string.Join(' ', drawn.Select(p => $"{F(x.Map(p.X))},{F(y.Map(p.Y))}"));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{path}\"/>\n");
            foreach (var p in drawn)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(x.Map(p.X))}\" cy=\"{F(y.Map(p.Y))}\" r=\"3\" fill=\"{color}\"/>");
            }

            var ly = Top + 10 + (i * 20);
            sb.Append(CultureInfo.InvariantCulture, $"\n<line x1=\"{plotRight + 12}\" y1=\"{ly}\" x2=\"{plotRight + 36}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"2\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{plotRight + 42}\" y=\"{ly + 4}\">{Esc(series.Name)}</text>\n");
        }

        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Label(double v) => v switch
    {
        >= 1_000_000 when v % 1_000_000 == 0 => (v / 1_000_000).ToString("0", CultureInfo.InvariantCulture) + "M",
        >= 10_000 when v % 1000 == 0 => (v / 1000).ToString("0", CultureInfo.InvariantCulture) + "k",
        >= 100 => v.ToString("#,0", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("0.#", CultureInfo.InvariantCulture),
        _ => v.ToString("0.###", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// One axis: data range to pixels (linear, or log10 with decade ticks), with round tick values; a tight log axis
    /// spans the data (a little padded) instead of whole decades (the x axis, whose ticks are the points' x values).
    /// </summary>
    private sealed class Axis
    {
        private readonly double lo, hi, p0, p1;
        private readonly bool log;

        public Axis(double min, double max, bool log, double p0, double p1, bool tight)
        {
            this.log = log;
            this.p0 = p0;
            this.p1 = p1;
            if (log && tight)
            {
                var span = Math.Max(Math.Log10(max) - Math.Log10(min), 0.5);
                lo = Math.Log10(min) - (span * 0.04);
                hi = Math.Log10(max) + (span * 0.04);
            }
            else if (log)
            {
                lo = Math.Floor(Math.Log10(min));
                hi = Math.Max(lo + 1, Math.Ceiling(Math.Log10(max)));
            }
            else
            {
                var step = Step(min, max);
                lo = Math.Floor(min / step) * step;
                hi = Math.Max(lo + step, Math.Ceiling(max / step) * step);
            }
        }

        public double Map(double v)
        {
            var t = log ? Math.Log10(v) : v;
            return p0 + ((t - lo) / (hi - lo) * (p1 - p0));
        }

        public List<double> Ticks()
        {
            var ticks = new List<double>();
            if (log)
            {
                for (var e = lo; e <= hi; e++)
                {
                    ticks.Add(Math.Pow(10, e));
                }

                return ticks;
            }

            var step = Step(lo, hi);
            for (var v = lo; v <= hi + (step / 2); v += step)
            {
                ticks.Add(Math.Round(v, 10));
            }

            return ticks;
        }

        private static double Step(double min, double max)
        {
            var range = Math.Max(max - min, 1e-9);
            var raw = range / 6;
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            var norm = raw / magnitude;
            return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
        }
    }
}
