namespace JobRec.ML.Recommenders;

/// <summary>
/// Computes the factorization machine's title and city inputs (<see cref="FmFeature.CityMatch"/> to <see cref="FmFeature.ProfileCityMatch"/>)
/// from raw strings, with the title vocabulary and IDF of the catalog the model was trained on. The served model file carries that vocabulary,
/// so a silo computes, for a user's full history, exactly what training computed (<c>FmContext</c> at serving time: no held-out pair).
/// Thread-safe.
/// </summary>
public sealed class TitleCityFeaturizer
{
    // Job titles repeat across a catalog: their vectors are kept (up to a bound) instead of re-tokenised per candidate.
    private const int MaxCachedTitles = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SparseTerms> _titleCache = new(StringComparer.Ordinal);

    /// <summary>Wraps the training catalog's title vocabulary.</summary>
    public TitleCityFeaturizer(TitleTermIndex titles) => Titles = titles ?? throw new ArgumentNullException(nameof(titles));

    /// <summary>The title vocabulary and IDF.</summary>
    public TitleTermIndex Titles { get; }

    /// <summary>How a location is compared: trimmed and lower-cased ("Austin, TX" matches " austin, tx"); empty never matches.</summary>
    public static string CityKey(string? location) => (location ?? "").Trim().ToLowerInvariant();

    /// <summary>The normalised TF-IDF vector of one title.</summary>
    public SparseTerms Title(string? title)
    {
        title ??= "";
        if (_titleCache.TryGetValue(title, out var known)) return known;
        var vector = Titles.Encode([(title, 1f)]);
        if (_titleCache.Count < MaxCachedTitles) _titleCache.TryAdd(title, vector);
        return vector;
    }

    /// <summary>
    /// What the features need from a user: <paramref name="historyNewestFirst"/> are the user's jobs (title, location), newest first (weight 1,
    /// then ×<see cref="FmContext.HistoryDecay"/> per step back); <paramref name="profileTitles"/> the profile's past and wanted titles.
    /// </summary>
    public TitleCityUser User(IReadOnlyList<(string Title, string Location)> historyNewestFirst, IReadOnlyList<string> profileTitles, string? profileLocation)
    {
        ArgumentNullException.ThrowIfNull(historyNewestFirst);
        ArgumentNullException.ThrowIfNull(profileTitles);
        int n = historyNewestFirst.Count;
        var weights = new float[n];
        float w = 1f;
        for (int i = 0; i < n; i++, w *= FmContext.HistoryDecay) weights[i] = w;
        // Summed oldest first, as training sums the user's pairs, so the floats come out the same.
        var sum = new Dictionary<int, float>();
        for (int i = n - 1; i >= 0; i--)
        {
            var t = Title(historyNewestFirst[i].Title);
            for (int k = 0; k < t.Ids.Length; k++) sum[t.Ids[k]] = sum.GetValueOrDefault(t.Ids[k]) + weights[i] * t.Values[k];
        }

        var cities = new Dictionary<string, float>(StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            var key = CityKey(historyNewestFirst[i].Location);
            if (key.Length > 0) cities.TryAdd(key, weights[i]);
        }

        return new TitleCityUser(sum, sum.Values.Sum(v => v * v), cities, Titles.Encode(profileTitles.Select(t => (t, 1f))), CityKey(profileLocation));
    }

    /// <summary><paramref name="inputs"/> with the title and city inputs of the job (title, location) for <paramref name="user"/>.</summary>
    public FmFeatureInputs With(in FmFeatureInputs inputs, TitleCityUser user, string? jobTitle, string? jobLocation)
    {
        ArgumentNullException.ThrowIfNull(user);
        var t = Title(jobTitle);
        var city = CityKey(jobLocation);
        float history = 0;
        if (!t.IsEmpty && user.HistoryNormSquared > 1e-6f)
        {
            float dot = 0;
            for (int i = 0; i < t.Ids.Length; i++)
                if (user.HistorySum.TryGetValue(t.Ids[i], out float v)) dot += v * t.Values[i];
            history = dot / MathF.Sqrt(user.HistoryNormSquared);
        }

        return inputs with
        {
            CityMatch = city.Length > 0 ? user.CityWeights.GetValueOrDefault(city) : 0,
            TitleHistorySimilarity = history,
            TitleProfileSimilarity = user.ProfileTitles.Dot(t),
            ProfileCityMatch = city.Length > 0 && city == user.ProfileCity,
        };
    }
}

/// <summary>A user's side of the title and city features, built once per user by <see cref="TitleCityFeaturizer.User"/>.</summary>
public sealed class TitleCityUser
{
    internal TitleCityUser(Dictionary<int, float> historySum, float historyNormSquared, Dictionary<string, float> cityWeights, SparseTerms profileTitles, string profileCity)
    {
        HistorySum = historySum;
        HistoryNormSquared = historyNormSquared;
        CityWeights = cityWeights;
        ProfileTitles = profileTitles;
        ProfileCity = profileCity;
    }

    internal Dictionary<int, float> HistorySum { get; }

    internal float HistoryNormSquared { get; }

    internal Dictionary<string, float> CityWeights { get; }

    internal SparseTerms ProfileTitles { get; }

    internal string ProfileCity { get; }
}
