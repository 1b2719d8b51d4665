using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Recommendations;
using JobRec.Contracts.Users;
using JobRec.Grains.Embeddings;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using JobRec.Grains.Jobs;
using JobRec.Grains.Recommendations;

namespace JobRec.Grains.Users;

/// <summary>One job seeker: profile, resume embedding and interactions; recommends through the <see cref="RecommendationPipeline"/> and caches the answer until the profile or interactions change.</summary>
[GrainType("JobRec.Grains.Users.UserGrain")]
public sealed class UserGrain : Grain<UserState>, IUserGrain
{
    private const int CoInteractionFanOut = 3;
    private readonly ServingOptions _options;
    private readonly ServingAdmission _admission;
    private readonly InferenceModels _models;
    private readonly Dictionary<string, RecentJob> _recentJobCache = [];
    private CachedRecommendations? _cache;
    private (long Version, UserContext Context)? _context;

    /// <summary>Created by the runtime.</summary>
    public UserGrain(ServingOptions options, ServingAdmission admission, InferenceModels models)
    {
        _options = options;
        _admission = admission;
        _models = models;
    }

    /// <inheritdoc />
    public async Task<UserView> UpsertProfileAsync(UserInput profile)
    {
        RequestValidation.User(profile);
        var text = JobText.Of(profile);
        var embedding = text.Length == 0
            ? []
            : (await GrainFactory.GetGrain<IInferenceWorkerGrain>("0").EncodeAsync([text]))[0];
        return await StoreAsync(profile, embedding, _options.SkillUpsertCharacters);
    }

    /// <inheritdoc />
    public Task<UserView> UpsertEncodedAsync(UserInput profile, float[] embedding)
    {
        RequestValidation.User(profile);
        GrainArguments.Vector("embedding", embedding, allowEmpty: true);
        return StoreAsync(profile, embedding, 0);
    }

    /// <inheritdoc />
    public Task<UserView> UpsertPreparedAsync(UserInput profile, float[] embedding, IReadOnlyList<string> extractedSkills)
    {
        RequestValidation.User(profile);
        GrainArguments.Vector("embedding", embedding, allowEmpty: true);
        GrainArguments.Count("extractedSkills", extractedSkills, ContractLimits.MaxSkills);
        return StoreAsync(profile, embedding, 0, extractedSkills);
    }

    /// <inheritdoc />
    public Task<UserView?> GetAsync() => Task.FromResult(State.Profile is null ? null : View());

