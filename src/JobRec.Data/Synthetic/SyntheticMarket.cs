using System.Numerics;
using System.Text;
using JobRec.Data.Model;
using JobRec.Data.Regions;
using JobRec.Data.Synthetic.Taxonomy;

namespace JobRec.Data.Synthetic;

/// <summary>
/// A deterministic synthetic job market: jobs, users with resumes and hidden preferences, and interactions (view, then
/// save/apply) drawn from a hidden utility (occupation affinity, skill match, location, level, job quality) plus noise.
/// Interactions before <see cref="TrainEnd"/> are the train period; later ones are the held-out ground truth.
/// Every entity is computed from (seed, index) alone, so all streams are reproducible and bounded in memory
/// (the only table kept is a compact array of job attributes, about 32 bytes per job, built on first use by interactions).
/// </summary>
public sealed class SyntheticMarket
{
    private const ulong JobStream = 1, UserStream = 2, InteractionStream = 4;
    private static readonly double[] LevelShares = [0.04, 0.24, 0.24, 0.34, 0.10, 0.04];
    private static readonly decimal[] LevelPay = [0.45m, 0.72m, 0.88m, 1.12m, 1.45m, 1.9m];
    private static readonly string[] Perks =
    [
        "We offer medical, dental and vision coverage and a 401(k) match.",
        "Paid time off, tuition assistance and a supportive team.",
        "Flexible schedules and opportunities to grow into leadership.",
        "Join a team that values safety, quality and customer focus.",
        "Competitive pay, weekly paychecks and referral bonuses.",
        "We invest in training and certifications for every employee.",
    ];

    private readonly IReadOnlyList<SyntheticOccupation> _occupations = BuiltinTaxonomy.Occupations;
    private readonly WeightedChoice _occupationChoice;
    private readonly WeightedChoice _cityChoice;
    private readonly WeightedChoice _levelChoice = new(LevelShares);
    private readonly WeightedChoice _companyChoice;
    private readonly int[][] _sameGroup;
    private readonly int[] _groupOf;
    private readonly int[] _stateOf = UsCity.All.Select(c => UsState.All.ToList().FindIndex(st => st.Code == c.State)).ToArray();
    private readonly Lazy<JobTable> _jobTable;

