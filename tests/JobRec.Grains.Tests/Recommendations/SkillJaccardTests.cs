using JobRec.Grains.Recommendations;

namespace JobRec.Grains.Tests.Recommendations;

public sealed class SkillJaccardTests
{
    private static readonly string[] Pool = ["SQL", "sql", " Python", "python ", "Excel", "  ", "", "Java", "Go", "Kubernetes", "go"];

    /// <summary>The plain set definition the fast paths must agree with.</summary>
    private static float Reference(IEnumerable<string> job, HashSet<string> user)
    {
        var set = job.Select(s => s.Trim()).Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var union = new HashSet<string>(user, StringComparer.OrdinalIgnoreCase);
        union.UnionWith(set);
        return union.Count == 0 ? 0f : (float)set.Count(user.Contains) / union.Count;
    }

    [Fact]
    public void Random_skill_lists_agree_with_the_set_definition()
    {
        var random = new Random(3);
        var scratch = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // reused across rounds, as the pipeline does
        for (var round = 0; round < 500; round++)
        {
            var job = Enumerable.Range(0, random.Next(0, 30)).Select(_ => Pool[random.Next(Pool.Length)]).ToList(); 
            var user = RecommendationPipeline.SkillSet(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Pool[random.Next(Pool.Length)]));

            Assert.Equal(Reference(job, user), RecommendationPipeline.SkillJaccard(job, user, scratch), 5);
        }
    }

    [Fact]
    public void Duplicates_case_and_spaces_count_once()
    {
        var user = RecommendationPipeline.SkillSet(["sql", "Excel"]);
        // job {SQL, Python}: common {SQL}, union {SQL, Excel, Python}
        Assert.Equal(1f / 3, RecommendationPipeline.SkillJaccard(["SQL", " sql ", "Python", "python", ""], user, new HashSet<string>(StringComparer.OrdinalIgnoreCase)), 5);
        Assert.Equal(0f, RecommendationPipeline.SkillJaccard([], RecommendationPipeline.SkillSet([]), new HashSet<string>(StringComparer.OrdinalIgnoreCase)));
    }
}
