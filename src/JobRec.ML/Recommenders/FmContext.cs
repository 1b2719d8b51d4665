using System.Numerics.Tensors;
using JobRec.ML.Text;

namespace JobRec.ML.Recommenders;

/// <summary>Everything precomputed to build the factorization machine's feature inputs of any (user, job) pair without allocating.</summary>
internal sealed class FmContext
{
    private const double RecencyDays = 30;

    /// <summary>Weight factor per step back in a user's history for the history embedding (newest job weighs 1).</summary>
    public const float HistoryDecay = 0.7f;

    private RecommenderDataset _data = null!;
    private int _dimension;
    private float[] _jobVectors = [];
    private float[] _profileVectors = [];
    private float[] _historySums = [];
    private float[] _historyNormsSquared = [];
    private float[] _pairWeights = [];
    private float[] _pairHistoryDot = [], _pairSelfDot = [], _pairProfileDot = [];
    private int[] _interactedJobs = [];
    private bool[] _hasProfile = [];
    private int[] _jobRegion = [], _userRegion = [];
    private int[] _jobOnet = [], _userOnet = [];
    private int[][] _jobSkills = [], _userSkills = [];
    private int[] _jobUsers = [];
    private float _inverseLogMaxUsers;
    private float[] _interactionRecency = [], _postedRecency = [];
    private int[] _sortedOffsets = [], _sortedJobs = [];
    private TitleTermIndex _titles = null!;
    private Dictionary<int, float>[] _historyTitles = [];
    private float[] _historyTitleNormsSquared = [], _pairTitleHistoryDot = [];
    private SparseTerms[] _profileTitles = [];
    private int[] _jobCity = [], _userCity = [];

    /// <summary>False: <see cref="Inputs(int, int, int, bool)"/> leaves the title and city inputs 0 (see <see cref="FmTrainingOptions.TitleCityFeatures"/>).</summary>
    public bool TitleCityFeatures { get; set; } = true;

    public static FmContext Build(RecommenderDataset data, ITextEncoder? encoder)
    {
        var context = new FmContext();
        if (encoder is not null)
        {
            context._dimension = encoder.Dimension;
            context._jobVectors = encoder.Encode(data.Jobs.Select(j => j.Text).ToList());
            context._profileVectors = encoder.Encode(data.Users.Select(u => u.ProfileText).ToList());
        }
        context.Derive(data);
        return context;
    }

    public void Save(BinaryWriter writer)
    {
        writer.Write(_dimension);
        ModelIO.WriteFloats(writer, _jobVectors);
        ModelIO.WriteFloats(writer, _profileVectors);
    }

    public static FmContext Load(BinaryReader reader, RecommenderDataset data)
    {
        var context = new FmContext { _dimension = reader.ReadInt32() };
        context._jobVectors = ModelIO.ReadFloats(reader);
        context._profileVectors = ModelIO.ReadFloats(reader);
        if (context._jobVectors.Length != (long)data.JobCount * context._dimension || context._profileVectors.Length != (long)data.UserCount * context._dimension)
            throw new InvalidDataException($"model file embeddings ({context._jobVectors.Length} job values, {context._profileVectors.Length} profile values, d={context._dimension}) do not match the dataset's {data.JobCount} jobs and {data.UserCount} users");
        context.Derive(data);
        return context;
    }

