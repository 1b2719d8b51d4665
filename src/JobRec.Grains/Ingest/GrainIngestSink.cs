using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts.Catalog;
using JobRec.Contracts.Inference;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Recommendations;
using JobRec.Contracts.Skills;
using JobRec.Contracts.Users;
using JobRec.Data.Import;
using JobRec.Data.Model;
using InteractionKind = JobRec.Contracts.Interactions.InteractionKind;
using JobRec.Grains.Jobs;
using JobRec.Grains.Recommendations;

namespace JobRec.Grains.Ingest;

/// <summary>The import sink that writes into a silo's grains (embedded or through the client SDK): jobs and users are encoded in batches by the inference pool, interactions land on users, counters and co-interactions on jobs, popularity on the popularity grain.</summary>
public sealed class GrainIngestSink : IIngestSink
{
    private const int EncodeChunk = 64;
    private const int CoInteractionWindow = 3;
    // Skill extraction: characters per call (about 1,300 words, a second or two of the tagger on two CPU cores, far from the grain call
    // timeout) and calls in flight (two keep the silo's batcher busy without queueing a backlog behind the timeout).
    private const int SkillCallCharacters = 8_000;
    private const int SkillParallelism = 2;
    private SkillModelInfo? _skillModel;
    private readonly IGrainFactory _grains;
    private readonly int _parallelism;

