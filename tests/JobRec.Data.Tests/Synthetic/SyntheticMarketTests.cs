using JobRec.Data.Model;
using JobRec.Data.Regions;
using JobRec.Data.Synthetic;
using JobRec.Data.Synthetic.Taxonomy;
using Xunit.Abstractions;

namespace JobRec.Data.Tests.Synthetic;

public class SyntheticMarketTests(ITestOutputHelper output)
{
    private static readonly SyntheticMarketOptions Small = new() { Jobs = 3000, Users = 1500, Seed = 7 };

    [Fact]
    public void Taxonomy_has_over_100_occupations_across_all_major_groups_with_unique_codes()
    {
        var occupations = BuiltinTaxonomy.Occupations;
        Assert.True(occupations.Count >= 100);
        Assert.Equal(22, occupations.Select(o => o.MajorGroup).Distinct().Count());
        Assert.Equal(occupations.Count, occupations.Select(o => o.Code).Distinct().Count());
        Assert.All(occupations, o => Assert.Matches(@"^\d\d-\d{4}\.\d\d$", o.Code));
        Assert.All(occupations, o => Assert.InRange(o.Skills.Count, 6, 16));
    }

    [Fact]
    public void Same_seed_gives_the_same_market_and_another_seed_a_different_one()
    {
        var a = SyntheticMarket.Generate(Small);
        var b = SyntheticMarket.Generate(Small);
        var c = SyntheticMarket.Generate(Small with { Seed = 8 });
        Assert.Equal(a.Jobs().Take(200), b.Jobs().Take(200), JobEquals);
        Assert.Equal(a.Users().Take(200).Select(u => u.ResumeText), b.Users().Take(200).Select(u => u.ResumeText));
        Assert.Equal(a.TrainInteractions().Take(2000), b.TrainInteractions().Take(2000));
        Assert.NotEqual(a.Jobs().Take(50).Select(j => j.Title), c.Jobs().Take(50).Select(j => j.Title));
        // Random access equals streaming order.
        Assert.True(JobEquals(a.Job(1234), a.Jobs().ElementAt(1234)));
    }

    private static bool JobEquals(JobPosting x, JobPosting y) =>
        x with { Skills = [] } == y with { Skills = [] } && x.Skills.SequenceEqual(y.Skills);

    [Fact]
    public void Jobs_and_users_are_complete_and_consistent()
    {
        var market = SyntheticMarket.Generate(Small);
        var jobs = market.Jobs().ToList();
        Assert.Equal(3000, jobs.Count);
        Assert.All(jobs, j =>
        {
            Assert.StartsWith("syn:j", j.Id);
            Assert.False(string.IsNullOrWhiteSpace(j.Title));
            Assert.True(UsRegions.IsStateCode(j.Region));
            Assert.Equal(j.Region, UsRegions.FromLocation(j.Location));
            Assert.NotEmpty(j.Skills);
            Assert.Contains(j.Level, BuiltinTaxonomy.Levels);
            Assert.True(j.SalaryMin > 0 && j.SalaryMin <= j.SalaryMax);
            Assert.Contains(BuiltinTaxonomy.Occupations, o => o.Code == j.OnetCode);
            Assert.True(j.PostedAt < j.ClosesAt);
            Assert.Contains(j.Skills[0], j.Description);
        });
        Assert.InRange(jobs.Count(j => j.Remote), 100, 900);
        Assert.True(jobs.Select(j => j.OnetCode).Distinct().Count() > 90);
        var users = market.Users().ToList();
        Assert.Equal(1500, users.Count);
        Assert.All(users, u =>
        {
            Assert.True(UsRegions.IsStateCode(u.Region));
            Assert.NotEmpty(u.Skills);
            Assert.Contains(u.PastTitles[0], u.ResumeText);
            Assert.NotNull(u.YearsExperience);
        });
    }

    [Fact]
    public void Interactions_follow_the_funnel_and_split_at_the_train_end()
    {
        var market = SyntheticMarket.Generate(Small);
        var train = market.TrainInteractions().ToList();
        var future = market.FutureInteractions().ToList();
        Assert.All(train, i => Assert.True(i.Time >= market.Options.Start && i.Time < market.TrainEnd));
        Assert.All(future, i => Assert.True(i.Time >= market.TrainEnd && i.Time < market.End.AddDays(1)));
        var all = train.Concat(future).ToList();
        var views = all.Where(i => i.Kind == InteractionKind.View).Select(i => (i.UserId, i.JobId)).ToHashSet();
        Assert.All(all.Where(i => i.Kind != InteractionKind.View), i => Assert.Contains((i.UserId, i.JobId), views));
        var applies = all.Count(i => i.Kind == InteractionKind.Apply);
        output.WriteLine($"train {train.Count}, future {future.Count}, views {views.Count}, saves {all.Count(i => i.Kind == InteractionKind.Save)}, applies {applies}");
        Assert.InRange(applies, views.Count / 50, views.Count / 2);
        Assert.InRange(all.Count / (double)Small.Users, 10, 40);
        Assert.True(future.Count > all.Count / 10);
    }

    [Fact]
    public void Popularity_in_region_beats_random_on_the_future_ground_truth()
    {
        var market = SyntheticMarket.Generate(Small);
        var userRegion = market.Users().ToDictionary(u => u.Id, u => u.Region);
        var jobIds = market.Jobs().Select(j => j.Id).ToArray();
        var train = market.TrainInteractions().ToList();
        var seen = train.Select(i => (i.UserId, i.JobId)).ToHashSet();
        var popular = train.GroupBy(i => userRegion[i.UserId])
            .ToDictionary(g => g.Key, g => g.GroupBy(i => i.JobId).OrderByDescending(x => x.Count()).Select(x => x.Key).Take(60).ToList());
        var truth = market.FutureInteractions().GroupBy(i => i.UserId).ToDictionary(g => g.Key, g => g.Select(i => i.JobId).ToHashSet());
        var random = new Random(1);
        double regional = 0, uniform = 0;
        foreach (var (user, relevant) in truth)
        {
            var top = popular.GetValueOrDefault(userRegion[user]) ?? [];
            regional += top.Where(j => !seen.Contains((user, j))).Take(10).Count(relevant.Contains) / 10.0;
            uniform += Enumerable.Range(0, 10).Select(_ => jobIds[random.Next(jobIds.Length)]).Count(relevant.Contains) / 10.0;
        }
        regional /= truth.Count;
        uniform /= truth.Count;
        output.WriteLine($"users with future interactions {truth.Count}; precision@10 popularity-in-region {regional:F4}, random {uniform:F4}");
        Assert.True(truth.Count > 300, $"only {truth.Count} users have future interactions");
        Assert.True(regional > 5 * uniform && regional > 0.01, $"precision@10 popularity-in-region {regional:F4} vs random {uniform:F4}");
    }
}
