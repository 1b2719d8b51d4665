using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Orleans.Storage;
using JobRec.Contracts;
using JobRec.Contracts.Indexing;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Skills;
using JobRec.Grains.Catalog;
using JobRec.Grains.Hosting;
using JobRec.Grains.Inference;
using Microsoft.Extensions.DependencyInjection;

namespace JobRec.Grains.Jobs;

/// <summary>
/// <see cref="IJobImportGrain"/>: a bulk import writes each new job's state straight to the job grains' storage, as the job grain would
/// (<see cref="JobStateBuilder"/>), instead of activating, placing, registering and deactivating a grain per job, which cost about three
/// quarters of the import's CPU (docs/BENCHMARKS.md, Scale). The write is an insert: a job already stored (or written meanwhile) makes the
/// insert fail and goes through its grain instead. A job grain re-reads an empty state before answering or writing
/// (<see cref="JobGrain"/>), so an activation made before the insert never serves or writes over a stale one. Where the storage can insert
/// many states in one round trip (an <see cref="IGrainStateBulkInsert"/> service: a cluster on PostgreSQL) a chunk's new jobs are inserted together.
/// </summary>
[StatelessWorker]
[GrainType("JobRec.Grains.Jobs.JobImportGrain")]
public sealed class JobImportGrain : Grain, IJobImportGrain
{
    /// <summary>The state name under which <see cref="JobGrain"/> (a <see cref="Grain{TGrainState}"/>) stores its state.</summary>
    public const string StateName = "state";

    private readonly ServingOptions _options;
    private readonly InferenceModels _models;
    private readonly OccupationTitleCache _titles;
    private IGrainStorage? _storage;

    /// <summary>Created by the runtime.</summary>
    public JobImportGrain(ServingOptions options, InferenceModels models, OccupationTitleCache titles)
    {
        _options = options;
        _models = models;
        _titles = titles;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JobImportResult>> ImportAsync(IReadOnlyList<JobImportItem> jobs)
    {
        GrainArguments.Count("jobs", jobs);
        for (var i = 0; i < jobs.Count; i++)
        {
            var job = jobs[i] ?? throw new ContractValidationException($"jobs[{i}]", "is required");
            GrainArguments.Key($"jobs[{i}].id", job.Id);
            RequestValidation.Job(job.Posting);
            GrainArguments.Vector($"jobs[{i}].embedding", job.Embedding);
            GrainArguments.Count($"jobs[{i}].extractedSkills", job.ExtractedSkills, ContractLimits.MaxSkills);
            GrainArguments.Text($"jobs[{i}].skillModel", job.SkillModel, ContractLimits.MaxIdLength);
        }

        _storage ??= GrainStorageHelpers.GetGrainStorage(typeof(JobGrain), ServiceProvider);
        if (ServiceProvider.GetService<IGrainStateBulkInsert>() is not { } bulk)
        {
            return await Task.WhenAll(jobs.Select(ImportOneAsync));
        }

        // One round trip for the chunk's new jobs; a job stored already (or named twice in the chunk) goes through its grain.
        var built = await Task.WhenAll(jobs.Select(BuildAsync));
        var inserted = await bulk.InsertNewAsync(StateName, built.Select(b => new KeyValuePair<GrainId, JobState>(b.Grain, b.State)).ToList());
        var first = new HashSet<GrainId>();
        return await Task.WhenAll(jobs.Select(async (job, i) => inserted.Contains(built[i].Grain) && first.Add(built[i].Grain)
            ? new JobImportResult(true, built[i].Entry, ShardRouting.ShardOf(job.Id, _options.ShardCount))
            : await GrainFactory.GetGrain<IJobGrain>(job.Id).ImportEncodedAsync(job.Posting, job.Embedding, job.ExtractedSkills, job.SkillModel)));
    }

    private async Task<(GrainId Grain, JobState State, ShardEntry Entry)> BuildAsync(JobImportItem job)
    {
        var state = new JobState();
        var skills = Task.FromResult<SkillExtractResponse[]>([new SkillExtractResponse([], job.ExtractedSkills, job.SkillModel, 0, false, null)]);
        var entry = await JobStateBuilder.FillAsync(state, job.Id, job.Posting, job.Embedding, skills, GrainFactory, _models, _titles);
        return (GrainFactory.GetGrain<IJobGrain>(job.Id).GetGrainId(), state, entry);
    }

    private async Task<JobImportResult> ImportOneAsync(JobImportItem job)
    {
        var (grainId, state, entry) = await BuildAsync(job);
        try
        {
            await _storage!.WriteStateAsync(StateName, grainId, new GrainState<JobState>(state)); // no ETag: insert only
            return new JobImportResult(true, entry, ShardRouting.ShardOf(job.Id, _options.ShardCount));
        }
        catch (InconsistentStateException)
        {
            return await GrainFactory.GetGrain<IJobGrain>(job.Id).ImportEncodedAsync(job.Posting, job.Embedding, job.ExtractedSkills, job.SkillModel); // stored already: replace it
        }
    }
}
