using JobRec.ML.Recommenders;

namespace JobRec.ML.Tests.Recommenders;

/// <summary>Small hand-made markets for recommender tests.</summary>
internal static class ToyMarket
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Two communities: nurses in CA interact with jobs n0..n9, drivers in TX with d0..d9; each user touches 5 of their
    /// community's 10 jobs (a rotating window), so every user has unseen in-community jobs to be recommended.
    /// </summary>
    public static RecommenderDataset TwoCommunities(int usersPerCommunity = 20)
    {
        var b = new RecommenderDatasetBuilder();
        for (int j = 0; j < 10; j++)
        {
            b.AddJob($"n{j}", new JobContent($"registered nurse ICU hospital {j}", "CA"));
            b.AddJob($"d{j}", new JobContent($"truck driver CDL class A {j}", "TX"));
        }
        for (int u = 0; u < usersPerCommunity; u++)
        {
            b.AddUser($"nu{u}", new UserContent("registered nurse with ICU experience", "CA"));
            b.AddUser($"du{u}", new UserContent("CDL truck driver long haul", "TX"));
            for (int t = 0; t < 5; t++)
            {
                b.AddInteraction($"nu{u}", $"n{(u + t) % 10}", Start.AddHours(u * 10 + t));
                b.AddInteraction($"du{u}", $"d{(u + t) % 10}", Start.AddHours(u * 10 + t));
            }
        }
        return b.Build();
    }

    /// <summary>True when the job id starts with the community's letter.</summary>
    public static bool SameCommunity(RecommenderDataset data, int user, int job) => data.UserIds[user][0] == data.JobIds[job][0];

    /// <summary>Share of recommended jobs (top <paramref name="k"/>, excluding history) that belong to the user's community.</summary>
    public static double InCommunityShare(IRecommender model, RecommenderDataset data, int k = 5)
    {
        int hits = 0, total = 0;
        for (int u = 0; u < data.UserCount; u++)
        {
            var exclude = data.JobsOf(u).ToArray().ToHashSet();
            foreach (int j in model.Recommend(u, k, exclude))
            {
                total++;
                if (SameCommunity(data, u, j)) hits++;
            }
        }
        return hits / (double)total;
    }
}
