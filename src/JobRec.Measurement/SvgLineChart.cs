using System.Globalization;
using System.Security;
using System.Text;

namespace JobRec.Measurement;

/// <summary>A self-contained SVG line chart: named series of (x, y) points, axes with ticks and labels, a legend, optional log-scale y.</summary>
public sealed class SvgLineChart
{
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private readonly List<ChartSeries> _series = [];

    /// <summary>Title drawn above the plot.</summary>
    public string Title { get; init; } = "";

    /// <summary>Label of the x axis.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>Label of the y axis.</summary>
    public string YLabel { get; init; } = "";

    /// <summary>When true the y axis is logarithmic (base 10) and every y must be positive.</summary>
    public bool LogY { get; init; }

    /// <summary>Width of the image in pixels.</summary>
    public int Width { get; init; } = 760;

    /// <summary>Height of the image in pixels.</summary>
    public int Height { get; init; } = 440;

    /// <summary>The series added so far.</summary>
    public IReadOnlyList<ChartSeries> Series => _series;

    /// <summary>Adds a named series; returns this chart.</summary>
    /// <exception cref="ArgumentException">A point is not finite, or not positive on a log-scale y axis.</exception>
    public SvgLineChart Add(string name, IEnumerable<(double X, double Y)> points)
    {
        var list = points.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            var (x, y) = list[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
                throw new ArgumentException($"series '{name}' point {i} ({x}, {y}) is not finite", nameof(points));
            if (LogY && y <= 0)
                throw new ArgumentException($"series '{name}' point {i} has y={y}; a log-scale axis needs y > 0", nameof(points));
        }
        _series.Add(new ChartSeries(name, list));
        return this;
    }

