namespace JobRec.ML.Recommenders;

/// <summary>
/// Baseline: title-word overlap plus the user's region. The query is the TF-IDF vector of the titles of the jobs the user
/// viewed in training (all equal), or, for a user without history, of their profile titles (past positions, positions of
/// interest); a job scores its title cosine with the query, plus <see cref="RegionWeight"/> when it is in the user's
/// region (<see cref="UserRegionResolver"/>), plus a tiny popularity term that only breaks ties.
/// With a <see cref="CityWeight"/> above 0 it becomes the "city-title" candidate source: history titles weigh
/// <see cref="HistoryDecay"/> per step back from the newest, and a job in a city of the user's history (recency weight)
/// or, for a user without history, in their profile city, adds <see cref="CityWeight"/> times that weight.
/// </summary>
/// <param name="regionWeight">Score added to jobs in the user's region.</param>
/// <param name="cityWeight">Score added to jobs in the user's recent cities (0: the plain baseline).</param>
/// <param name="historyDecay">Weight factor per step back in the history (1: all history titles equal).</param>
public sealed class TitleRegionRecommender(float regionWeight = 1f, float cityWeight = 0f, float historyDecay = 1f) : Recommender
{
    private const float TieBreak = 1e-3f;
    private TitleTermIndex? _titles;
    private float[] _popularity = [];

    /// <inheritdoc />
    public override string Name => CityWeight > 0 ? "city-title" : "title-region";

    /// <summary>Score added to jobs in the user's region (title cosines are at most 1).</summary>
    public float RegionWeight { get; } = regionWeight >= 0 && float.IsFinite(regionWeight) ? regionWeight
        : throw new ArgumentOutOfRangeException(nameof(regionWeight), regionWeight, "must be a finite number >= 0");

    /// <summary>Score added to jobs in the user's recent cities, times the city's recency weight.</summary>
    public float CityWeight { get; } = cityWeight >= 0 && float.IsFinite(cityWeight) ? cityWeight
        : throw new ArgumentOutOfRangeException(nameof(cityWeight), cityWeight, "must be a finite number >= 0");

    /// <summary>Weight factor per step back in the user's history, in (0, 1].</summary>
    public float HistoryDecay { get; } = historyDecay is > 0 and <= 1 ? historyDecay
        : throw new ArgumentOutOfRangeException(nameof(historyDecay), historyDecay, "must be in (0, 1]");

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress) => Derive(data);

    private void Derive(RecommenderDataset data)
    {
        _titles = TitleTermIndex.Build(data.Jobs.Select(j => j.Title).ToList());
        _popularity = new float[data.JobCount];
        float max = 1;
        for (int j = 0; j < data.JobCount; j++) max = Math.Max(max, _popularity[j] = data.UsersOf(j).Length);
        for (int j = 0; j < data.JobCount; j++) _popularity[j] /= max;
    }

    /// <summary>The user's title query: viewed titles when the user has training history, else profile titles.</summary>
    public SparseTerms Query(int user)
    {
        CheckUser(user);
        if (_titles is null) Derive(Data);
        var jobs = Data.JobsOf(user);
        if (!jobs.IsEmpty)
        {
            var titles = new List<(string, float)>(jobs.Length);
            float weight = 1f;
            for (int i = jobs.Length - 1; i >= 0; i--, weight *= HistoryDecay) titles.Add((Data.Jobs[jobs[i]].Title, weight));
            return _titles!.Encode(titles);
        }
        return _titles!.Encode(Data.Users[user].Titles.Select(t => (t, 1f)));
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        var query = Query(user);
        var titles = _titles!;
        string region = UserRegionResolver.Resolve(Data, user);
        for (int j = 0; j < scores.Length; j++)
            scores[j] = TieBreak * _popularity[j] + (region.Length > 0 && Data.Jobs[j].Region == region ? RegionWeight : 0f);
        if (CityWeight > 0)
            foreach (var (city, weight) in Cities(user))
                for (int j = 0; j < scores.Length; j++)
                    if (string.Equals(Data.Jobs[j].City, city, StringComparison.OrdinalIgnoreCase)) scores[j] += CityWeight * weight;
        if (query.IsEmpty) return;
        for (int t = 0; t < query.Ids.Length; t++)
        {
            int term = query.Ids[t];
            foreach (int j in titles.JobsWith(term))
            {
                var job = titles.Job(j);
                int at = Array.BinarySearch(job.Ids, term);
                scores[j] += query.Values[t] * job.Values[at];
            }
        }
    }

    // The user's history cities with the recency weight of their newest job; the profile city for a user without history.
    private Dictionary<string, float> Cities(int user)
    {
        var cities = new Dictionary<string, float>(StringComparer.OrdinalIgnoreCase);
        var jobs = Data.JobsOf(user);
        float weight = 1f;
        for (int i = jobs.Length - 1; i >= 0; i--, weight *= HistoryDecay)
        {
            string city = Data.Jobs[jobs[i]].City.Trim();
            if (city.Length > 0) cities.TryAdd(city, weight);
        }
        if (jobs.IsEmpty && Data.Users[user].City.Trim() is { Length: > 0 } own) cities[own] = 1f;
        return cities;
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        writer.Write(RegionWeight);
        writer.Write(CityWeight);
        writer.Write(HistoryDecay);
    }

    internal static TitleRegionRecommender Load(BinaryReader reader) => new(reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
}