    private void Derive(RecommenderDataset data)
    {
        _data = data;
        int d = _dimension, users = data.UserCount, jobs = data.JobCount;
        // History embedding: recency-weighted sum of the user's job vectors (newest weight 1, then HistoryDecay per step back).
        _historySums = new float[users * d];
        _historyNormsSquared = new float[users];
        _pairWeights = new float[data.PairCount];
        _pairHistoryDot = new float[data.PairCount];
        _pairSelfDot = new float[data.PairCount];
        _pairProfileDot = new float[data.PairCount];
        _hasProfile = new bool[users];
        for (int u = 0; u < users; u++)
        {
            int from = data.UserOffsets[u], to = data.UserOffsets[u + 1];
            float w = 1f;
            for (int p = to - 1; p >= from; p--, w *= HistoryDecay) _pairWeights[p] = w;
            if (d > 0)
            {
                var sum = _historySums.AsSpan(u * d, d);
                for (int p = from; p < to; p++) TensorPrimitives.MultiplyAdd(_jobVectors.AsSpan(data.UserJobs[p] * d, d), _pairWeights[p], sum, sum);
                _historyNormsSquared[u] = TensorPrimitives.Dot(sum, sum);
                _hasProfile[u] = TensorPrimitives.Norm(_profileVectors.AsSpan(u * d, d)) > 0;
                for (int p = from; p < to; p++)
                {
                    var e = _jobVectors.AsSpan(data.UserJobs[p] * d, d);
                    _pairHistoryDot[p] = TensorPrimitives.Dot(sum, e);
                    _pairSelfDot[p] = TensorPrimitives.Dot(e, e);
                    _pairProfileDot[p] = TensorPrimitives.Dot(_profileVectors.AsSpan(u * d, d), e);
                }
            }
        }
        var regions = new Dictionary<string, int>(StringComparer.Ordinal);
        var onets = new Dictionary<string, int>(StringComparer.Ordinal);
        var skills = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        _jobRegion = data.Jobs.Select(j => Id(regions, j.Region)).ToArray();
        _userRegion = Enumerable.Range(0, users).Select(u => Id(regions, UserRegionResolver.Resolve(data, u))).ToArray();
        _jobOnet = data.Jobs.Select(j => Id(onets, j.OnetCode)).ToArray();
        _userOnet = data.Users.Select(u => Id(onets, u.OnetCode)).ToArray();
        _jobSkills = data.Jobs.Select(j => SkillIds(skills, j.Skills)).ToArray();
        _userSkills = data.Users.Select(u => SkillIds(skills, u.Skills)).ToArray();

        _jobUsers = new int[jobs];
        int maxUsers = 1;
        for (int j = 0; j < jobs; j++) maxUsers = Math.Max(maxUsers, _jobUsers[j] = data.UsersOf(j).Length);
        _inverseLogMaxUsers = 1f / MathF.Log(1 + maxUsers);

        var lastTicks = new long[jobs];
        for (int p = 0; p < data.PairCount; p++) lastTicks[data.UserJobs[p]] = Math.Max(lastTicks[data.UserJobs[p]], data.UserJobTicks[p]);
        _interactionRecency = new float[jobs];
        _postedRecency = new float[jobs];
        for (int j = 0; j < jobs; j++)
        {
            if (lastTicks[j] > 0) _interactionRecency[j] = Recency(data.LastTicks - lastTicks[j]);
            if (data.Jobs[j].PostedAt is { } posted && data.LastTicks > 0) _postedRecency[j] = Recency(Math.Max(0, data.LastTicks - posted.UtcTicks));
        }

        DeriveTitlesAndCities(data);

        _interactedJobs = Enumerable.Range(0, jobs).Where(j => _jobUsers[j] > 0).ToArray();
        _sortedOffsets = data.UserOffsets;
        _sortedJobs = (int[])data.UserJobs.Clone();
        for (int u = 0; u < users; u++) Array.Sort(_sortedJobs, _sortedOffsets[u], _sortedOffsets[u + 1] - _sortedOffsets[u]);
    }

    // Title TF-IDF of every job, recency-weighted history title sums (same weights as the history embedding), profile titles, city ids.
    private void DeriveTitlesAndCities(RecommenderDataset data)
    {
        _titles = TitleTermIndex.Build(data.Jobs.Select(j => j.Title).ToList());
        _historyTitles = new Dictionary<int, float>[data.UserCount];
        _historyTitleNormsSquared = new float[data.UserCount];
        _pairTitleHistoryDot = new float[data.PairCount];
        for (int u = 0; u < data.UserCount; u++)
        {
            var sum = _historyTitles[u] = [];
            int from = data.UserOffsets[u], to = data.UserOffsets[u + 1];
            for (int p = from; p < to; p++)
            {
                var t = _titles.Job(data.UserJobs[p]);
                for (int i = 0; i < t.Ids.Length; i++) sum[t.Ids[i]] = sum.GetValueOrDefault(t.Ids[i]) + _pairWeights[p] * t.Values[i];
            }
            _historyTitleNormsSquared[u] = sum.Values.Sum(v => v * v);
            for (int p = from; p < to; p++) _pairTitleHistoryDot[p] = Dot(sum, _titles.Job(data.UserJobs[p]));
        }
        _profileTitles = data.Users.Select(u => _titles.Encode(u.Titles.Select(t => (t, 1f)))).ToArray();
        var cities = new Dictionary<string, int>(StringComparer.Ordinal);
        _jobCity = data.Jobs.Select(j => Id(cities, j.City.Trim().ToLowerInvariant())).ToArray();
        _userCity = data.Users.Select(u => Id(cities, u.City.Trim().ToLowerInvariant())).ToArray();
    }

