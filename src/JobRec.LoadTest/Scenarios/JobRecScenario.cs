using System.Globalization;
using JobRec.Contracts.Interactions;
using JobRec.Contracts.Jobs;
using JobRec.Contracts.Users;
using JobRec.LoadTest.Targets;

namespace JobRec.LoadTest.Scenarios;

/// <summary>The JobRec workload: recommend, search, record interaction, add/close job and update profile over a seeded population of lt-job-N / lt-user-N ids.</summary>
public sealed class JobRecScenario
{
    /// <summary>The default operation mix.</summary>
    public const string DefaultMix = "recommend=50,search=25,interaction=15,add_job=4,close_job=1,update_profile=5";

    private static readonly string[] Titles = ["software engineer", "data scientist", "registered nurse", "truck driver", "accountant", "sales manager", "electrician", "teacher", "graphic designer", "warehouse associate"];
    private static readonly string[] Skills = ["python", "sql", "c#", "patient care", "forklift", "excel", "negotiation", "wiring", "lesson planning", "photoshop"];
    private static readonly string[] Cities = ["Austin", "Boston", "Chicago", "Denver", "Seattle"];

    private readonly IJobRecTarget _target;
    private readonly int _jobs;
    private readonly int _users;
    private const int MaxTrackedAddedJobs = 1_000_000;
    private readonly List<long> _addedJobs = new(); // added jobs not yet closed; guarded by itself
    private long _nextJob;

    /// <summary>Creates the workload over <paramref name="jobs"/> seeded jobs and <paramref name="users"/> seeded users.</summary>
    public JobRecScenario(IJobRecTarget target, int jobs, int users)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        _target = target;
        _jobs = jobs;
        _users = users;
        _nextJob = jobs;
    }

    /// <summary>Creates the seeded jobs and users through the target with bounded parallelism (calls spread over every gateway of an SDK target);
    /// when <paramref name="log"/> is given it prints progress about every 10% and a rate line per kind ("seed: jobs=N seconds=X per_s=Y").</summary>
    public async Task SeedAsync(int parallelism, CancellationToken cancellationToken, TextWriter? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        await SeedKindAsync("jobs", _jobs, parallelism, (i, ct) => _target.PutJobAsync(JobId(i), Job(i), ct), log, cancellationToken).ConfigureAwait(false);
        await SeedKindAsync("users", _users, parallelism, (i, ct) => _target.PutUserAsync(UserId(i), User(i), ct), log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds the weighted scenario from a mix; names not in the workload are rejected, zero weights drop an operation.</summary>
    public WeightedScenario Build(IReadOnlyDictionary<string, double> mix)
    {
        var available = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.Ordinal)
        {
            ["recommend"] = ct => _target.RecommendAsync(UserId(Random.Shared.Next(_users)), 20, ct),
            ["search"] = ct => _target.SearchAsync($"{Titles[Random.Shared.Next(Titles.Length)]} {Skills[Random.Shared.Next(Skills.Length)]}", 20, ct),
            ["interaction"] = ct => _target.RecordInteractionAsync(
                UserId(Random.Shared.Next(_users)),
                new InteractionInput(JobId(Random.Shared.Next(_jobs)), (InteractionKind)Random.Shared.Next(3)),
                ct),
            ["add_job"] = async ct =>
            {
                var i = Interlocked.Increment(ref _nextJob);
                await _target.PutJobAsync(JobId(i), Job(i), ct).ConfigureAwait(false);
                lock (_addedJobs)
                {
                    if (_addedJobs.Count < MaxTrackedAddedJobs)
                    {
                        _addedJobs.Add(i);
                    }
                }
            },
            ["close_job"] = ct => _target.CloseJobAsync(JobId(NextJobToClose()), ct),
            ["update_profile"] = ct =>
            {
                var i = Random.Shared.Next(_users);
                return _target.PutUserAsync(UserId(i), User(i + Random.Shared.Next(1000)), ct);
            },
        };
        var ops = new List<LoadOperation>();
        foreach (var (name, weight) in mix)
        {
            if (!available.TryGetValue(name, out var call))
            {
                throw new ArgumentException($"Unknown operation '{name}' in the mix; known: {string.Join(", ", available.Keys)}.", nameof(mix));
            }

            if (weight > 0)
            {
                ops.Add(new LoadOperation(name, weight, call));
            }
        }

        return new WeightedScenario(ops);
    }

    /// <summary>A job created by add_job whose put has completed and that was not closed yet (each is closed once), else a random seeded job,
    /// so close_job never names a job that does not exist.</summary>
    private long NextJobToClose()
    {
        lock (_addedJobs)
        {
            if (_addedJobs.Count == 0)
            {
                return Random.Shared.Next(_jobs);
            }

            var pick = Random.Shared.Next(_addedJobs.Count);
            var id = _addedJobs[pick];
            _addedJobs[pick] = _addedJobs[^1];
            _addedJobs.RemoveAt(_addedJobs.Count - 1);
            return id;
        }
    }

    /// <summary>Id of the i-th load-test job.</summary>
    public static string JobId(long i) => "lt-job-" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Id of the i-th load-test user.</summary>
    public static string UserId(long i) => "lt-user-" + i.ToString(CultureInfo.InvariantCulture);

    private static async Task SeedKindAsync(string kind, int count, int parallelism, Func<int, CancellationToken, Task> put, TextWriter? log, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var step = Math.Max(1, count / 10);
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, count, options, async (i, ct) =>
        {
            await put(i, ct).ConfigureAwait(false);
            var n = Interlocked.Increment(ref done);
            if (log is not null && n % step == 0 && n < count)
            {
                log.WriteLine(FormattableString.Invariant($"seed: {kind} {n}/{count} ({n / Math.Max(0.001, clock.Elapsed.TotalSeconds):0}/s)"));
            }
        }).ConfigureAwait(false);
        log?.WriteLine(FormattableString.Invariant($"seed: {kind}={count} seconds={clock.Elapsed.TotalSeconds:0.0} per_s={count / Math.Max(0.001, clock.Elapsed.TotalSeconds):0}"));
    }

    private static JobInput Job(long i) => new()
    {
        Title = Titles[i % Titles.Length],
        Company = "Loadtest Co " + (i % 97).ToString(CultureInfo.InvariantCulture),
        Location = Cities[i % Cities.Length],
        Region = "US",
        Description = $"We are hiring a {Titles[i % Titles.Length]} with {Skills[i % Skills.Length]} and {Skills[(i / 3) % Skills.Length]} experience.",
        Skills = [Skills[i % Skills.Length], Skills[(i / 3) % Skills.Length]],
        Remote = i % 4 == 0,
        Source = "loadtest",
    };

    private static UserInput User(long i) => new()
    {
        ResumeText = $"Experienced {Titles[(i + 1) % Titles.Length]} skilled in {Skills[i % Skills.Length]}.",
        Location = Cities[i % Cities.Length],
        Region = "US",
        Skills = [Skills[i % Skills.Length]],
        DesiredTitles = [Titles[(i + 1) % Titles.Length]],
        WantsRemote = i % 3 == 0,
        Source = "loadtest",
    };
}
