using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using JobRec.Contracts;
using JobRec.Contracts.Catalog;
using JobRec.Contracts.Indexing;
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

/// <summary>The import sink that writes into a silo's grains (embedded or through the client SDK): jobs and users are encoded in chunks of
/// 64 by the inference pool (one queue, see <see cref="Inference.MicroBatcher{TItem,TResult}"/>), jobs are stored a chunk per call by the
/// import grain (<see cref="IJobImportGrain"/>: new jobs without activating their grains) and their shard entries sent one call per shard per chunk, interactions land on users, counters and co-interactions on jobs, popularity on the
/// popularity grain. Backpressure: encode calls and chunk writes pass <see cref="AdaptiveConcurrency"/> gates; timed-out calls are retried.</summary>
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
    private readonly AdaptiveConcurrency _encodeGate;
    private readonly AdaptiveConcurrency _writeGate;
    private readonly AdaptiveConcurrency _skillGate;
    private long _retries;
    private long _jobsImported;
    private long _usersImported;

    /// <summary>Creates a sink over a grain factory. <paramref name="parallelism"/> bounds the chunks of 64 items in flight and concurrent
    /// grain calls; encode calls and chunk writes each pass an <see cref="AdaptiveConcurrency"/> gate aiming at
    /// <paramref name="targetLatency"/> per call (default 5 s, well inside Orleans' 30 s call timeout), so a slow encoder or shard slows
    /// the import instead of timing it out. Timed-out calls are retried (<see cref="IngestRetry"/>): every call here is idempotent.</summary>
    public GrainIngestSink(IGrainFactory grains, int parallelism = 32, TimeSpan? targetLatency = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _grains = grains;
        _parallelism = parallelism;
        var target = targetLatency ?? TimeSpan.FromSeconds(5);
        _encodeGate = new AdaptiveConcurrency(1, parallelism, target);
        _writeGate = new AdaptiveConcurrency(Math.Min(4, parallelism), parallelism, target);
        _skillGate = new AdaptiveConcurrency(1, parallelism, target);
    }

    /// <summary>Interactions skipped because their job was never imported.</summary>
    public long InteractionsWithUnknownJob { get; private set; }

    /// <summary>Calls retried after a timeout or an unreachable silo so far.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Jobs written (new or replaced) so far.</summary>
    public long JobsImported => Interlocked.Read(ref _jobsImported);

    /// <summary>Users written (new or replaced) so far.</summary>
    public long UsersImported => Interlocked.Read(ref _usersImported);

    /// <summary>Encode calls of 64 texts the inference pool is now given at once, and the most it was given.</summary>
    public (int Now, int Peak) EncodeConcurrency => (_encodeGate.Limit, _encodeGate.PeakInFlight);

    /// <inheritdoc />
    public async ValueTask<int> UpsertJobsAsync(IReadOnlyList<JobPosting> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var inputs = jobs.Select(DomainMapping.ToInput).ToArray();
        var created = 0;
        // Chunk by chunk: encode (one pool call), write each job's state (its grain), then one call per shard with the chunk's entries.
        await Parallel.ForEachAsync(Chunks(inputs.Length), Options(cancellationToken), async (range, token) =>
        {
            var chunk = inputs[range];
            var embeddings = await EncodeAsync(chunk.Select(JobText.Of).ToList(), token).ConfigureAwait(false);
            var skills = await ExtractSkillsAsync(chunk.Select(JobText.ForSkills).ToList(), token).ConfigureAwait(false);
            var n = await _writeGate.RunAsync(async () =>
            {
                // One call per chunk: the import grain stores new jobs without activating their grains (an activation per job was most of
                // the import's CPU); jobs stored already go through their grains there.
                var items = chunk.Select((input, i) => new JobImportItem(jobs[range.Start.Value + i].Id, input, embeddings[i], SkillsOf(skills, i), skills?[i].Model ?? "")).ToList();
                var results = await Retry(() => _grains.GetGrain<IJobImportGrain>(0).ImportAsync(items), token).ConfigureAwait(false);
                await Task.WhenAll(results.GroupBy(r => r.Shard).Select(g => Retry(async () =>
                {
                    await _grains.GetGrain<IIndexShardGrain>(ShardRouting.KeyOf(g.Key)).UpsertAsync(g.Select(r => r.Entry).ToList()).ConfigureAwait(false);
                    return true;
                }, token))).ConfigureAwait(false);
                return results.Count(r => r.Created);
            }, token).ConfigureAwait(false);
            Interlocked.Add(ref created, n);
            Interlocked.Add(ref _jobsImported, chunk.Length);
        }).ConfigureAwait(false);
        return created;
    }

    /// <inheritdoc />
    public async ValueTask<int> UpsertUsersAsync(IReadOnlyList<UserProfile> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(users);
        var inputs = users.Select(DomainMapping.ToInput).ToArray();
        var created = 0;
        await Parallel.ForEachAsync(Chunks(inputs.Length), Options(cancellationToken), async (range, token) =>
        {
            var chunk = inputs[range];
            var embeddings = await EncodeAsync(chunk.Select(JobText.Of).ToList(), token).ConfigureAwait(false);
            var skills = await ExtractSkillsAsync(chunk.Select(u => u.ResumeText).ToList(), token).ConfigureAwait(false);
            var n = await _writeGate.RunAsync(async () =>
            {
                var existed = await Task.WhenAll(chunk.Select(async (input, i) =>
                {
                    var grain = _grains.GetGrain<IUserGrain>(users[range.Start.Value + i].Id);
                    var before = await Retry(() => grain.GetAsync(), token).ConfigureAwait(false);
                    await Retry(() => skills is null
                        ? grain.UpsertEncodedAsync(input, embeddings[i])
                        : grain.UpsertPreparedAsync(input, embeddings[i], SkillsOf(skills, i)), token).ConfigureAwait(false);
                    return before is not null;
                })).ConfigureAwait(false);
                return existed.Count(e => !e);
            }, token).ConfigureAwait(false);
            Interlocked.Add(ref created, n);
            Interlocked.Add(ref _usersImported, chunk.Length);
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

    /// <summary>Encodes one chunk in the inference pool through the encode gate (retried when it times out: encoding is pure).</summary>
    private Task<float[][]> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        Retry(() => _encodeGate.RunAsync(() => _grains.GetGrain<IInferenceWorkerGrain>("0").EncodeAsync(texts), cancellationToken), cancellationToken);

    private Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        IngestRetry.RunAsync(call, () => Interlocked.Increment(ref _retries), cancellationToken);

    private static IEnumerable<Range> Chunks(int count)
    {
        for (var start = 0; start < count; start += EncodeChunk)
        {
            yield return new Range(start, Math.Min(count, start + EncodeChunk));
        }
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
            async (c, token) => results[c] = await Retry(() => _skillGate.RunAsync(() => worker.ExtractImportSkillsAsync(chunks[c]), token), token).ConfigureAwait(false))
            .ConfigureAwait(false);
        var all = results.SelectMany(r => r).ToArray();
        return all.Length == texts.Count ? all : null; // the silo turned import extraction off meanwhile
    }

    /// <summary>The skills extracted for item <paramref name="i"/> (none when the silo extracts none at import), at most <see cref="ContractLimits.MaxSkills"/>.</summary>
    private static IReadOnlyList<string> SkillsOf(SkillExtractResponse[]? skills, int i) =>
        skills is null ? [] : skills[i].Skills.Count <= ContractLimits.MaxSkills ? skills[i].Skills : [.. skills[i].Skills.Take(ContractLimits.MaxSkills)];

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken };
}
