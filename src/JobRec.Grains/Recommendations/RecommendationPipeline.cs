using System.Buffers;
using System.Runtime.InteropServices;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Recommendations;
using JobRec.Contracts.Search;
using JobRec.Grains.Embeddings;
using JobRec.Grains.Hosting;
using JobRec.ML.Recommenders;

namespace JobRec.Grains.Recommendations;

/// <summary>recommend(user, k, explain): fan out to index shards plus co-interaction and popularity candidates, score them with the inference pool (FM), filter, keep the top k and explain them.</summary>
public sealed class RecommendationPipeline
{
    /// <summary>How many recent jobs each candidate is compared with for reasons.</summary>
    public const int RecentJobsCompared = 5;

    // Co-interaction candidates: the jobs most often co-interacted with each of the user's few most recent jobs.
    private const int CoInteractionSources = 3;
    private const int CoInteractionsPerJob = 10;

    private readonly IGrainFactory _grains;
    private readonly ServingOptions _options;
    private readonly TitleCityFeaturizer? _titleCity;

    /// <summary>Creates a pipeline that reaches shards and workers through <paramref name="grains"/>; <paramref name="titleCity"/> is the served
    /// model's title/city featurizer (<see cref="Inference.InferenceModels.TitleCity"/>), or null when the model does not use those inputs.</summary>
    public RecommendationPipeline(IGrainFactory grains, ServingOptions options, TitleCityFeaturizer? titleCity = null)
    {
        _grains = grains;
        _options = options;
        _titleCity = titleCity;
    }

    /// <summary>The user's top-k jobs, best first; jobs the user already interacted with, closed or expired jobs and (when the user asks) jobs outside the region never appear.</summary>
    public async Task<RecommendationList> RecommendAsync(UserContext user, int k, bool explain)
    {
        var set = CandidateSet.Rent();
        try
        {
            return await RecommendAsync(user, k, explain, set).ConfigureAwait(false);
        }
        finally
        {
            CandidateSet.Return(set);
        }
    }

    private async Task<RecommendationList> RecommendAsync(UserContext user, int k, bool explain, CandidateSet set)
    {
        // Both vectors depend only on the context, which the user grain keeps while its state is unchanged.
        var history = user.History ??= HistoryVector(user.RecentJobs);
        var query = user.Query ??= QueryVector(user.ResumeEmbedding, history);
        var exclude = user.Seen;
        var filters = user.Profile.OnlyLocalOrRemote && user.Profile.Region.Length > 0
            ? new SearchFilters { Region = user.Profile.Region, IncludeRemote = true }
            : null;
        // Scoring vectors: [0] resume, [1] history (FM features), and only when explaining [2..] each recent job (for "similar to X you viewed").
        List<float[]> scoring = explain
            ? [user.ResumeEmbedding, history, .. user.RecentJobs.Take(RecentJobsCompared).Select(r => r.Embedding)]
            : [user.ResumeEmbedding, history];
        var shardQuery = new ShardQuery(query.Length > 0 ? query : ZeroLike(user), 1, filters, exclude, scoring);
        // 1. Semantic candidates from every shard, in parallel with the co-interaction and popularity lookups.
        var perShard = SemanticPerShard(k, _options.SemanticCandidatesPerK, _options.ShardCount);
        var coJobs = Math.Min(user.RecentJobs.Count, CoInteractionSources);
        var list = set.List; // the candidates, in the order found
        var semanticTask = query.Length == 0
            ? Task.FromResult(Array.Empty<IReadOnlyList<ShardHit>>())
            : Task.WhenAll(Enumerable.Range(0, _options.ShardCount).Select(s =>
                _grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).SearchAsync(shardQuery with { K = perShard })));
        var coTask = Task.WhenAll(user.RecentJobs.Take(coJobs).Select(r =>
            _grains.GetGrain<Contracts.Jobs.IJobGrain>(r.Job.Id).GetCoInteractedAsync(CoInteractionsPerJob)));
        var popularity = _grains.GetGrain<IPopularityGrain>(PopularityGrain.GlobalKey);
        var popularTask = popularity.TopAsync(_options.PopularCandidates);
        foreach (var hits in await semanticTask.ConfigureAwait(false))
        {
            foreach (var hit in hits)
            {
                set.Add(hit, CandidateSources.Semantic);
            }
        }

