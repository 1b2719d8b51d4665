using JobRec.Vectors.Index;

namespace JobRec.Vectors.Tests;

/// <summary>
/// Compares two top-k answers by what a vector index promises: the same scores rank by rank within a tolerance, and the same ids
/// except where scores tie within that tolerance (at a swapped pair of ranks or at the k-th place). Two correct indexes may order
/// near-equal scores differently (another summation order, another SIMD width); they may not return a worse neighbour.
/// </summary>
internal static class SearchAssert
{
    /// <summary>Float32 inner products of unit vectors summed in another order differ by far less than this.</summary>
    public const float RoundingTolerance = 1e-5f;

    public static void SameUpToTies(SearchResult expected, SearchResult actual, float tolerance = RoundingTolerance)
    {
        Assert.Equal(expected.K, actual.K);
        Assert.Equal(expected.Ids.Length, actual.Ids.Length);
        var k = expected.K;
        for (var q = 0; q < expected.Ids.Length / k; q++)
        {
            var eIds = expected.Ids.AsSpan(q * k, k);
            var aIds = actual.Ids.AsSpan(q * k, k);
            var eScores = expected.Scores.AsSpan(q * k, k);
            var aScores = actual.Scores.AsSpan(q * k, k);
            Assert.Equal(eIds.ToArray().Count(id => id >= 0), aIds.ToArray().Count(id => id >= 0));
            var scoreOf = new Dictionary<long, float>();
            for (var r = 0; r < k && eIds[r] >= 0; r++)
            {
                scoreOf[eIds[r]] = eScores[r];
                Assert.True(Math.Abs(eScores[r] - aScores[r]) <= tolerance,
                    $"query {q}, rank {r}: score {aScores[r]:R} against {eScores[r]:R} (tolerance {tolerance})");
            }

            var last = eIds.ToArray().Count(id => id >= 0) - 1;
            for (var r = 0; r <= last; r++)
            {
                if (aIds[r] == eIds[r])
                {
                    continue;
                }

                if (scoreOf.TryGetValue(aIds[r], out var expectedScore))
                {
                    Assert.True(Math.Abs(expectedScore - eScores[r]) <= tolerance,
                        $"query {q}, rank {r}: id {aIds[r]} (score {expectedScore:R}) is not tied with id {eIds[r]} (score {eScores[r]:R})");
                }
                else
                {
                    // Not in the expected answer at all: only a tie at the k-th place may swap it in.
                    Assert.True(Math.Abs(aScores[r] - eScores[last]) <= tolerance,
                        $"query {q}, rank {r}: id {aIds[r]} (score {aScores[r]:R}) is missing from the expected answer and not tied with its last score {eScores[last]:R}");
                }
            }
        }
    }
}