    /// <summary>Creates a sink over a grain factory; <paramref name="parallelism"/> bounds concurrent grain calls.</summary>
    public GrainIngestSink(IGrainFactory grains, int parallelism = 32)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _grains = grains;
        _parallelism = parallelism;
    }

    /// <summary>Interactions skipped because their job was never imported.</summary>
    public long InteractionsWithUnknownJob { get; private set; }

    /// <inheritdoc />
    public async ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var inputs = jobs.Select(DomainMapping.ToInput).ToList();
        var embeddings = await EncodeAsync(inputs.Select(JobText.Of).ToList(), cancellationToken).ConfigureAwait(false);
        var skills = await ExtractSkillsAsync(inputs.Select(JobText.ForSkills).ToList(), cancellationToken).ConfigureAwait(false);
        var created = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count), Options(cancellationToken), async (i, _) =>
        {
            var grain = _grains.GetGrain<IJobGrain>(jobs[i].Id);
            var existed = await grain.GetSummaryAsync().ConfigureAwait(false) is not null;
            await (skills is null
                ? grain.UpsertEncodedAsync(inputs[i], embeddings[i])
                : grain.UpsertPreparedAsync(inputs[i], embeddings[i], skills[i].Skills, skills[i].Model)).ConfigureAwait(false);
            if (!existed)
            {
                Interlocked.Increment(ref created);
            }
        }).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public async ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var inputs = users.Select(DomainMapping.ToInput).ToList();
        var embeddings = await EncodeAsync(inputs.Select(JobText.Of).ToList(), cancellationToken).ConfigureAwait(false);
        var skills = await ExtractSkillsAsync(inputs.Select(u => u.ResumeText).ToList(), cancellationToken).ConfigureAwait(false);
        var created = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), Options(cancellationToken), async (i, _) =>
        {
            var grain = _grains.GetGrain<IUserGrain>(users[i].Id);
            var existed = await grain.GetAsync().ConfigureAwait(false) is not null;
            await (skills is null
                ? grain.UpsertEncodedAsync(inputs[i], embeddings[i])
                : grain.UpsertPreparedAsync(inputs[i], embeddings[i], skills[i].Skills)).ConfigureAwait(false);
            if (!existed)
            {
                Interlocked.Increment(ref created);
            }
        }).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public async ValueTask<int> AddInteractionsAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var byUser = interactions.GroupBy(i => i.UserId).ToList();
        var added = new List<InteractionRecord>[byUser.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, byUser.Count), Options(cancellationToken), async (u, _) =>
        {
            added[u] = (await _grains.GetGrain<IUserGrain>(byUser[u].Key)
                .ImportInteractionsAsync(byUser[u].Select(DomainMapping.ToRecord).ToList()).ConfigureAwait(false)).ToList();
        }).ConfigureAwait(false);

        // Job counters, co-interactions (each job with the user's previous few distinct jobs, both ways) and popularity from the new ones only.
        var stats = new Dictionary<string, (long Views, long Saves, long Applies, Dictionary<string, int> Co)>();
        var popularity = new Dictionary<string, float>();
        foreach (var records in added)
        {
            var recent = new List<string>();
            foreach (var r in records.OrderBy(r => r.Time))
            {
                var s = stats.TryGetValue(r.JobId, out var existing) ? existing : (0, 0, 0, new Dictionary<string, int>());
                s = r.Kind switch
                {
                    InteractionKind.Apply => s with { Applies = s.Applies + 1 },
                    InteractionKind.Save => s with { Saves = s.Saves + 1 },
                    _ => s with { Views = s.Views + 1 },
                };
                stats[r.JobId] = s;
                popularity[r.JobId] = popularity.GetValueOrDefault(r.JobId) + r.Kind switch { InteractionKind.Apply => 3f, InteractionKind.Save => 2f, _ => 1f };
                if (!recent.Contains(r.JobId))
                {
                    foreach (var other in recent)
                    {
                        s.Co[other] = s.Co.GetValueOrDefault(other) + 1;
                        var o = stats[other];
                        o.Co[r.JobId] = o.Co.GetValueOrDefault(r.JobId) + 1;
                    }

                    recent.Add(r.JobId);
                    if (recent.Count > CoInteractionWindow)
                    {
                        recent.RemoveAt(0);
                    }
                }
            }
        }

        long unknown = 0;
        await Parallel.ForEachAsync(stats, Options(cancellationToken), async (pair, _) =>
        {
            try
            {
                await _grains.GetGrain<IJobGrain>(pair.Key).ImportStatisticsAsync(
                    new JobStatistics(pair.Value.Views, pair.Value.Saves, pair.Value.Applies, pair.Value.Co)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is KeyNotFoundException)
            {
                Interlocked.Add(ref unknown, pair.Value.Views + pair.Value.Saves + pair.Value.Applies);
            }
        }).ConfigureAwait(false);
        InteractionsWithUnknownJob += unknown;
        if (popularity.Count > 0)
        {
            await _grains.GetGrain<IPopularityGrain>(PopularityGrain.GlobalKey).AddAsync(popularity).ConfigureAwait(false);
        }

        return added.Sum(a => a.Count);
    }

    /// <inheritdoc />
    public async ValueTask<int> UpsertOccupationsAsync(IReadOnlyList<Occupation> occupations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(occupations);
        var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var o in occupations.Where(o => !string.IsNullOrWhiteSpace(o.Code)))
        {
            entries[o.Code] = o.Title;
        }

        return await _grains.GetGrain<ICatalogGrain>(CatalogKeys.Occupations).UpsertAsync(entries).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> UpsertSkillsAsync(IReadOnlyList<Skill> skills, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in skills.Where(s => !string.IsNullOrWhiteSpace(s.Name)))
        {
            entries[s.Name] = s.Source;
        }

        return await _grains.GetGrain<ICatalogGrain>(CatalogKeys.Skills).UpsertAsync(entries).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask; // every grain call writes through

    private async Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var chunks = texts.Chunk(EncodeChunk).ToList();
        var results = new float[chunks.Count][][];
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), Options(cancellationToken), async (c, _) =>
        {
            results[c] = await _grains.GetGrain<IInferenceWorkerGrain>("0").EncodeAsync(chunks[c]).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return results.SelectMany(r => r).ToArray();
    }

    /// <summary>Skills of each text through the inference pool as the silo extracts them at import (<see cref="SkillModelInfo.ImportModel"/>,
    /// first <see cref="SkillModelInfo.ImportCharacters"/> characters); null when the silo extracts none at import.</summary>
    private async Task<SkillExtractResponse[]?> ExtractSkillsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var worker = _grains.GetGrain<IInferenceWorkerGrain>("0");
        _skillModel ??= await worker.GetSkillModelAsync().ConfigureAwait(false);
        var characters = _skillModel.ImportCharacters;
        if (characters <= 0 || _skillModel.ImportModel == "off" || texts.Count == 0)
        {
            return null;
        }

        var chunks = new List<string[]>();
        var chunk = new List<string>();
        var size = 0;
        foreach (var text in texts)
        {
            var n = Math.Min(text?.Length ?? 0, characters);
            if (chunk.Count > 0 && size + n > SkillCallCharacters)
            {
                chunks.Add([.. chunk]);
                chunk.Clear();
                size = 0;
            }

            chunk.Add(text ?? "");
            size += n;
        }

        chunks.Add([.. chunk]);
        var results = new SkillExtractResponse[chunks.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks.Count), new ParallelOptions { MaxDegreeOfParallelism = SkillParallelism, CancellationToken = cancellationToken },
            async (c, _) => results[c] = await worker.ExtractImportSkillsAsync(chunks[c]).ConfigureAwait(false)).ConfigureAwait(false);
        var all = results.SelectMany(r => r).ToArray();
        return all.Length == texts.Count ? all : null; // the silo turned import extraction off meanwhile
    }

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
}
