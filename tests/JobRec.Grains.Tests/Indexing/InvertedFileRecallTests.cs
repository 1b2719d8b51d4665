using JobRec.Data.Synthetic;
using JobRec.ML.Recommenders;
using JobRec.Vectors.Exact;
using JobRec.Vectors.Ivf;
using Xunit.Abstractions;
using JobRec.ML.Text;

namespace JobRec.Grains.Tests.Indexing;

/// <summary>The shards' default inverted-file index against the exact scan, on the embeddings serving really holds (synthetic market through the hashed encoder).</summary>
public sealed class InvertedFileRecallTests(ITestOutputHelper output)
{
    [Fact]
    public void Inverted_file_finds_what_the_exact_scan_finds_on_market_embeddings()
    {
        const int jobs = 6000;
        const int k = 40;
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = jobs, Users = 300, Seed = 7 });
        var postings = market.Jobs().ToList();
        var texts = postings.Select(j => j.Title + " " + j.Description).ToList();
        var encoder = new HashedTextEncoder().WithIdf(texts);
        var vectors = encoder.Encode(texts);
        var queries = encoder.Encode(market.Users().Select(u => u.ResumeText).ToList());
        var ids = Enumerable.Range(0, jobs).Select(i => (long)i).ToArray();

        using var exact = new ExactInnerProductIndex(encoder.Dimension, 1);
        using var ivf = new InvertedFileIndex(encoder.Dimension);
        exact.Add(vectors, ids);
        foreach (var chunk in Enumerable.Range(0, jobs).Chunk(750))
        {
            // Added in batches, as ingest does, so the index clusters and re-clusters itself on the way.
            ivf.Add(vectors.AsSpan(chunk[0] * encoder.Dimension, chunk.Length * encoder.Dimension), ids.AsSpan(chunk[0], chunk.Length));
        }

        ivf.WaitForMaintenance(); // re-clustering runs beside the adds; a step passed meanwhile starts once the previous one is swapped in
        Assert.True(ivf.IsClustered);
        Assert.InRange(ivf.ListCount, 100, 300); // 3 x sqrt(n) for the n the last re-clustering began at (2250 or 4500)
        var truth = exact.Search(queries, k);
        var approx = ivf.Search(queries, k);
        var queryCount = queries.Length / encoder.Dimension;
        double found = 0;
        for (var q = 0; q < queryCount; q++)
        {
            var expected = truth.Ids.AsSpan(q * k, k).ToArray().ToHashSet();
            found += approx.Ids.AsSpan(q * k, k).ToArray().Count(expected.Contains);
        }

        var recall = found / (queryCount * k);
        output.WriteLine($"recall@{k} = {recall:F4} over {queryCount} user queries, {ivf.ListCount} lists, {jobs} jobs");
        Assert.True(recall >= 0.95, $"recall@{k} of the inverted file against the exact scan is {recall:F4}; expected at least 0.95");
    }
}
