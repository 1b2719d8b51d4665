using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;

namespace JobRec.Grains.Tests.Indexing;

internal static class ShardFixtures
{
    public static ShardEntry Entry(string id, float[] vector, string region = "TX", bool remote = false, string onet = "15-1252.00",
        DateTimeOffset? closes = null, params string[] skills) =>
        new(new JobSummary(id, "title " + id, "Acme", "Austin, TX", region, remote, onet), Unit(vector), skills, DateTimeOffset.UtcNow.AddDays(-1), closes);

    public static float[] Unit(params float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