    private static float Dot(Dictionary<int, float> sum, SparseTerms t)
    {
        float dot = 0;
        for (int i = 0; i < t.Ids.Length; i++)
            if (sum.TryGetValue(t.Ids[i], out float v)) dot += v * t.Values[i];
        return dot;
    }

    // Title cosine with the history sum S minus the held-out pair h: (S·t − w t_h·t) / |S − w t_h|.
    private float TitleHistory(int user, int job, int heldOutPair)
    {
        var t = _titles.Job(job);
        if (t.IsEmpty) return 0;
        float dot = Dot(_historyTitles[user], t), normSquared = _historyTitleNormsSquared[user];
        if (heldOutPair >= 0)
        {
            var held = _titles.Job(_data.UserJobs[heldOutPair]);
            float w = _pairWeights[heldOutPair];
            dot -= w * held.Dot(t);
            normSquared += -2 * w * _pairTitleHistoryDot[heldOutPair] + w * w * held.Dot(held);
        }
        return normSquared > 1e-6f ? dot / MathF.Sqrt(normSquared) : 0;
    }

    // Recency weight of the newest other history job in the job's city.
    private float CityMatch(int user, int job, int heldOutPair)
    {
        int city = _jobCity[job];
        if (city < 0) return 0;
        for (int p = _data.UserOffsets[user + 1] - 1; p >= _data.UserOffsets[user]; p--) // newest first
            if (p != heldOutPair && _jobCity[_data.UserJobs[p]] == city) return _pairWeights[p];
        return 0;
    }

    private static float Recency(long ageTicks) => (float)Math.Exp(-TimeSpan.FromTicks(ageTicks).TotalDays / RecencyDays);

    private static int Id(Dictionary<string, int> ids, string key)
    {
        if (string.IsNullOrEmpty(key)) return -1;
        if (!ids.TryGetValue(key, out int id)) ids[key] = id = ids.Count;
        return id;
    }

