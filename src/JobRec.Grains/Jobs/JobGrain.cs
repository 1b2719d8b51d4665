using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Skills;
using JobRec.Grains.Catalog;
using JobRec.Grains.Embeddings;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;

namespace JobRec.Grains.Jobs;

/// <summary>One job posting: stores posting, embedding, O*NET code and counters; pushes its card to its index shard on change and removes it on close.</summary>
[GrainType("JobRec.Grains.Jobs.JobGrain")]
[CollectionAgeLimit(Minutes = 2)] // a bulk import touches each job once: a million idle activations must not outlive it by the silo's 30 min
public sealed class JobGrain : Grain<JobState>, IJobGrain
{
    private const int MaxCoInteractions = 100;
    private readonly ServingOptions _options;
    private readonly InferenceModels _models;
    private readonly OccupationTitleCache _titles;
    private List<string>? _coRanking;
    private CoInteractionPrefix? _coPrefix;

    /// <summary>Created by the runtime.</summary>
    public JobGrain(ServingOptions options, InferenceModels models, OccupationTitleCache titles)
    {
        _options = options;
        _models = models;
        _titles = titles;
    }

    private int Shard => ShardRouting.ShardOf(this.GetPrimaryKeyString(), _options.ShardCount);

    /// <inheritdoc />
    public async Task<JobView> UpsertAsync(JobInput posting)
    {
        RequestValidation.Job(posting);
        var worker = GrainFactory.GetGrain<IInferenceWorkerGrain>("0");
        var embedding = (await worker.EncodeAsync([JobText.Of(posting)]))[0];
        return await StoreAsync(posting, embedding, _options.SkillUpsertCharacters);
    }

    /// <inheritdoc />
    public Task<JobView> UpsertEncodedAsync(JobInput posting, float[] embedding)
    {
        RequestValidation.Job(posting);
        GrainArguments.Vector("embedding", embedding);
        return StoreAsync(posting, embedding, 0);
    }

    /// <inheritdoc />
    public async Task<JobImportResult> ImportEncodedAsync(JobInput posting, float[] embedding, IReadOnlyList<string> extractedSkills, string skillModel)
    {
        RequestValidation.Job(posting);
        GrainArguments.Vector("embedding", embedding);
        GrainArguments.Count("extractedSkills", extractedSkills, ContractLimits.MaxSkills);
        GrainArguments.Text("skillModel", skillModel, ContractLimits.MaxIdLength);
        await RefreshIfMissingAsync();
        var created = State.Posting is null;
        var entry = await SaveAsync(posting, embedding, 0, new SkillExtractResponse([], extractedSkills, skillModel, 0, false, null));
        // A bulk import touches a job once: its activation (posting, counters, runtime bookkeeping) is let go at once instead of a
        // million of them waiting for the collector; the state is stored and a later call activates it again.
        DeactivateOnIdle();
        return new JobImportResult(created, entry, Shard);
    }

    /// <inheritdoc />
    public async Task<JobView?> GetAsync()
    {
        await RefreshIfMissingAsync();
        return State.Posting is null ? null : View();
    }

    /// <inheritdoc />
    public async Task<JobSummary?> GetSummaryAsync()
    {
        await RefreshIfMissingAsync();
        return State.Posting is null ? null : Summary();
    }

