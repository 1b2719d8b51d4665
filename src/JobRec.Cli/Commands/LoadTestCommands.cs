using System.CommandLine;
using JobRec.Client;
using JobRec.LoadTest.Reports;
using JobRec.LoadTest.Running;
using JobRec.LoadTest.Scenarios;
using JobRec.LoadTest.Targets;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the load-test concern: <c>jobrec loadtest</c>.</summary>
internal static class LoadTestCommands
{
    private const int MaxSeeded = 10_000_000;

    /// <summary>Adds loadtest under <paramref name="root"/>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        _ = bench;
        _ = evaluate;
        var target = new Option<string>("--target") { Description = "http://HOST:PORT (HTTP API) or silo:HOST:PORT[,HOST:PORT...] (client SDK; calls spread over the gateways listed)", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var mode = new ChoiceOption<LoadMode>("--mode", "closed (virtual users) or open (arrival rate)", "closed", ("closed", LoadMode.Closed), ("open", LoadMode.Open));
        var users = new Option<int>("--users") { Description = "Virtual users (closed loop)", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var think = new Option<int>("--think-ms") { Description = "Think time between a user's calls (closed loop)", DefaultValueFactory = _ => 0 }.AtLeast(0);
        var rate = new Option<double>("--rate") { Description = "Arrivals per second (open loop)", DefaultValueFactory = _ => 100 }.Positive();
        var seconds = CliOptions.Seconds(30, "Measured duration");
        var warmup = new Option<int>("--warmup-seconds") { Description = "Warm-up before measuring", DefaultValueFactory = _ => 5 }.AtLeast(0);
        var grace = new Option<int>("--grace-seconds") { Description = "Time in-flight calls get after the duration before they are cancelled", DefaultValueFactory = _ => 5 }.AtLeast(0);
        var mix = new Option<string>("--mix") { Description = "Operation weights", DefaultValueFactory = _ => JobRecScenario.DefaultMix };
        var seedJobs = new Option<int>("--seed-jobs") { Description = "lt-job-N postings created before the run", DefaultValueFactory = _ => 1000 }.Within(1, MaxSeeded);
        var seedUsers = new Option<int>("--seed-users") { Description = "lt-user-N profiles created before the run", DefaultValueFactory = _ => 200 }.Within(1, MaxSeeded);
        var seedParallelism = new Option<int>("--seed-parallelism") { Description = "Concurrent calls while seeding", DefaultValueFactory = _ => 256 }.Within(1, 1024);
        var noSeed = new Option<bool>("--no-seed") { Description = "Assume the lt-* jobs and users already exist" };
        var output = new Option<string>("--out") { Description = "Report folder (loadtest.json, loadtest.md, SVG plots)", DefaultValueFactory = _ => "loadtest-report" };
        var sloP99 = new Option<double?>("--slo-p99-ms") { Description = "Exit 2 when the overall p99 exceeds this" };
        var maxErrorRate = new Option<double?>("--max-error-rate") { Description = "Exit 2 when the error fraction exceeds this (0..1)" };
        maxErrorRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } v and (< 0 or > 1)) result.AddError($"--max-error-rate {v} must be within 0..1");
        });
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a non-loopback target" };
        var command = new Command("loadtest", "Weighted recommend/search/interaction/job/profile load against the HTTP API or a silo gateway, with latency reports and SLO exit code");
        foreach (var o in new Option[] { target, mode, users, think, rate, seconds, warmup, grace, mix, seedJobs, seedUsers, seedParallelism, noSeed, output, sloP99, maxErrorRate, allowRemote })
        {
            command.Options.Add(o);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var t = parseResult.GetValue(target)!;
            var remote = parseResult.GetValue(allowRemote);
            IJobRecTarget connected;
            try
            {
                connected = t.StartsWith("silo:", StringComparison.Ordinal)
                    ? await ClientSdkJobRecTarget.ConnectAsync(t["silo:".Length..], remote, cancellationToken, ClusterSecuritySettings.Configure)
                    : new HttpJobRecTarget(new Uri(t.EndsWith('/') ? t : t + "/"), remote);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException or GatewayUnavailableException)
            {
                Console.Error.WriteLine($"loadtest: --target {t}: {e.Message}");
                return 1;
            }

            await using var jobRec = connected;
            var options = new LoadTestOptions
            {
                Mode = mode.Get(parseResult),
                Users = parseResult.GetValue(users),
                ThinkTime = TimeSpan.FromMilliseconds(parseResult.GetValue(think)),
                RatePerSecond = parseResult.GetValue(rate),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(seconds)),
                WarmUp = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                GraceTimeout = TimeSpan.FromSeconds(parseResult.GetValue(grace)),
            };

            // Every setting is checked before seeding, so a bad mix or duration does not fail after minutes of seeding.
            JobRecScenario workload;
            LoadRunner runner;
            SloPolicy slo;
            try
            {
                workload = new JobRecScenario(jobRec, parseResult.GetValue(seedJobs), parseResult.GetValue(seedUsers));
                runner = new LoadRunner(workload.Build(WeightedScenario.ParseMix(parseResult.GetValue(mix)!)), options);
                slo = new SloPolicy(parseResult.GetValue(sloP99), parseResult.GetValue(maxErrorRate));
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"loadtest: {e.Message}");
                return 1;
            }

            if (!parseResult.GetValue(noSeed))
            {
                Console.Error.WriteLine($"loadtest: seeding {parseResult.GetValue(seedJobs)} jobs and {parseResult.GetValue(seedUsers)} users through {jobRec.Description}");
                await workload.SeedAsync(parseResult.GetValue(seedParallelism), cancellationToken, Console.Error);
            }

            var result = await runner.RunAsync(Console.Error, cancellationToken);
            var violations = slo.Violations(result);
            var files = LoadTestReport.Write(parseResult.GetValue(output)!, jobRec.Description, result, violations);
            Console.Write(LoadTestReport.ToMarkdown(jobRec.Description, result, violations));
            Console.WriteLine($"reports: {string.Join(", ", files)}");
            Console.WriteLine(result.SummaryLine());
            return violations.Count == 0 ? 0 : SloPolicy.ViolationExitCode;
        });
        root.Subcommands.Add(command);
    }
}
