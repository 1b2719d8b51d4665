namespace JobRec.ML.Recommenders;

/// <summary>Collects catalog entries, content and training interactions, then builds a <see cref="RecommenderDataset"/>.</summary>
public sealed class RecommenderDatasetBuilder
{
    private readonly List<string> _userIds = [];
    private readonly List<string> _jobIds = [];
    private readonly Dictionary<string, int> _userIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _jobIndex = new(StringComparer.Ordinal);
    private readonly List<UserContent> _users = [];
    private readonly List<JobContent> _jobs = [];
    private readonly Dictionary<(int User, int Job), (float Weight, long Ticks)> _pairs = [];

    /// <summary>Adds the user to the catalog (or updates its content) and returns its index.</summary>
    public int AddUser(string id, UserContent? content = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (_userIndex.TryGetValue(id, out int index))
        {
            if (content is not null) _users[index] = content;
            return index;
        }
        index = _userIds.Count;
        _userIds.Add(id);
        _users.Add(content ?? UserContent.Empty);
        _userIndex[id] = index;
        return index;
    }

    /// <summary>Adds the job to the catalog (or updates its content) and returns its index.</summary>
    public int AddJob(string id, JobContent? content = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (_jobIndex.TryGetValue(id, out int index))
        {
            if (content is not null) _jobs[index] = content;
            return index;
        }
        index = _jobIds.Count;
        _jobIds.Add(id);
        _jobs.Add(content ?? JobContent.Empty);
        _jobIndex[id] = index;
        return index;
    }

    /// <summary>Records a training interaction; user and job are added to the catalog when new; repeats add up their weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not a positive finite number.</exception>
    public void AddInteraction(string userId, string jobId, DateTimeOffset time, float weight = 1f)
    {
        if (!(weight > 0) || !float.IsFinite(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"interaction weight of user '{userId}' job '{jobId}' must be positive");
        int u = AddUser(userId), j = AddJob(jobId);
        long ticks = time.UtcTicks;
        if (_pairs.TryGetValue((u, j), out var old))
            _pairs[(u, j)] = (old.Weight + weight, Math.Max(old.Ticks, ticks));
        else
            _pairs[(u, j)] = (weight, ticks);
    }

    /// <summary>Builds the immutable dataset with both adjacency directions.</summary>
    public RecommenderDataset Build()
    {
        int users = _userIds.Count, jobs = _jobIds.Count, n = _pairs.Count;
        var pairs = new (int User, int Job, float Weight, long Ticks)[n];
        int p = 0;
        long maxTicks = 0;
        foreach (var ((u, j), (w, t)) in _pairs)
        {
            pairs[p++] = (u, j, w, t);
            maxTicks = Math.Max(maxTicks, t);
        }
        Array.Sort(pairs, (a, b) => a.User != b.User ? a.User.CompareTo(b.User)
            : a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Job.CompareTo(b.Job));

        var userOffsets = new int[users + 1];
        var userJobs = new int[n];
        var weights = new float[n];
        var ticks = new long[n];
        var jobCounts = new int[jobs + 1];
        for (int i = 0; i < n; i++)
        {
            userOffsets[pairs[i].User + 1]++;
            userJobs[i] = pairs[i].Job;
            weights[i] = pairs[i].Weight;
            ticks[i] = pairs[i].Ticks;
            jobCounts[pairs[i].Job + 1]++;
        }
        for (int u = 0; u < users; u++) userOffsets[u + 1] += userOffsets[u];
        for (int j = 0; j < jobs; j++) jobCounts[j + 1] += jobCounts[j];
        var jobOffsets = (int[])jobCounts.Clone();
        var cursor = (int[])jobCounts.Clone();
        var jobUsers = new int[n];
        for (int i = 0; i < n; i++) jobUsers[cursor[pairs[i].Job]++] = pairs[i].User; // users ascending: pairs sorted by user

        return new RecommenderDataset([.. _userIds], [.. _jobIds], [.. _users], [.. _jobs],
            userOffsets, userJobs, weights, ticks, jobOffsets, jobUsers, maxTicks);
    }
}
