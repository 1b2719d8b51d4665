using JobRec.Data.Hashing;

namespace JobRec.ML.Recommenders;

/// <summary>
/// The training input of every recommender: a catalog of users and jobs (indexed 0..n-1), their content,
/// and the training interactions collapsed to distinct (user, job) pairs in both directions.
/// </summary>
public sealed class RecommenderDataset
{
    internal RecommenderDataset(string[] userIds, string[] jobIds, UserContent[] users, JobContent[] jobs,
        int[] userOffsets, int[] userJobs, float[] userJobWeights, long[] userJobTicks,
        int[] jobOffsets, int[] jobUsers, long maxTicks)
    {
        UserIds = userIds;
        JobIds = jobIds;
        Users = users;
        Jobs = jobs;
        UserOffsets = userOffsets;
        UserJobs = userJobs;
        UserJobWeights = userJobWeights;
        UserJobTicks = userJobTicks;
        JobOffsets = jobOffsets;
        JobUsers = jobUsers;
        LastTicks = maxTicks;
        var userIndex = new Dictionary<string, int>(userIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < userIds.Length; i++) userIndex[userIds[i]] = i;
        var jobIndex = new Dictionary<string, int>(jobIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < jobIds.Length; i++) jobIndex[jobIds[i]] = i;
        UserIndex = userIndex;
        JobIndex = jobIndex;
    }

    /// <summary>User id of each user index.</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Job id of each job index.</summary>
    public IReadOnlyList<string> JobIds { get; }

    /// <summary>Index of each user id.</summary>
    public IReadOnlyDictionary<string, int> UserIndex { get; }

    /// <summary>Index of each job id.</summary>
    public IReadOnlyDictionary<string, int> JobIndex { get; }

    /// <summary>Content of each user (empty when unknown).</summary>
    public IReadOnlyList<UserContent> Users { get; }

    /// <summary>Content of each job (empty when unknown).</summary>
    public IReadOnlyList<JobContent> Jobs { get; }

    /// <summary>Number of users in the catalog.</summary>
    public int UserCount => UserIds.Count;

    /// <summary>Number of jobs in the catalog.</summary>
    public int JobCount => JobIds.Count;

    /// <summary>Number of distinct training (user, job) pairs.</summary>
    public int PairCount => UserJobs.Length;

    /// <summary>Time of the latest training interaction (UTC ticks), or 0 when there is none.</summary>
    public long LastTicks { get; }

    internal int[] UserOffsets { get; }
    internal int[] UserJobs { get; }
    internal float[] UserJobWeights { get; }
    internal long[] UserJobTicks { get; }
    internal int[] JobOffsets { get; }
    internal int[] JobUsers { get; }

    /// <summary>Distinct jobs the user interacted with in training, ordered by their last interaction (oldest first).</summary>
    public ReadOnlySpan<int> JobsOf(int user) => UserJobs.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    /// <summary>Weight (summed interaction weights) of each pair in <see cref="JobsOf"/>, same order.</summary>
    public ReadOnlySpan<float> WeightsOf(int user) => UserJobWeights.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    /// <summary>Last interaction time (UTC ticks) of each pair in <see cref="JobsOf"/>, same order.</summary>
    public ReadOnlySpan<long> TicksOf(int user) => UserJobTicks.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    /// <summary>Distinct users that interacted with the job in training, ascending.</summary>
    public ReadOnlySpan<int> UsersOf(int job) => JobUsers.AsSpan(JobOffsets[job], JobOffsets[job + 1] - JobOffsets[job]);

    /// <summary>A fingerprint of the catalog (ids in order) used to check that a saved model belongs to this dataset.</summary>
    public ulong CatalogFingerprint()
    {
        ulong h = Fnv1a.OffsetBasis64;
        foreach (var id in UserIds) h = Fnv(h, id);
        h = Fnv(h, "|");
        foreach (var id in JobIds) h = Fnv(h, id);
        return h;

        static ulong Fnv(ulong h, string s) => Fnv1a.Append64(Fnv1a.Append64(h, s), 0xFFu);
    }
}
