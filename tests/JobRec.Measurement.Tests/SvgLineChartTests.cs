using System.Xml.Linq;
using JobRec.Measurement;

namespace JobRec.Measurement.Tests;

public class SvgLineChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Renders_valid_svg_with_a_line_and_legend_entry_per_series()
    {
        var chart = new SvgLineChart { Title = "MAP <by> K", XLabel = "K", YLabel = "MAP" }
            .Add("fm & co", [(5, 0.1), (10, 0.2), (30, 0.25)])
            .Add("popularity", [(5, 0.01), (10, 0.015), (30, 0.02)]);
        var doc = XDocument.Parse(chart.Render());
        Assert.Equal(2, doc.Descendants(Svg + "polyline").Count());
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("fm & co", texts);
        Assert.Contains("MAP <by> K", texts);
        Assert.Contains("30", texts); // x tick
        Assert.Contains("0.25", texts); // y tick
    }

    [Fact]
    public void Higher_values_are_drawn_higher_and_log_scale_spans_decades()
    {
        var chart = new SvgLineChart { LogY = true, YLabel = "latency ms" }.Add("p99", [(1, 0.5), (2, 50)]);
        var doc = XDocument.Parse(chart.Render());
        var points = doc.Descendants(Svg + "circle").Select(c => double.Parse(c.Attribute("cy")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(points[1] < points[0]); // SVG y grows downwards
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("0.1", texts);
        Assert.Contains("100", texts);
        Assert.Contains("latency ms (log)", texts);
    }

    [Fact]
    public void Bad_points_are_rejected_naming_series_and_index()
    {
        var log = new SvgLineChart { LogY = true };
        var e = Assert.Throws<ArgumentException>(() => log.Add("p50", [(1, 2), (2, 0)]));
        Assert.Contains("'p50' point 1", e.Message);
        Assert.Throws<ArgumentException>(() => new SvgLineChart().Add("x", [(double.NaN, 1)]));
    }

    [Fact]
    public void Nice_ticks_use_round_steps_covering_the_range()
    {
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], SvgLineChart.NiceTicks(0, 0.87, 6));
        Assert.Equal([5, 10, 15, 20, 25, 30], SvgLineChart.NiceTicks(5, 30, 6));
    }
}
