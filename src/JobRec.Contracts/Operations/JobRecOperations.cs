using Orleans;
using Orleans.Concurrency;
using JobRec.Contracts.Ask;
using JobRec.Contracts.Cluster;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Recommendations;
using JobRec.Contracts.Search;
using JobRec.Contracts.Skills;
using JobRec.Contracts.Users;

namespace JobRec.Contracts.Operations;

/// <summary>Typed calls for every engine operation over any grain factory (the client SDK's cluster client or a silo's own factory); validates input before calling grains.</summary>
public sealed class JobRecOperations
{
    private readonly IGrainFactory _grains;

    /// <summary>Creates the facade over <paramref name="grains"/>.</summary>
    public JobRecOperations(IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(grains);
        _grains = grains;
    }

    /// <summary>Creates or replaces a job posting.</summary>
    public Task<JobView> PutJobAsync(string jobId, JobInput posting)
    {
        RequestValidation.Id("id", jobId);
        RequestValidation.Job(posting);
        return _grains.GetGrain<IJobGrain>(jobId).UpsertAsync(posting);
    }

    /// <summary>The job, or null when unknown.</summary>
    public Task<JobView?> GetJobAsync(string jobId)
    {
        RequestValidation.Id("id", jobId);
        return _grains.GetGrain<IJobGrain>(jobId).GetAsync();
    }

    /// <summary>Closes the job; false when unknown.</summary>
    public Task<bool> CloseJobAsync(string jobId)
    {
        RequestValidation.Id("id", jobId);
        return _grains.GetGrain<IJobGrain>(jobId).CloseAsync();
    }

    /// <summary>Jobs most similar to the job.</summary>
    /// <exception cref="KeyNotFoundException">The job does not exist.</exception>
    public Task<SearchResponse> SimilarJobsAsync(string jobId, int k = 10)
    {
        RequestValidation.Id("id", jobId);
        RequestValidation.K("k", k);
        return _grains.GetGrain<ISearchGrain>("0").SimilarJobsAsync(jobId, k);
    }

    /// <summary>Creates or replaces a user profile.</summary>
    public Task<UserView> PutUserAsync(string userId, UserInput profile)
    {
        RequestValidation.Id("id", userId);
        RequestValidation.User(profile);
        return _grains.GetGrain<IUserGrain>(userId).UpsertProfileAsync(profile);
    }

    /// <summary>The user, or null when unknown.</summary>
    public Task<UserView?> GetUserAsync(string userId)
    {
        RequestValidation.Id("id", userId);
        return _grains.GetGrain<IUserGrain>(userId).GetAsync();
    }

    /// <summary>Records an interaction of a user with a job.</summary>
    /// <exception cref="KeyNotFoundException">The user or the job does not exist.</exception>
    public Task<InteractionRecord> RecordInteractionAsync(string userId, InteractionInput interaction)
    {
        RequestValidation.Id("id", userId);
        RequestValidation.Interaction(interaction);
        return _grains.GetGrain<IUserGrain>(userId).RecordInteractionAsync(interaction);
    }

    /// <summary>The user's top-k jobs, with reasons when <paramref name="explain"/> is true; <paramref name="fresh"/> skips the cache.</summary>
    /// <exception cref="KeyNotFoundException">The user does not exist.</exception>
    public Task<RecommendationList> RecommendAsync(string userId, int k = 20, bool explain = false, bool fresh = false)
    {
        RequestValidation.Id("id", userId);
        RequestValidation.K("k", k);
        return _grains.GetGrain<IUserGrain>(userId).RecommendAsync(new RecommendationRequest(k, explain, fresh));
    }

    /// <summary>Free-text search with optional filters.</summary>
    public Task<SearchResponse> SearchAsync(SearchRequest request)
    {
        RequestValidation.Search(request);
        return _grains.GetGrain<ISearchGrain>("0").SearchAsync(request);
    }

    /// <summary>Answers a question from the postings the semantic search retrieves for it, citing their job ids.</summary>
    /// <exception cref="ContractValidationException">The question is empty or longer than <see cref="AskRequest.MaxQuestionLength"/>, or k is out of bounds.</exception>
    public Task<AskResponse> AskAsync(AskRequest request)
    {
        AskValidation.Validate(request);
        return _grains.GetGrain<IInferenceWorkerGrain>("0").AskAsync(request);
    }

    /// <summary>Skill and knowledge spans of a text with character offsets and normalised skills (all of the text is read).</summary>
    /// <exception cref="ContractValidationException">The text is empty, longer than <see cref="SkillExtractRequest.MaxTextLength"/> or binary data.</exception>
    public async Task<SkillExtractResponse> ExtractSkillsAsync(SkillExtractRequest request)
    {
        SkillValidation.Validate(request);
        var results = await _grains.GetGrain<IInferenceWorkerGrain>("0").ExtractSkillsAsync([request.Text], SkillExtractRequest.MaxTextLength).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>What extracts skills (the tagger, or the dictionary fallback and why).</summary>
    public Task<SkillModelInfo> SkillModelAsync() => _grains.GetGrain<IInferenceWorkerGrain>("0").GetSkillModelAsync();

    /// <summary>Size and kind of every index shard (shard 0 tells how many the silos run).</summary>
    public async Task<IReadOnlyList<ShardStatus>> ShardStatusAsync()
    {
        var first = await _grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(0)).GetStatusAsync().ConfigureAwait(false);
        var rest = await Task.WhenAll(Enumerable.Range(1, first.ShardCount - 1)
            .Select(s => _grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(s)).GetStatusAsync())).ConfigureAwait(false);
        return [first, .. rest];
    }
}
