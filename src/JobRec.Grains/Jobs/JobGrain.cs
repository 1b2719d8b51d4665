using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Catalog;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Skills;
using JobRec.Grains.Embeddings;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;

namespace JobRec.Grains.Jobs;

/// <summary>One job posting: stores posting, embedding, O*NET code and counters; pushes its card to its index shard on change and removes it on close.</summary>
[GrainType("JobRec.Grains.Jobs.JobGrain")]
public sealed class JobGrain : Grain<JobState>, IJobGrain
{
    private const int MaxCoInteractions = 100;
    private readonly ServingOptions _options;
    private readonly InferenceModels _models;
    private List<string>? _coRanking;
    private CoInteractionPrefix? _coPrefix;

    /// <summary>Created by the runtime.</summary>
    public JobGrain(ServingOptions options, InferenceModels models)
    {
        _options = options;
        _models = models;
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
        ArgumentNullException.ThrowIfNull(embedding);
        return StoreAsync(posting, embedding, 0);
    }

    /// <inheritdoc />
    public Task<JobView> UpsertPreparedAsync(JobInput posting, float[] embedding, IReadOnlyList<string> extractedSkills, string skillModel)
    {
        RequestValidation.Job(posting);
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(extractedSkills);
        return StoreAsync(posting, embedding, 0, new SkillExtractResponse([], extractedSkills, skillModel ?? "", 0, false, null));
    }

    /// <inheritdoc />
    public Task<JobView?> GetAsync() => Task.FromResult(State.Posting is null ? null : View());

    /// <inheritdoc />
    public Task<JobSummary?> GetSummaryAsync() => Task.FromResult(State.Posting is null ? null : Summary());

    /// <inheritdoc />
    public Task<float[]?> GetEmbeddingAsync() =>
        Task.FromResult(State.Posting is null ? null : EmbeddingCodec.FromBytes(State.Embedding));

    /// <inheritdoc />
    public async Task<bool> CloseAsync()
    {
        if (State.Posting is null)
        {
            return false;
        }

        if (!State.Closed)
        {
            State.Closed = true;
            await WriteStateAsync();
            await GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(Shard)).RemoveAsync(this.GetPrimaryKeyString());
        }

        return true;
    }

    /// <inheritdoc />
    public async Task RecordInteractionAsync(InteractionKind kind, IReadOnlyList<string> coInteractedJobIds)
    {
        if (State.Posting is null)
        {
            throw new KeyNotFoundException($"job '{this.GetPrimaryKeyString()}' does not exist");
        }

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
        ArgumentNullException.ThrowIfNull(delta);
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
    }

    private async Task<JobView> StoreAsync(JobInput posting, float[] embedding, int skillCharacters, SkillExtractResponse? extracted = null)
    {
        var vector = (float[])embedding.Clone();
        VectorMath.NormalizeInPlace(vector);
        var onetCode = posting.OnetCode;
        var onetTitle = "";
        var classified = false;
        var worker = GrainFactory.GetGrain<IInferenceWorkerGrain>("0");
        var skillsTask = skillCharacters > 0
            ? worker.ExtractSkillsAsync([JobText.ForSkills(posting)], skillCharacters)
            : Task.FromResult<SkillExtractResponse[]>(extracted is null ? [] : [extracted]);
        if (onetCode.Length == 0)
        {
            var match = await worker.ClassifyAsync(posting.Title, posting.Description);
            onetCode = match.Code;
            onetTitle = match.Title;
            classified = match.Code.Length > 0;
        }

        var skills = await skillsTask;
        State.ExtractedSkills = skills.Length > 0 ? [.. skills[0].Skills.Where(s => !string.IsNullOrWhiteSpace(s)).Take(ContractLimits.MaxSkills)] : [];
        State.SkillModel = skills.Length > 0 ? skills[0].Model : "";

        State.Posting = posting;
        State.Embedding = EmbeddingCodec.ToBytes(vector);
        State.OnetCode = onetCode;
        if (onetTitle.Length == 0 && onetCode.Length > 0)
        {
            onetTitle = _models.Classifier?.TitleOf(onetCode) ?? "";
            if (onetTitle.Length == 0)
            {
                onetTitle = await GrainFactory.GetGrain<ICatalogGrain>(CatalogKeys.Occupations).LookupAsync(onetCode);
            }
        }

        State.OnetTitle = onetTitle;
        State.OnetClassified = classified;
        State.Closed = false;
        await WriteStateAsync();
        var entry = new ShardEntry(Summary(), vector, JobText.AllSkills(posting.Skills, State.ExtractedSkills), posting.PostedAt, posting.ClosesAt);
        await GrainFactory.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(Shard)).UpsertAsync([entry]);
        return View();
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

    private JobSummary Summary()
    {
        var p = State.Posting!;
        return new JobSummary(this.GetPrimaryKeyString(), p.Title, p.Company, p.Location, p.Region, p.Remote, State.OnetCode);
    }

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
