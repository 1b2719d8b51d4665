using System.Globalization;

namespace JobRec.ML.Onet;

/// <summary>Accumulates retrieval quality for queries with exactly one relevant code: accuracy at 1/5/10, MRR@10 and MAP@10.</summary>
public sealed class RankingScores
{
    private int _n, _hit1, _hit5, _hit10;
    private double _reciprocalRank;

    /// <summary>Number of queries added.</summary>
    public int Count => _n;
    /// <summary>Share of queries whose relevant code is ranked first.</summary>
    public double Top1 => Ratio(_hit1);
    /// <summary>Share of queries whose relevant code is within the first 5.</summary>
    public double Top5 => Ratio(_hit5);
    /// <summary>Share of queries whose relevant code is within the first 10.</summary>
    public double Top10 => Ratio(_hit10);
    /// <summary>Mean reciprocal rank, counting ranks beyond 10 as 0 (equals MAP@10 with one relevant item).</summary>
    public double Mrr10 => _n == 0 ? 0 : _reciprocalRank / _n;

    /// <summary>Records one query: <paramref name="ranked"/> is the ranked list of predicted codes.</summary>
    public void Add(IReadOnlyList<string> ranked, string relevant)
    {
        _n++;
        int rank = -1;
        for (int i = 0; i < Math.Min(10, ranked.Count); i++)
            if (ranked[i] == relevant) { rank = i + 1; break; }
        Tally(rank);
    }

    /// <summary>Records one query whose relevant code was ranked at <paramref name="rank"/> (1 = first; 0 or less = not ranked).</summary>
    public void AddRank(int rank)
    {
        _n++;
        Tally(rank);
    }

    private void Tally(int rank)
    {
        if (rank == 1) _hit1++;
        if (rank is >= 1 and <= 5) _hit5++;
        if (rank is >= 1 and <= 10) { _hit10++; _reciprocalRank += 1.0 / rank; }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} top1={Top1:F4} top5={Top5:F4} top10={Top10:F4} mrr10={Mrr10:F4}");

    private double Ratio(int hits) => _n == 0 ? 0 : (double)hits / _n;
}
