using JobRec.Data.Model;
using JobRec.Evaluation.Corpus;
using JobRec.Evaluation.Splits;

namespace JobRec.Evaluation.Tests.Splits;

public class ValidationSplitterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Interaction View(string user, string job, int hour) => new(user, job, InteractionKind.View, T0.AddHours(hour));

    [Fact]
    public void Leave_last_out_validation_holds_out_the_second_last_job_and_never_sees_the_test_job()
    {
        var corpus = new InteractionCorpus([], [],
        [
            View("u1", "a", 1), View("u1", "b", 2), View("u1", "c", 3), View("u1", "d", 4), // test d, validation c
            View("u2", "a", 1), View("u2", "e", 2), View("u2", "f", 3),                     // test f; only 2 left: no validation
        ]);
        var test = new LeaveLastOutSplitter().Split(corpus);
        var validation = ValidationSplitter.Carve(test);

        Assert.Equal("leave-last-out validation", validation.Name);
        var only = Assert.Single(validation.Tests);
        Assert.Equal("u1", only.UserId);
        Assert.Equal(["c"], only.Relevant);
        Assert.DoesNotContain(validation.Train, i => i.JobId is "c" && i.UserId == "u1");
        Assert.DoesNotContain(validation.Train, i => (i.UserId, i.JobId) is ("u1", "d") or ("u2", "f"));
        Assert.Equal(4, validation.Train.Count); // u1: a, b; u2: a, e
        Assert.True(validation.Corpus.Jobs.ContainsKey("d"), "the catalog keeps every job of the corpus");
    }

    [Fact]
    public void Cold_validation_hides_other_profile_users_than_the_test_split()
    {
        var users = Enumerable.Range(0, 20).Select(u => new UserProfile($"u{u}", $"cashier {u}", "Austin, TX") { Region = "TX" }).ToList();
        var views = Enumerable.Range(0, 20).SelectMany(u => new[] { View($"u{u}", $"j{u % 5}", u), View($"u{u}", $"k{u % 3}", u + 1) }).ToList();
        var test = new ColdStartSplitter(0.5, seed: 3).Split(new InteractionCorpus([], users, views));
        var validation = ValidationSplitter.Carve(test, seed: 3);

        var testUsers = test.Tests.Select(t => t.UserId).ToHashSet();
        Assert.Equal(10, testUsers.Count);
        Assert.Equal(5, validation.Tests.Count);
        Assert.All(validation.Tests, t => Assert.DoesNotContain(t.UserId, testUsers));
        Assert.DoesNotContain(validation.Train, i => testUsers.Contains(i.UserId));
        Assert.All(validation.Tests, t => Assert.DoesNotContain(validation.Train, i => i.UserId == t.UserId));
    }
}
