namespace JobRec.Measurement;

/// <summary>A named line of a chart: (x, y) points drawn in the order given.</summary>
/// <param name="Name">Legend label.</param>
/// <param name="Points">The points.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);
