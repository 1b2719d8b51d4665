using JobRec.Contracts.Indexing;
using JobRec.Grains.Recommendations;

namespace JobRec.Grains.Tests.Recommendations;

public sealed class JobKeysTests
{
    private static readonly string[] Pool = ["SQL", "sql", " Python", "python ", "Excel", "  ", "", "Java", "Go", "Kubernetes", "go"];

    /// <summary>The plain set definition the keys must agree with.</summary>
    private static float Reference(IEnumerable<string> job, HashSet<string> user)
    {
        var set = job.Select(s => s.Trim()).Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var union = new HashSet<string>(user, StringComparer.OrdinalIgnoreCase);
        union.UnionWith(set);
        return union.Count == 0 ? 0f : (float)set.Count(user.Contains) / union.Count;
    }

    [Fact]
    public void Duplicates_case_and_spaces_count_once()
    {
        // job {SQL, Python}: common {SQL}, union {SQL, Excel, Python}
        Assert.Equal(1f / 3, SkillKeys.Jaccard(SkillKeys.Of(["SQL", " sql ", "Python", "python", ""]), SkillKeys.Of(["sql", "Excel"])), 5);
    }

    [Fact]
    public void Skill_keys_give_the_set_definition_on_random_lists()
    {
        var random = new Random(5);
        string[] pool = [.. Pool, "Ärzte", "ÄRZTE", "straße", "STRASSE", "C#", "c#", "C++", "Machine Learning", "machine  learning"];
        for (var round = 0; round < 500; round++)
        {
            var job = Enumerable.Range(0, random.Next(0, 30)).Select(_ => pool[random.Next(pool.Length)]).ToList();
            var userList = Enumerable.Range(0, random.Next(0, 6)).Select(_ => pool[random.Next(pool.Length)]).ToList();

            Assert.Equal(Reference(job, RecommendationPipeline.SkillSet(userList)), SkillKeys.Jaccard(SkillKeys.Of(job), SkillKeys.Of(userList)), 5);
        }
    }

    [Fact]
    public void Skill_keys_are_sorted_distinct_and_ignore_case_and_spaces()
    {
        var keys = SkillKeys.Of(["SQL", " sql ", "Python", "python", "", "  "]);

        Assert.Equal(2, keys.Length);
        Assert.True(keys[0] < keys[1]);
        Assert.Equal(SkillKeys.KeyOf("SQL"), SkillKeys.KeyOf("sql"));
        Assert.NotEqual(SkillKeys.KeyOf("SQL"), SkillKeys.KeyOf("SQLite"));
        Assert.Empty(SkillKeys.Of([]));
        Assert.Equal(0f, SkillKeys.Jaccard([], []));
    }

    [Fact]
    public void A_hit_built_from_card_fields_computes_its_keys()
    {
        var hit = new ShardHit(new JobRec.Contracts.Jobs.JobSummary("j", "Engineer", "Acme", "Berlin", "BE", false, ""), 1f, ReadOnlyMemory<float>.Empty, ["Go", "go", "Rust"], null);

        var keys = hit.Keys;
        Assert.Equal(SkillKeys.Of(["rust", "GO"]), keys.Skills);
        Assert.Equal(JobKeys.RegionKey("be"), keys.Region);
        Assert.NotEqual(JobKeys.RegionKey("BY"), keys.Region);
        Assert.Equal(0UL, keys.Onet);
        Assert.Equal(0UL, JobKeys.RegionKey(""));
        Assert.False(keys.Remote);
    }

    [Fact]
    public void Region_and_onet_keys_match_exactly_when_the_strings_do()
    {
        string[] regions = ["BE", "be", "Bé", "BÉ", "BY", "NY", "ny ", "New York", "NEW YORK", "new-york"];
        foreach (var a in regions)
        {
            foreach (var b in regions)
            {
                Assert.Equal(string.Equals(a, b, StringComparison.OrdinalIgnoreCase), JobKeys.RegionKey(a) == JobKeys.RegionKey(b));
                Assert.Equal(string.Equals(a, b, StringComparison.Ordinal), JobKeys.OnetKey(a) == JobKeys.OnetKey(b));
            }
        }
    }
}