    /// <summary>Renders the chart as an SVG document.</summary>
    public string Render()
    {
        var all = _series.SelectMany(s => s.Points).ToList();
        double xMin = all.Count == 0 ? 0 : all.Min(p => p.X), xMax = all.Count == 0 ? 1 : all.Max(p => p.X);
        double yMin = all.Count == 0 ? (LogY ? 1 : 0) : all.Min(p => p.Y), yMax = all.Count == 0 ? (LogY ? 10 : 1) : all.Max(p => p.Y);
        if (xMax == xMin) { xMin -= 0.5; xMax += 0.5; }

        double[] xTicks = NiceTicks(xMin, xMax, 8);
        xMin = Math.Min(xMin, xTicks[0]); xMax = Math.Max(xMax, xTicks[^1]);
        double[] yTicks;
        if (LogY)
        {
            double lo = Math.Floor(Math.Log10(yMin)), hi = Math.Ceiling(Math.Log10(yMax));
            if (hi == lo) hi = lo + 1;
            yTicks = LogTicks(lo, hi);
            yMin = Math.Pow(10, lo); yMax = Math.Pow(10, hi);
        }
        else
        {
            if (yMin > 0) yMin = 0; // linear charts start at zero so that heights compare
            if (yMax == yMin) yMax = yMin + 1;
            yTicks = NiceTicks(yMin, yMax, 6);
            yMin = Math.Min(yMin, yTicks[0]); yMax = Math.Max(yMax, yTicks[^1]);
        }

        const double left = 70, top = 40, bottom = 55;
        double legendWidth = _series.Count == 0 ? 0 : 30 + 7.2 * _series.Max(s => s.Name.Length);
        double right = 20 + legendWidth;
        double plotW = Width - left - right, plotH = Height - top - bottom;
        double X(double x) => left + (x - xMin) / (xMax - xMin) * plotW;
        double Y(double y) => LogY
            ? top + plotH - (Math.Log10(y) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * plotH
            : top + plotH - (y - yMin) / (yMax - yMin) * plotH;

        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        if (Title.Length > 0) svg.Append(Invariant($"<text x=\"{Width / 2.0:0.#}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Escape(Title)}</text>\n"));

        foreach (double t in yTicks)
        {
            double y = Y(t);
            svg.Append(Invariant($"<line x1=\"{left:0.##}\" y1=\"{y:0.##}\" x2=\"{left + plotW:0.##}\" y2=\"{y:0.##}\" stroke=\"#e5e5e5\"/>\n"));
            svg.Append(Invariant($"<text x=\"{left - 6:0.##}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{Escape(FormatTick(t))}</text>\n"));
        }
        foreach (double t in xTicks)
        {
            double x = X(t);
            svg.Append(Invariant($"<line x1=\"{x:0.##}\" y1=\"{top + plotH:0.##}\" x2=\"{x:0.##}\" y2=\"{top + plotH + 5:0.##}\" stroke=\"black\"/>\n"));
            svg.Append(Invariant($"<text x=\"{x:0.##}\" y=\"{top + plotH + 18:0.##}\" text-anchor=\"middle\">{Escape(FormatTick(t))}</text>\n"));
        }
        svg.Append(Invariant($"<rect x=\"{left:0.##}\" y=\"{top:0.##}\" width=\"{plotW:0.##}\" height=\"{plotH:0.##}\" fill=\"none\" stroke=\"black\"/>\n"));
        if (XLabel.Length > 0) svg.Append(Invariant($"<text x=\"{left + plotW / 2:0.##}\" y=\"{Height - 12:0.##}\" text-anchor=\"middle\">{Escape(XLabel)}</text>\n"));
        if (YLabel.Length > 0) svg.Append(Invariant($"<text transform=\"translate(16,{top + plotH / 2:0.##}) rotate(-90)\" text-anchor=\"middle\">{Escape(YLabel + (LogY ? " (log)" : ""))}</text>\n"));

        for (int s = 0; s < _series.Count; s++)
        {
            string color = Palette[s % Palette.Length];
            var points = _series[s].Points;
            if (points.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"2\" points=\"");
                svg.AppendJoin(' ', points.Select(p => Invariant($"{X(p.X):0.##},{Y(p.Y):0.##}")));
                svg.Append("\"/>\n");
            }
            foreach (var p in points)
                svg.Append(Invariant($"<circle cx=\"{X(p.X):0.##}\" cy=\"{Y(p.Y):0.##}\" r=\"2.5\" fill=\"{color}\"/>\n"));
            double ly = top + 10 + s * 18;
            double lx = left + plotW + 15;
            svg.Append(Invariant($"<line x1=\"{lx:0.##}\" y1=\"{ly:0.##}\" x2=\"{lx + 18:0.##}\" y2=\"{ly:0.##}\" stroke=\"{color}\" stroke-width=\"3\"/>\n"));
            svg.Append(Invariant($"<text x=\"{lx + 24:0.##}\" y=\"{ly + 4:0.##}\">{Escape(_series[s].Name)}</text>\n"));
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Writes the rendered chart to a file, creating its folder.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, Render());
    }

    /// <summary>Round tick values (steps of 1, 2 or 5 times a power of ten) covering [min, max] with about <paramref name="target"/> ticks.</summary>
    public static double[] NiceTicks(double min, double max, int target)
    {
        double range = max - min;
        double rough = range / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= rough);
        double first = Math.Floor(min / step + 1e-9) * step, last = Math.Ceiling(max / step - 1e-9) * step;
        var ticks = new List<double>();
        for (double t = first; t <= last + step * 1e-6; t += step) ticks.Add(Math.Round(Math.Round(t / step) * step, 12));
        return [.. ticks];
    }

    private static double[] LogTicks(double lo, double hi)
    {
        var ticks = new List<double>();
        for (double e = lo; e <= hi; e++)
        {
            ticks.Add(Math.Pow(10, e));
            if (hi - lo <= 2 && e < hi) { ticks.Add(2 * Math.Pow(10, e)); ticks.Add(5 * Math.Pow(10, e)); }
        }
        return [.. ticks];
    }

    private static string FormatTick(double t) => Math.Abs(t) >= 1e5 || (t != 0 && Math.Abs(t) < 1e-3)
        ? t.ToString("0.##E+0", CultureInfo.InvariantCulture)
        : t.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Escape(string s) => SecurityElement.Escape(s) ?? "";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