        // 2. Co-interaction and popular candidates: fetch their cards from their shards.
        var extra = set.Extra;
        foreach (var coList in await coTask.ConfigureAwait(false))
        {
            foreach (var id in coList)
            {
                extra.TryAdd(id, CandidateSources.CoInteraction);
            }
        }

        foreach (var (id, _) in await popularTask.ConfigureAwait(false))
        {
            extra.TryAdd(id, CandidateSources.Popular);
        }

        foreach (var (id, source) in extra)
        {
            set.AddSourceTo(id, source);
        }

        if (shardQuery.Vector.Length > 0)
        {
            var lookups = LookupMissing(extra, set.ById, exclude, shardQuery);
            if (lookups.Count > 0)
            {
                foreach (var hits in await Task.WhenAll(lookups).ConfigureAwait(false))
                {
                    foreach (var hit in hits)
                    {
                        set.Add(hit, extra[hit.JobId]);
                    }
                }
            }
        }

        if (list.Count == 0)
        {
            return new RecommendationList(user.UserId, [], false, 0);
        }

        // 3. Features, FM scores through the inference pool, top k.
        var pops = await popularity.PopularityOfKeysAsync(new CandidateIdKeys(list)).ConfigureAwait(false);
        var now = _options.Clock();
        // The features go to the worker by reference inside the silo and are done with once it answers, so the array is pooled (it is
        // not handed back when the call fails: a timed-out batch might still be reading it).
        var features = ArrayPool<CandidateFeatures>.Shared.Rent(list.Count);
        WriteFeatures(user, list, pops, features, now, TitleCityOf(user));

