namespace JobRec.Data.Synthetic;

/// <summary>Picks an index with probability proportional to its weight (cumulative table + binary search).</summary>
public sealed class WeightedChoice
{
    private readonly double[] _cumulative;

    /// <summary>Builds the table; weights must be non-negative with a positive sum.</summary>
    public WeightedChoice(IEnumerable<double> weights)
    {
        var list = weights.ToList();
        if (list.Count == 0 || list.Any(w => w < 0 || double.IsNaN(w)) || list.Sum() <= 0)
            throw new ArgumentException("weights must be non-negative with a positive sum", nameof(weights));
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++) _cumulative[i] = total += list[i];
    }

    /// <summary>Number of choices.</summary>
    public int Count => _cumulative.Length;

    /// <summary>An index drawn with <paramref name="random"/>.</summary>
    public int Pick(ref DeterministicRandom random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        if (i < 0) i = ~i;
        return Math.Min(i, _cumulative.Length - 1);
    }
}