    private SyntheticMarket(SyntheticMarketOptions options)
    {
        Options = options;
        CompanyCount = options.Companies > 0 ? options.Companies : Math.Max(20, options.Jobs / 25);
        _occupationChoice = new WeightedChoice(_occupations.Select(o => o.Weight));
        _cityChoice = new WeightedChoice(UsCity.All.Select(c => c.Weight));
        _companyChoice = new WeightedChoice(Enumerable.Range(1, CompanyCount).Select(i => 1.0 / Math.Pow(i, 0.8)));
        _sameGroup = _occupations.Select(o => _occupations.Where(p => p.MajorGroup == o.MajorGroup && p.Index != o.Index).Select(p => p.Index).ToArray()).ToArray();
        _groupOf = _occupations.Select(o => int.Parse(o.MajorGroup, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        _jobTable = new Lazy<JobTable>(BuildJobTable, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates the market described by <paramref name="options"/>; nothing is generated until a stream is read.</summary>
    public static SyntheticMarket Generate(SyntheticMarketOptions options)
    {
        options.Validate();
        return new SyntheticMarket(options);
    }

    /// <summary>The options the market was generated with.</summary>
    public SyntheticMarketOptions Options { get; }

    /// <summary>Number of companies.</summary>
    public int CompanyCount { get; }

    /// <summary>End of the train period and start of the held-out future period.</summary>
    public DateTimeOffset TrainEnd => Options.Start.AddDays(Options.TrainDays);

    /// <summary>End of the future period.</summary>
    public DateTimeOffset End => TrainEnd.AddDays(Options.FutureDays);

    /// <summary>The id of job <paramref name="index"/>: "syn:j" + index.</summary>
    public static string JobId(int index) => "syn:j" + index;

    /// <summary>The id of user <paramref name="index"/>: "syn:u" + index.</summary>
    public static string UserId(int index) => "syn:u" + index;

    /// <summary>The taxonomy's occupations.</summary>
    public IEnumerable<Occupation> Occupations() => _occupations.Select(o => o.ToOccupation());

    /// <summary>All jobs in index order.</summary>
    public IEnumerable<JobPosting> Jobs()
    {
        for (var i = 0; i < Options.Jobs; i++) yield return Job(i);
    }

    /// <summary>All users in index order.</summary>
    public IEnumerable<UserProfile> Users()
    {
        for (var i = 0; i < Options.Users; i++) yield return User(i);
    }

    /// <summary>Interactions of the train period, user by user, each user's in time order.</summary>
    public IEnumerable<Interaction> TrainInteractions() => AllInteractions(future: false);

    /// <summary>Interactions of the held-out future period (the ground truth), user by user, each user's in time order.</summary>
    public IEnumerable<Interaction> FutureInteractions() => AllInteractions(future: true);

    private IEnumerable<Interaction> AllInteractions(bool future)
    {
        // Blocks of users are generated ahead on the thread pool (at most 2 per core in flight) and yielded in user order.
        const int block = 256;
        var ahead = 2 * Math.Max(1, Environment.ProcessorCount);
        var pending = new Queue<Task<List<Interaction>>>();
        var next = 0;
        while (next < Options.Users || pending.Count > 0)
        {
            while (pending.Count < ahead && next < Options.Users)
            {
                var (from, to) = (next, Math.Min(Options.Users, next + block));
                next = to;
                pending.Enqueue(Task.Run(() => Block(from, to, future)));
            }
            foreach (var i in pending.Dequeue().GetAwaiter().GetResult()) yield return i;
        }
    }

    private List<Interaction> Block(int from, int to, bool future)
    {
        var end = TrainEnd;
        var list = new List<Interaction>();
        for (var u = from; u < to; u++)
        {
            foreach (var i in InteractionsOf(u))
            {
                if ((i.Time >= end) == future) list.Add(i);
            }
        }
        return list;
    }

    /// <summary>Job <paramref name="index"/>.</summary>
    public JobPosting Job(int index)
    {
        var r = new DeterministicRandom(Options.Seed, JobStream, (ulong)index);
        var s = SampleJob(ref r);
        var occupation = _occupations[s.Occupation];
        var city = UsCity.All[s.City];
        var company = SyntheticCompanies.Name(Options.Seed, s.Company);
        var title = LevelTitle(occupation.Variants[r.Next(occupation.Variants.Count)], s.Level, ref r);
        var skills = SkillNames(occupation, s.SkillMask);
        var pay = occupation.MedianSalary * LevelPay[s.Level] * (decimal)city.CostIndex * (decimal)(0.9 + 0.2 * r.NextDouble());
        var min = Math.Round(pay * 0.88m / 1000m) * 1000m;
        var max = Math.Round(pay * 1.12m / 1000m) * 1000m;
        var employment = s.Level == 0 ? "internship" : r.NextDouble() switch { < 0.80 => "full-time", < 0.88 => "part-time", < 0.96 => "contract", _ => "temporary" };
        var years = s.Level switch { 0 => 0, 1 => 0, 2 => 2, 3 => 5, 4 => 8, _ => 12 };
        var text = new StringBuilder(512)
            .Append(company).Append(" is hiring a ").Append(title).Append(" in ").Append(city.Location)
            .Append(s.Remote ? " (remote friendly)" : "").Append(". In this role you will ").Append(occupation.Duties).Append(". ")
            .Append(years == 0 ? "No prior experience is required; " : $"We are looking for {years}+ years of experience; ")
            .Append("you bring skills in ").Append(string.Join(", ", skills)).Append(". ")
            .Append(Perks[r.Next(Perks.Length)])
            .Append($" Pay: ${min:N0} - ${max:N0} per year.");
        return new JobPosting(JobId(index), title, company, city.Location, text.ToString())
        {
            Region = city.State,
            Skills = skills,
            Level = BuiltinTaxonomy.Levels[s.Level],
            EmploymentType = employment,
            Remote = s.Remote,
            SalaryMin = min,
            SalaryMax = max,
            OnetCode = occupation.Code,
            PostedAt = Options.Start.AddDays(s.PostedDay).AddMinutes(r.Next(8 * 60, 18 * 60)),
            ClosesAt = Options.Start.AddDays(s.ClosesDay),
            Source = "synthetic",
        };
    }

    /// <summary>User <paramref name="index"/>, with a resume written from their latent profile.</summary>
    public UserProfile User(int index)
    {
        var r = new DeterministicRandom(Options.Seed, UserStream, (ulong)index);
        var s = SampleUser(ref r);
        var primary = _occupations[s.Primary];
        var secondary = _occupations[s.Secondary];
        var city = UsCity.All[s.City];
        var current = LevelTitle(primary.Variants[r.Next(primary.Variants.Count)], s.Level, ref r);
        var earlier = LevelTitle(secondary.Variants[r.Next(secondary.Variants.Count)], Math.Max(1, s.Level - 1), ref r);
        var desired = LevelTitle(primary.Variants[r.Next(primary.Variants.Count)], Math.Min(5, s.Level + (r.Chance(0.3) ? 1 : 0)), ref r);
        var skills = SkillNames(primary, s.PrimaryMask).Concat(SkillNames(secondary, s.SecondaryMask)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var employer = SyntheticCompanies.Name(Options.Seed, _companyChoice.Pick(ref r));
        var previous = SyntheticCompanies.Name(Options.Seed, _companyChoice.Pick(ref r));
        var since = Options.Start.Year - (int)Math.Ceiling(s.Years * 0.6);
        var resume = new StringBuilder(512)
            .Append(current).Append(" with ").Append(s.Years.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" years of experience, based in ").Append(city.Location).Append(". ")
            .Append("Skills: ").Append(string.Join(", ", skills)).Append(". ")
            .Append("Experience: ").Append(current).Append(" at ").Append(employer).Append($" ({since}-present), where I ").Append(primary.Duties).Append("; ")
            .Append(earlier).Append(" at ").Append(previous).Append(", where I ").Append(secondary.Duties).Append(". ")
            .Append("Looking for ").Append(desired).Append(" roles").Append(s.WantsRemote ? ", remote preferred." : ".");
        return new UserProfile(UserId(index), resume.ToString(), city.Location)
        {
            Region = city.State,
            PastTitles = [current, earlier],
            DesiredTitles = [desired],
            Skills = skills,
            YearsExperience = Math.Round(s.Years, 1),
            WantsRemote = s.WantsRemote,
            Source = "synthetic",
        };
    }

    /// <summary>All interactions of user <paramref name="index"/> over both periods, in time order.</summary>
    public IReadOnlyList<Interaction> InteractionsOf(int index)
    {
        var table = _jobTable.Value;
        var ur = new DeterministicRandom(Options.Seed, UserStream, (ulong)index);
        var user = SampleUser(ref ur);
        var r = new DeterministicRandom(Options.Seed, InteractionStream, (ulong)index);
        var userId = UserId(index);
        var days = Options.TrainDays + Options.FutureDays;
        var sessions = r.NextPoisson(Options.ViewsPerUser / 2.5 * user.Activity);
        var noise = 0.25 + 3.0 * Options.Noise;
        var events = new List<Interaction>();
        var seen = new HashSet<int>();
        var candidates = new List<(int Job, double Utility, double Score)>(48);
        var inSession = new HashSet<int>();
        for (var session = 0; session < sessions; session++)
        {
            var day = r.Next(days);
            candidates.Clear();
            inSession.Clear();
            for (var c = 0; c < 40; c++)
            {
                var pick = r.NextDouble();
                var bucket = pick < 0.45 ? table.ByOccupation[user.Primary]
                    : pick < 0.65 ? table.ByOccupation[user.Secondary]
                    : pick < 0.85 ? table.ByCity[user.City]
                    : null;
                var job = -1;
                for (var attempt = 0; attempt < 4 && job < 0; attempt++)
                {
                    var j = bucket is null ? r.Next(table.Jobs.Length) : bucket.Length == 0 ? -1 : bucket[r.Next(bucket.Length)];
                    if (j >= 0 && table.Jobs[j].AliveOn(day) && !seen.Contains(j)) job = j;
                }
                if (job < 0 || !inSession.Add(job)) continue;
                var utility = Utility(user, table.Jobs[job]);
                candidates.Add((job, utility, utility + noise * r.NextGumbel()));
            }
            if (candidates.Count == 0) continue;
            candidates.Sort((a, b) => b.Score.CompareTo(a.Score));
            var views = Math.Min(candidates.Count, 1 + r.NextPoisson(1.5));
            var time = Options.Start.AddDays(day).AddSeconds(r.Next(7 * 3600, 23 * 3600));
            for (var v = 0; v < views; v++)
            {
                var (job, utility, _) = candidates[v];
                seen.Add(job);
                var jobId = JobId(job);
                time = time.AddSeconds(r.Next(20, 600));
                events.Add(new Interaction(userId, jobId, InteractionKind.View, time));
                if (r.Chance(0.6 * Sigmoid(utility - 4.0)))
                    events.Add(new Interaction(userId, jobId, InteractionKind.Save, time.AddSeconds(r.Next(5, 120))));
                if (r.Chance(0.7 * Sigmoid(utility - 4.5)))
                    events.Add(new Interaction(userId, jobId, InteractionKind.Apply, time.AddSeconds(r.Next(120, 1800))));
            }
        }
        events.Sort((a, b) => a.Time.CompareTo(b.Time));
        return events;
    }

    private double Utility(in UserSkeleton user, in JobSkeleton job)
    {
        double occupation;
        ushort mask;
        if (job.Occupation == user.Primary) (occupation, mask) = (1.0, user.PrimaryMask);
        else if (job.Occupation == user.Secondary) (occupation, mask) = (0.6, user.SecondaryMask);
        else (occupation, mask) = (_groupOf[job.Occupation] == _groupOf[user.Primary] ? 0.3 : 0.0, (ushort)0);
        var jobSkills = BitOperations.PopCount(job.SkillMask);
        var skill = jobSkills == 0 ? 0 : (double)BitOperations.PopCount((uint)(job.SkillMask & mask)) / jobSkills;
        var location = job.City == user.City ? 1.0
            : _stateOf[job.City] == _stateOf[user.City] ? 0.5
            : job.Remote ? (user.WantsRemote ? 1.0 : 0.3)
            : -1.5 * (1 - user.Mobility);
        if (job.Remote && user.WantsRemote) location = Math.Max(location, 1.0);
        return 2.5 * occupation + 1.5 * skill + 1.5 * location - 0.6 * Math.Abs(job.Level - user.Level) + 1.0 * job.Quality;
    }

    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private JobSkeleton SampleJob(ref DeterministicRandom r)
    {
        var occupation = _occupationChoice.Pick(ref r);
        var city = _cityChoice.Pick(ref r);
        var level = _levelChoice.Pick(ref r);
        var remote = r.Chance(RemoteShare(_occupations[occupation].MajorGroup));
        var posted = r.Next(-28, Options.TrainDays + Options.FutureDays);
        var closes = posted + r.Next(21, 63);
        var quality = (float)r.NextGaussian();
        var company = _companyChoice.Pick(ref r);
        var mask = SkillMask(ref r, _occupations[occupation].Skills.Count, 0.7, 3);
        return new JobSkeleton(occupation, city, level, remote, posted, closes, quality, company, mask);
    }

    private UserSkeleton SampleUser(ref DeterministicRandom r)
    {
        var primary = _occupationChoice.Pick(ref r);
        var group = _sameGroup[primary];
        var secondary = group.Length > 0 && r.Chance(0.6) ? group[r.Next(group.Length)] : _occupationChoice.Pick(ref r);
        var city = _cityChoice.Pick(ref r);
        var years = Math.Pow(r.NextDouble(), 1.6) * 32;
        var level = years switch { < 0.7 => r.Chance(0.4) ? 0 : 1, < 4 => 2 - (r.Chance(0.3) ? 1 : 0), < 10 => 3, < 18 => r.Chance(0.7) ? 3 : 4, _ => r.Chance(0.3) ? 5 : 4 };
        var remote = r.Chance(RemoteShare(_occupations[primary].MajorGroup) * 1.2);
        var mobility = (float)(0.05 + 0.35 * r.NextDouble());
        var activity = (float)(0.3 + 1.4 * r.NextDouble());
        var primaryMask = SkillMask(ref r, _occupations[primary].Skills.Count, 0.75, 2);
        var secondaryMask = SkillMask(ref r, _occupations[secondary].Skills.Count, 0.35, 1);
        return new UserSkeleton(primary, secondary, city, level, years, remote, mobility, activity, primaryMask, secondaryMask);
    }

    private static ushort SkillMask(ref DeterministicRandom r, int count, double share, int minimum)
    {
        var mask = 0;
        for (var i = 0; i < Math.Min(count, 16); i++) if (r.Chance(share)) mask |= 1 << i;
        for (var i = 0; BitOperations.PopCount((uint)mask) < Math.Min(minimum, count); i++) mask |= 1 << r.Next(Math.Min(count, 16));
        return (ushort)mask;
    }

    private static IReadOnlyList<string> SkillNames(SyntheticOccupation occupation, ushort mask)
    {
        var names = new List<string>(BitOperations.PopCount(mask));
        for (var i = 0; i < occupation.Skills.Count && i < 16; i++) if ((mask & (1 << i)) != 0) names.Add(occupation.Skills[i]);
        return names;
    }

    private static double RemoteShare(string majorGroup) => majorGroup switch
    {
        "15" => 0.35,
        "13" or "27" or "11" or "41" => 0.15,
        "43" or "23" or "19" or "21" => 0.06,
        _ => 0.01,
    };

    private static string LevelTitle(string variant, int level, ref DeterministicRandom r) => level switch
    {
        0 => variant + " Intern",
        1 => r.Chance(0.5) ? "Junior " + variant : variant + " I",
        2 => r.Chance(0.5) ? variant : variant + " II",
        3 => "Senior " + variant,
        4 => r.Chance(0.5) ? "Lead " + variant : "Principal " + variant,
        _ => "Director, " + variant,
    };

    private JobTable BuildJobTable()
    {
        var jobs = new JobSkeleton[Options.Jobs];
        Parallel.For(0, jobs.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) }, i =>
        {
            var r = new DeterministicRandom(Options.Seed, JobStream, (ulong)i);
            jobs[i] = SampleJob(ref r);
        });
        var byOccupation = Group(jobs, _occupations.Count, j => j.Occupation);
        var byCity = Group(jobs, UsCity.All.Count, j => j.City);
        return new JobTable(jobs, byOccupation, byCity);
    }

    private static int[][] Group(JobSkeleton[] jobs, int groups, Func<JobSkeleton, int> key)
    {
        var counts = new int[groups];
        foreach (var j in jobs) counts[key(j)]++;
        var result = counts.Select(c => new int[c]).ToArray();
        Array.Clear(counts);
        for (var i = 0; i < jobs.Length; i++)
        {
            var k = key(jobs[i]);
            result[k][counts[k]++] = i;
        }
        return result;
    }

    private sealed record JobTable(JobSkeleton[] Jobs, int[][] ByOccupation, int[][] ByCity);
}