        var scores = await _grains.GetGrain<IInferenceWorkerGrain>("0").ScoreAsync(new ArraySegment<CandidateFeatures>(features, 0, list.Count)).ConfigureAwait(false);
        ArrayPool<CandidateFeatures>.Shared.Return(features, clearArray: true);
        var values = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < values.Length; i++)
        {
            values[i].Score = scores[i];
        }

        list.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Hit.JobId, b.Hit.JobId));
        var userSkills = explain ? SkillSet(user.AllSkills) : null;
        var jobs = list.Take(k).Select(c => new RecommendedJob(c.Hit.Job, c.Score, c.SourceNames(),
            userSkills is not null ? RecommendationReasons.For(user, c, userSkills) : [])).ToList();
        return new RecommendationList(user.UserId, jobs, false, list.Count);
    }

    /// <summary>How many semantic candidates each of <paramref name="shards"/> shards returns so their union holds about the global top k x <paramref name="perK"/>:
    /// all of them from a single shard, otherwise twice the even share (hashing spreads a user's best jobs unevenly), never fewer than k.</summary>
    public static int SemanticPerShard(int k, int perK, int shards) =>
        shards == 1 ? k * perK : Math.Max(k, k * perK * 2 / shards);

    /// <summary>Weighted mean of recent job embeddings (apply 3, save 2, view 1; newer weigh more), unit length; empty when there are none.</summary>
    public static float[] HistoryVector(IReadOnlyList<RecentJob> recent)
    {
        if (recent.Count == 0)
        {
            return [];
        }

        var sum = new float[recent[0].Embedding.Length];
        var decay = 1f;
        foreach (var r in recent)
        {
            var w = r.Kind switch { InteractionKind.Apply => 3f, InteractionKind.Save => 2f, _ => 1f };
            VectorMath.AddScaled(sum, r.Embedding, w * decay);
            decay *= 0.85f;
        }

        return VectorMath.NormalizeInPlace(sum) ? sum : [];
    }

    private float[] QueryVector(float[] resume, float[] history)
    {
        if (resume.Length == 0)
        {
            return history;
        }

        if (history.Length == 0 || history.Length != resume.Length)
        {
            return resume;
        }

        var q = new float[resume.Length];
        VectorMath.AddScaled(q, resume, _options.ProfileWeight);
        VectorMath.AddScaled(q, history, 1f - _options.ProfileWeight);
        return VectorMath.NormalizeInPlace(q) ? q : resume;
    }

    private static float[] ZeroLike(UserContext user) =>
        new float[Math.Max(user.ResumeEmbedding.Length, user.RecentJobs.Count > 0 ? user.RecentJobs[0].Embedding.Length : 0)];

    // Cards of the co-interaction and popular candidates not already found by the semantic search, one lookup per shard that holds some.
    private List<Task<IReadOnlyList<ShardHit>>> LookupMissing(Dictionary<string, string> extra, Dictionary<string, int> candidates, ExclusionSet exclude,
        ShardQuery query)
    {
        var shards = _options.ShardCount;
        var byShard = new List<string>?[shards];
        foreach (var id in extra.Keys)
        {
            if (!candidates.ContainsKey(id) && !exclude.Contains(id))
            {
                var shard = ShardRouting.ShardOf(id, shards);
                (byShard[shard] ??= new List<string>(extra.Count)).Add(id);
            }
        }

        var lookups = new List<Task<IReadOnlyList<ShardHit>>>(shards);
        for (var s = 0; s < shards; s++)
        {
            if (byShard[s] is { } ids)
            {
                lookups.Add(_grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).LookupAsync(ids, query));
            }
        }

        return lookups;
    }

    // The user's side of the title/city features for the served model's vocabulary, built once per context and model.
    private TitleCityUser? TitleCityOf(UserContext user)
    {
        if (_titleCity is null)
        {
            return null;
        }

        if (user.TitleCity is { } known && ReferenceEquals(known.Featurizer, _titleCity))
        {
            return known.User;
        }

        var built = _titleCity.User([.. user.RecentJobs.Select(r => (r.Job.Title, r.Job.Location))],
            [.. user.Profile.PastTitles, .. user.Profile.DesiredTitles], user.Profile.Location);
        user.TitleCity = (_titleCity, built);
        return built;
    }

    // Sets each candidate's popularity and writes its features.
    private void WriteFeatures(UserContext user, List<Candidate> list, float[] pops, CandidateFeatures[] features, DateTimeOffset now, TitleCityUser? titleCity)
    {
        var values = CollectionsMarshal.AsSpan(list);
        for (var i = 0; i < values.Length; i++)
        {
            ref var c = ref values[i];
            c.Popularity = pops[i];
            features[i] = Features(user, in c, now);
            if (titleCity is not null)
            {
                var job = c.Hit.Job;
                var extra = _titleCity!.With(default, titleCity, job.Title, job.Location);
                features[i] = features[i] with
                {
                    CityMatch = extra.CityMatch,
                    TitleHistorySimilarity = extra.TitleHistorySimilarity,
                    TitleProfileSimilarity = extra.TitleProfileSimilarity,
                    ProfileCityMatch = extra.ProfileCityMatch,
                };
            }
        }
    }

    private static CandidateFeatures Features(UserContext user, in Candidate c, DateTimeOffset now)
    {
        // Everything compared comes from the hit's precomputed keys, not the job's card and strings (cold memory per candidate).
        var hit = c.Hit;
        var keys = hit.Keys;
        var recency = hit.PostedAt is { } posted ? (float)Math.Exp(-Math.Max(0, (now - posted).TotalDays) / 30.0) : 0.5f;
        var regionMatch = (user.RegionKey != 0 && keys.Region == user.RegionKey) || (user.Profile.WantsRemote && keys.Remote);
        var onetMatch = keys.Onet != 0 && Array.IndexOf(user.RecentOnetKeys, keys.Onet) >= 0;
        var sims = hit.Similarities.Span;
        return new CandidateFeatures(user.UserId, keys.Id, regionMatch,
            sims.Length > 1 ? sims[1] : 0f,
            sims.Length > 0 ? sims[0] : 0f,
            SkillKeys.Jaccard(keys.Skills, user.SkillKeys), onetMatch, c.Popularity, recency);
    }

    /// <summary>Trimmed, non-empty skills compared ignoring case.</summary>
    internal static HashSet<string> SkillSet(IEnumerable<string> skills) =>
        skills.Select(s => s.Trim()).Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
