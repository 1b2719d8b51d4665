using JobRec.Data.Model;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Splits;

namespace JobRec.Evaluation.Tests.Splits;

public class SplitterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Interaction View(string user, string job, int hour) => new(user, job, InteractionKind.View, T0.AddHours(hour));

    private static InteractionCorpus Corpus() => new(
        [],
        [new UserProfile("u1", "nurse in Fresno", "Fresno, CA") { Region = "CA" }, new UserProfile("u3", "", "")],
        [
            View("u1", "a", 1), View("u1", "b", 2), View("u1", "c", 3), View("u1", "b", 4), // last view is b, viewed before too
            View("u2", "a", 1), View("u2", "d", 5), View("u2", "e", 6), View("u2", "f", 9),
            View("u3", "a", 2), View("u3", "b", 3), // only 2 distinct jobs
        ]);

    [Fact]
    public void Leave_last_out_holds_out_every_view_of_the_last_job_of_users_with_three_jobs()
    {
        var split = new LeaveLastOutSplitter().Split(Corpus());
        Assert.Equal(["u1", "u2"], split.Tests.Select(t => t.UserId));
        var u1 = split.Tests[0];
        Assert.Equal(["b"], u1.Relevant);
        Assert.Equal(new HashSet<string> { "a", "c" }, u1.Exclude);
        Assert.DoesNotContain(split.Train, i => i.UserId == "u1" && i.JobId == "b");
        Assert.DoesNotContain(split.Train, i => i.UserId == "u2" && i.JobId == "f");
        Assert.Equal(10 - 2 - 1, split.Train.Count);
    }

    [Fact]
    public void Temporal_split_trains_on_the_past_and_tests_new_jobs_of_returning_users()
    {
        var split = new TemporalSplitter(0.7).Split(Corpus());
        // The cutoff is the time of the 8th of 10 interactions (hour 5): 7 interactions train.
        Assert.Equal(7, split.Train.Count);
        Assert.All(split.Train, i => Assert.True(i.Time < T0.AddHours(5)));
        // Only u2 comes back after the cutoff (d, e, f), with a training history (a).
        var u2 = Assert.Single(split.Tests);
        Assert.Equal("u2", u2.UserId);
        Assert.Equal(new HashSet<string> { "d", "e", "f" }, u2.Relevant);
        Assert.Equal(new HashSet<string> { "a" }, u2.Exclude);
    }

    [Fact]
    public void Cold_split_keeps_profiles_and_removes_all_interactions_of_held_out_users()
    {
        var split = new ColdStartSplitter(1.0).Split(Corpus());
        var u1 = Assert.Single(split.Tests); // the only user with profile text and views
        Assert.Equal("u1", u1.UserId);
        Assert.Equal(new HashSet<string> { "a", "b", "c" }, u1.Relevant);
        Assert.Empty(u1.Exclude);
        Assert.DoesNotContain(split.Train, i => i.UserId == "u1");
        Assert.Equal("nurse in Fresno", split.Corpus.Users["u1"].ResumeText);

        var noProfiles = new InteractionCorpus([], [], [View("x", "a", 1)]);
        var e = Assert.Throws<InvalidOperationException>(() => new ColdStartSplitter().Split(noProfiles));
        Assert.Contains("--profiles", e.Message);
    }

    [Fact]
    public void Given_test_split_merges_catalogs_and_skips_jobs_already_in_training()
    {
        var train = new InteractionCorpus([], [], [View("u1", "a", 1), View("u1", "b", 2)]) { Description = "train.csv" };
        var test = new InteractionCorpus([], [], [View("u1", "a", 5), View("u1", "z", 6), View("new", "b", 6)]) { Description = "test.csv" };
        var split = GivenTestSplitter.Split(train, test);
        Assert.Equal(2, split.Train.Count);
        Assert.True(split.Corpus.Jobs.ContainsKey("z"));
        var byUser = split.Tests.ToDictionary(t => t.UserId);
        Assert.Equal(["z"], byUser["u1"].Relevant);
        Assert.Equal(["b"], byUser["new"].Relevant);
        Assert.Empty(byUser["new"].Exclude);
    }
}