    private static int[] SkillIds(Dictionary<string, int> ids, IReadOnlyList<string> names)
    {
        var result = names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => Id(ids, n.Trim())).Distinct().ToArray();
        Array.Sort(result);
        return result;
    }

    /// <summary>The title vocabulary and IDF of the catalog (what the served model carries for <see cref="TitleCityFeaturizer"/>).</summary>
    public TitleTermIndex Titles => _titles;

    /// <summary>The user's training jobs, ascending by index (for negative sampling).</summary>
    public ReadOnlySpan<int> SortedJobsOf(int user) => _sortedJobs.AsSpan(_sortedOffsets[user], _sortedOffsets[user + 1] - _sortedOffsets[user]);

    /// <summary>Jobs with at least one training interaction (where negatives are sampled).</summary>
    public ReadOnlySpan<int> InteractedJobs => _interactedJobs;

    /// <summary>
    /// Feature inputs of (user, job); the history similarity leaves out training pair <paramref name="heldOutPair"/>
    /// (the positive being trained, or −1 at serving time) so that training sees what serving will see.
    /// </summary>
    public FmFeatureInputs Inputs(int user, int job, int heldOutPair) => Inputs(user, job, heldOutPair, coldStart: false);

    /// <summary>Feature inputs as <see cref="Inputs(int, int, int)"/>; with <paramref name="coldStart"/> the user is shown without history or id.</summary>
    public FmFeatureInputs Inputs(int user, int job, int heldOutPair, bool coldStart)
    {
        int d = _dimension;
        float history = 0, profile = 0;
        if (d > 0 && coldStart)
        {
            if (_hasProfile[user]) profile = TensorPrimitives.Dot(_profileVectors.AsSpan(user * d, d), _jobVectors.AsSpan(job * d, d));
        }
        else if (d > 0 && heldOutPair >= 0 && _data.UserJobs[heldOutPair] == job)
        {
            // The training positive itself: every product was precomputed per pair.
            float w = _pairWeights[heldOutPair], selfDot = _pairSelfDot[heldOutPair], heldDot = _pairHistoryDot[heldOutPair];
            float normSquared = _historyNormsSquared[user] - 2 * w * heldDot + w * w * selfDot;
            if (normSquared > 1e-6f) history = (heldDot - w * selfDot) / MathF.Sqrt(normSquared);
            if (_hasProfile[user]) profile = _pairProfileDot[heldOutPair];
        }
        else if (d > 0)
        {
            // cosine(job, S − w·e_held) with |S − w·e_held|² = |S|² − 2w S·e_held + w²|e_held|², one pass over the job vector.
            var jobVector = _jobVectors.AsSpan(job * d, d);
            var sum = _historySums.AsSpan(user * d, d);
            var profileVector = _profileVectors.AsSpan(user * d, d);
            float normSquared = _historyNormsSquared[user], dot, heldJobDot = 0;
            if (heldOutPair >= 0)
            {
                float w = _pairWeights[heldOutPair];
                (dot, heldJobDot, profile) = Dot3(jobVector, sum, _jobVectors.AsSpan(_data.UserJobs[heldOutPair] * d, d), profileVector);
                dot -= w * heldJobDot;
                normSquared += -2 * w * _pairHistoryDot[heldOutPair] + w * w * _pairSelfDot[heldOutPair];
            }
            else
            {
                dot = TensorPrimitives.Dot(sum, jobVector);
                profile = TensorPrimitives.Dot(profileVector, jobVector);
            }
            if (normSquared > 1e-6f) history = dot / MathF.Sqrt(normSquared);
            if (!_hasProfile[user]) profile = 0;
        }
        // Popularity and recency count the held-out pair itself: a "zero interactions" value must never mark training
        // positives, or the model learns that unseen jobs are the ones users pick next (true only of held-out test jobs).
        int users = _jobUsers[job];
        float popularity = users > 0 ? MathF.Log(1 + users) * _inverseLogMaxUsers : 0;
        float recency = users > 0 ? Math.Max(_interactionRecency[job], _postedRecency[job]) : _postedRecency[job];
        return new FmFeatureInputs(coldStart ? -1 : user, job,
            _jobRegion[job] >= 0 && _jobRegion[job] == _userRegion[user],
            history, profile, Jaccard(_userSkills[user], _jobSkills[job]),
            _jobOnet[job] >= 0 && _jobOnet[job] == _userOnet[user],
            popularity, recency) is var inputs && !TitleCityFeatures ? inputs : inputs with
        {
            CityMatch = coldStart ? 0 : CityMatch(user, job, heldOutPair),
            TitleHistorySimilarity = coldStart ? 0 : TitleHistory(user, job, heldOutPair),
            TitleProfileSimilarity = _profileTitles[user].Dot(_titles.Job(job)),
            ProfileCityMatch = _userCity[user] >= 0 && _userCity[user] == _jobCity[job],
        };
    }

    // (x·a, x·b, x·c) reading x once.
    private static (float, float, float) Dot3(ReadOnlySpan<float> x, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c)
    {
        int n = x.Length, i = 0;
        float ra = 0, rb = 0, rc = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated && n >= System.Numerics.Vector<float>.Count)
        {
            var xv = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(x);
            var av = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(a);
            var bv = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(b);
            var cv = System.Runtime.InteropServices.MemoryMarshal.Cast<float, System.Numerics.Vector<float>>(c);
            var sa = System.Numerics.Vector<float>.Zero;
            var sb = sa;
            var sc = sa;
            for (int v = 0; v < xv.Length; v++)
            {
                sa += xv[v] * av[v];
                sb += xv[v] * bv[v];
                sc += xv[v] * cv[v];
            }
            ra = System.Numerics.Vector.Sum(sa);
            rb = System.Numerics.Vector.Sum(sb);
            rc = System.Numerics.Vector.Sum(sc);
            i = xv.Length * System.Numerics.Vector<float>.Count;
        }
        for (; i < n; i++)
        {
            ra += x[i] * a[i];
            rb += x[i] * b[i];
            rc += x[i] * c[i];
        }
        return (ra, rb, rc);
    }

    private static float Jaccard(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common / (float)(a.Length + b.Length - common);
    }
}