    /// <inheritdoc />
    public async Task<InteractionRecord> RecordInteractionAsync(InteractionInput interaction)
    {
        RequestValidation.Interaction(interaction);
        EnsureExists();
        if (interaction.RequestId is { } requestId && State.Interactions.FindLast(i => i.RequestId == requestId) is { } first)
        {
            return first; // a retry of a call that was stored (perhaps without its answer reaching the caller)
        }

        var job = GrainFactory.GetGrain<IJobGrain>(interaction.JobId);
        var summary = await job.GetSummaryAsync()
            ?? throw new KeyNotFoundException($"job '{interaction.JobId}' does not exist");
        var record = new InteractionRecord(summary.Id, interaction.Kind, interaction.Time ?? DateTimeOffset.UtcNow, interaction.RequestId);
        var recentOthers = RecentJobIds().Where(id => id != record.JobId).Take(CoInteractionFanOut).ToList();
        Append(record);
        await WriteStateAsync();

        // Counters and co-interactions on the job and on the user's recent jobs, popularity, all in parallel.
        var weight = record.Kind switch { InteractionKind.Apply => 3f, InteractionKind.Save => 2f, _ => 1f };
        var updates = new List<Task>
        {
            job.RecordInteractionAsync(record.Kind, recentOthers),
            GrainFactory.GetGrain<IPopularityGrain>(PopularityGrain.GlobalKey).AddAsync(new Dictionary<string, float> { [record.JobId] = weight }),
        };
        updates.AddRange(recentOthers.Select(other => GrainFactory.GetGrain<IJobGrain>(other).ImportStatisticsAsync(
            new JobStatistics(0, 0, 0, new Dictionary<string, int> { [record.JobId] = 1 }))));
        await Task.WhenAll(updates);
        return record;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InteractionRecord>> ImportInteractionsAsync(IReadOnlyList<InteractionRecord> interactions)
    {
        GrainArguments.Count("interactions", interactions);
        State.Profile ??= new UserInput(); // interaction logs may name users no profile was imported for
        var known = State.Interactions.Select(i => (i.JobId, i.Kind, i.Time)).ToHashSet();
        var added = new List<InteractionRecord>();
        for (var n = 0; n < interactions.Count; n++)
        {
            if (interactions[n] is null || string.IsNullOrEmpty(interactions[n].JobId))
            {
                throw new ContractValidationException($"interactions[{n}].jobId", "must be a non-empty id");
            }

            RequestValidation.Id($"interactions[{n}].jobId", interactions[n].JobId);
            if (!Enum.IsDefined(interactions[n].Kind))
            {
                throw new ContractValidationException($"interactions[{n}].kind", $"is {(int)interactions[n].Kind}; must be view, save or apply");
            }

            RequestValidation.Time($"interactions[{n}].time", interactions[n].Time);
            if (interactions[n].RequestId is { } requestId)
            {
                RequestValidation.Id($"interactions[{n}].requestId", requestId);
            }
        }

        foreach (var i in interactions.OrderBy(i => i.Time))
        {
            if (known.Add((i.JobId, i.Kind, i.Time)))
            {
                Append(i);
                added.Add(i);
            }
        }

        if (added.Count > 0)
        {
            await WriteStateAsync();
        }

        return added;
    }

    /// <inheritdoc />
    public async Task<RecommendationList> RecommendAsync(RecommendationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.K("k", request.K);
        EnsureExists();
        if (!request.Fresh && _cache is { } c && c.Version == State.Version && c.ModelGeneration == _models.Generation && c.Explain == request.Explain && request.K <= c.K)
        {
            return c.List with { Jobs = c.List.Jobs.Take(request.K).ToList(), FromCache = true };
        }

        // What the pipeline needs from the user (decoded resume, recent jobs with embeddings) only changes with the state version;
        // a fresh recommend still runs candidate generation and scoring in full.
        // Computing takes a turn at the silo's admission gate (cached answers above do not).
        using var turn = await _admission.EnterAsync("recommend");
        var context = _context is { } known && known.Version == State.Version ? known.Context : await ContextAsync();
        _context = (State.Version, context);
        var generation = _models.Generation;
        var pipeline = new RecommendationPipeline(GrainFactory, _options, _models.TitleCity);
        var list = await pipeline.RecommendAsync(context, request.K, request.Explain);
        _cache = new CachedRecommendations(State.Version, generation, request.K, request.Explain, list);
        return list;
    }

    private async Task<UserView> StoreAsync(UserInput profile, float[] embedding, int skillCharacters, IReadOnlyList<string>? prepared = null)
    {
        var extracted = skillCharacters > 0 && !string.IsNullOrWhiteSpace(profile.ResumeText)
            ? (await GrainFactory.GetGrain<IInferenceWorkerGrain>("0").ExtractSkillsAsync([profile.ResumeText], skillCharacters))[0].Skills
            : prepared ?? [];
        State.ExtractedSkills = [.. extracted.Where(s => !string.IsNullOrWhiteSpace(s)).Take(ContractLimits.MaxSkills)];
        var vector = (float[])embedding.Clone();
        VectorMath.NormalizeInPlace(vector);
        State.Profile = profile;
        State.Embedding = EmbeddingCodec.ToBytes(vector);
        State.Version++;
        _cache = null;
        await WriteStateAsync();
        return View();
    }

    private void Append(InteractionRecord record)
    {
        State.Interactions.Add(record);
        State.InteractionCount++;
        if (State.Interactions.Count > _options.MaxStoredInteractions)
        {
            State.Interactions.RemoveRange(0, State.Interactions.Count - _options.MaxStoredInteractions);
        }

        State.Version++;
        _cache = null;
    }

    private IEnumerable<string> RecentJobIds() =>
        Enumerable.Range(0, State.Interactions.Count).Select(i => State.Interactions[State.Interactions.Count - 1 - i].JobId).Distinct();

    private async Task<UserContext> ContextAsync()
    {
        var strongest = new Dictionary<string, InteractionKind>();
        foreach (var i in State.Interactions)
        {
            if (!strongest.TryGetValue(i.JobId, out var k) || i.Kind > k)
            {
                strongest[i.JobId] = i.Kind;
            }
        }

        var ids = RecentJobIds().Take(_options.RecentJobsForQuery).ToList();
        var toFetch = ids.Where(id => !_recentJobCache.ContainsKey(id)).ToList();
        if (toFetch.Count > 0)
        {
            // Cards and embeddings come from the shards in one call per shard; closed jobs (no longer indexed) from their grains.
            var fromShards = await Task.WhenAll(toFetch.GroupBy(id => ShardRouting.ShardOf(id, _options.ShardCount)).Select(g =>
                GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(g.Key)).GetEntriesAsync(g.ToList())));
            foreach (var e in fromShards.SelectMany(e => e).Where(e => e.Embedding.Length > 0))
            {
                _recentJobCache[e.Job.Id] = new RecentJob(e.Job, e.Embedding, InteractionKind.View);
            }

            var fetched = await Task.WhenAll(toFetch.Where(id => !_recentJobCache.ContainsKey(id)).Select(async id =>
            {
                var grain = GrainFactory.GetGrain<IJobGrain>(id);
                var summary = await grain.GetSummaryAsync();
                var embedding = summary is null ? null : await grain.GetEmbeddingAsync();
                return (id, summary, embedding);
            }));
            foreach (var (id, summary, embedding) in fetched)
            {
                if (summary is not null && embedding is { Length: > 0 })
                {
                    _recentJobCache[id] = new RecentJob(summary, embedding, InteractionKind.View);
                }
            }
        }

        var recent = ids.Where(_recentJobCache.ContainsKey).Select(id => _recentJobCache[id] with { Kind = strongest[id] }).ToList();
        if (_recentJobCache.Count > 4 * _options.RecentJobsForQuery)
        {
            foreach (var stale in _recentJobCache.Keys.Except(ids).ToList())
            {
                _recentJobCache.Remove(stale);
            }
        }

        return new UserContext(this.GetPrimaryKeyString(), State.Profile!, EmbeddingCodec.FromBytes(State.Embedding), State.Interactions, recent, State.ExtractedSkills);
    }

    private void EnsureExists()
    {
        if (State.Profile is null)
        {
            throw new KeyNotFoundException($"user '{this.GetPrimaryKeyString()}' does not exist");
        }
    }

    private UserView View() => new()
    {
        Id = this.GetPrimaryKeyString(),
        Profile = State.Profile!,
        InteractionCount = State.InteractionCount,
        RecentInteractions = Enumerable.Range(0, Math.Min(ContractLimits.MaxReturnedInteractions, State.Interactions.Count))
            .Select(i => State.Interactions[State.Interactions.Count - 1 - i]).ToList(),
        ExtractedSkills = State.ExtractedSkills,
    };

    private sealed record CachedRecommendations(long Version, long ModelGeneration, int K, bool Explain, RecommendationList List);
}