    /// <inheritdoc />
    public async Task<float[]?> GetEmbeddingAsync()
    {
        await RefreshIfMissingAsync();
        if (State.Posting is null)
        {
            return null;
        }

        if (State.Embedding is { Length: > 0 } stored)
        {
            return EmbeddingCodec.FromBytes(stored); // closed jobs, and states written before the shard held the only copy
        }

        var entries = await GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(Shard)).GetEntriesAsync([this.GetPrimaryKeyString()]);
        return entries.Count > 0 ? entries[0].Embedding : null;
    }

    /// <inheritdoc />
    public async Task<bool> CloseAsync()
    {
        await RefreshIfMissingAsync();
        if (State.Posting is null)
        {
            return false;
        }

        if (!State.Closed)
        {
            // The shard holds the only copy of an open job's embedding; a closed job leaves the shard, so its state keeps it (similar
            // jobs and users' histories still read it).
            var shard = GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(Shard));
            if (State.Embedding is not { Length: > 0 } && (await shard.GetEntriesAsync([this.GetPrimaryKeyString()])) is [var entry, ..])
            {
                State.Embedding = EmbeddingCodec.ToBytes(entry.Embedding);
            }

            State.Closed = true;
            await WriteStateAsync();
            await shard.RemoveAsync(this.GetPrimaryKeyString());
        }

        return true;
    }

    /// <inheritdoc />
    public async Task RecordInteractionAsync(InteractionKind kind, IReadOnlyList<string> coInteractedJobIds)
    {
        await RefreshIfMissingAsync();
        if (State.Posting is null)
        {
            throw new KeyNotFoundException($"job '{this.GetPrimaryKeyString()}' does not exist");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ContractValidationException("kind", $"is {(int)kind}; must be view, save or apply");
        }

        GrainArguments.Ids("coInteractedJobIds", coInteractedJobIds, MaxCoInteractions);
        switch (kind)
        {
            case InteractionKind.Apply: State.Applies++; break;
            case InteractionKind.Save: State.Saves++; break;
            default: State.Views++; break;
        }

        foreach (var other in coInteractedJobIds ?? [])
        {
            if (other != this.GetPrimaryKeyString())
            {
                State.CoInteractions[other] = State.CoInteractions.GetValueOrDefault(other) + 1;
            }
        }

        TrimCoInteractions();
        await WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetCoInteractedAsync(int count)
    {
        // Read-only and called by every recommend that has this job among the user's recent ones: the ranking is sorted once per
        // change (two concurrent first readers may both sort; the list is published whole).
        GrainArguments.Range("count", count, 0, ContractLimits.MaxBatchItems);
        var ranking = Volatile.Read(ref _coRanking);
        if (ranking is null)
        {
            ranking = State.CoInteractions.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
            Volatile.Write(ref _coRanking, ranking);
        }

        // Callers ask for the same few counts: the last prefix handed out is kept with the ranking (both replaced on a change).
        count = Math.Clamp(count, 0, ranking.Count);
        if (count == ranking.Count)
        {
            return Task.FromResult<IReadOnlyList<string>>(ranking);
        }

        var prefix = Volatile.Read(ref _coPrefix);
        if (prefix is null || prefix.Count != count || !ReferenceEquals(prefix.Ranking, ranking))
        {
            prefix = new CoInteractionPrefix(ranking, ranking.GetRange(0, count));
            Volatile.Write(ref _coPrefix, prefix);
        }

        return Task.FromResult(prefix.Ids);
    }

    /// <inheritdoc />
    public async Task ImportStatisticsAsync(JobStatistics delta)
    {
        Validate(delta);
        await RefreshIfMissingAsync();
        if (State.Posting is null)
        {
            throw new KeyNotFoundException($"job '{this.GetPrimaryKeyString()}' does not exist");
        }

        State.Views += delta.Views;
        State.Saves += delta.Saves;
        State.Applies += delta.Applies;
        foreach (var (id, n) in delta.CoInteractions)
        {
            if (id != this.GetPrimaryKeyString())
            {
                State.CoInteractions[id] = State.CoInteractions.GetValueOrDefault(id) + n;
            }
        }

        TrimCoInteractions();
        await WriteStateAsync();
        if (delta.Views + delta.Saves + delta.Applies > 0)
        {
            // A bulk import's counters (as in ImportEncodedAsync): let the activation go. A live interaction's co-interaction update
            // (no counters) keeps it: the user's next interaction and recommend call this same recent job again, and a deactivated
            // job would be read back from storage and re-registered in the directory each time.
            DeactivateOnIdle();
        }
    }

    private static void Validate(JobStatistics? delta)
    {
        if (delta is null)
        {
            throw new ContractValidationException("delta", "is required");
        }

        GrainArguments.Range("views", delta.Views, 0, ContractLimits.MaxCounterDelta);
        GrainArguments.Range("saves", delta.Saves, 0, ContractLimits.MaxCounterDelta);
        GrainArguments.Range("applies", delta.Applies, 0, ContractLimits.MaxCounterDelta);
        GrainArguments.Count("coInteractions", delta.CoInteractions);
        foreach (var (id, n) in delta.CoInteractions)
        {
            GrainArguments.Key("coInteractions key", id);
            GrainArguments.Range($"coInteractions[{id}]", n, 1, ContractLimits.MaxCounterDelta);
        }
    }

    private async Task<JobView> StoreAsync(JobInput posting, float[] embedding, int skillCharacters, SkillExtractResponse? extracted = null)
    {
        var entry = await SaveAsync(posting, embedding, skillCharacters, extracted);
        await GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(Shard)).UpsertAsync([entry]);
        return View();
    }

    /// <summary>Classifies when needed and writes the state; returns the shard entry (not yet sent to the shard). The state keeps no
    /// embedding: the shard entry is its one durable copy (see <see cref="GetEmbeddingAsync"/>).</summary>
    /// Skills: extracted from the first <paramref name="skillCharacters"/> characters by the inference pool, else <paramref name="extracted"/> (bulk import), else none.
    private async Task<ShardEntry> SaveAsync(JobInput posting, float[] embedding, int skillCharacters, SkillExtractResponse? extracted)
    {
        await RefreshIfMissingAsync();
        var skillsTask = skillCharacters > 0
            ? GrainFactory.GetGrain<IInferenceWorkerGrain>("0").ExtractSkillsAsync([JobText.ForSkills(posting)], skillCharacters)
            : Task.FromResult<SkillExtractResponse[]>(extracted is null ? [] : [extracted]);
        var entry = await JobStateBuilder.FillAsync(State, this.GetPrimaryKeyString(), posting, embedding, skillsTask, GrainFactory, _models, _titles);
        await WriteStateAsync();
        return entry;
    }

    /// <summary>Reads the state again while it holds no posting: the bulk importer (<see cref="JobImportGrain"/>) writes new jobs' state
    /// without this grain, so an activation made before (a look-up of the id while it was missing) would otherwise answer from, and write
    /// over, a stale empty state.</summary>
    private async Task RefreshIfMissingAsync()
    {
        if (State.Posting is null)
        {
            await ReadStateAsync();
        }
    }

    /// <summary>Called after every change of the co-interaction counts: keeps the strongest when they grow large and drops the cached ranking.</summary>
    private void TrimCoInteractions()
    {
        _coRanking = null;
        if (State.CoInteractions.Count > MaxCoInteractions * 2)
        {
            State.CoInteractions = State.CoInteractions.OrderByDescending(p => p.Value).Take(MaxCoInteractions).ToDictionary(p => p.Key, p => p.Value);
        }
    }

    private JobSummary Summary() => JobStateBuilder.Summary(this.GetPrimaryKeyString(), State);

    private JobView View() => new()
    {
        Id = this.GetPrimaryKeyString(),
        Posting = State.Posting!,
        OnetCode = State.OnetCode,
        OnetTitle = State.OnetTitle,
        OnetClassified = State.OnetClassified,
        Closed = State.Closed,
        Views = State.Views,
        Saves = State.Saves,
        Applies = State.Applies,
        Shard = Shard,
        ExtractedSkills = State.ExtractedSkills,
        SkillModel = State.SkillModel,
    };

    /// <summary>A prefix of a co-interaction ranking (the lists are never changed once published).</summary>
    private sealed record CoInteractionPrefix(List<string> Ranking, IReadOnlyList<string> Ids)
    {
        public int Count => Ids.Count;
    }
}
