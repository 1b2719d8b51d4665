using JobRec.Data.Readers.Onet;
using System.CommandLine;
using JobRec.Cli.Commands;
using JobRec.ML.Onet;
using JobRec.ML.Text;
using JobRec.ML.Text.FineTuning;

namespace JobRec.Lab.Commands;

/// <summary><c>jobrec-lab finetune</c>: contrastive fine-tuning of a projection head on job text pairs (O*NET titles, Dice postings, co-views,
/// JobBERT titles, ESCO labels); the saved head is what <c>jobrec search --head</c> and <c>jobrec evaluate esco-titles --head</c> read.</summary>
internal static class FineTuneCommand
{
    private static readonly string[] Sources = ["onet", "dice", "co-view", "jobbert", "esco"];

    private static string SharedData => CliOptions.SharedData;

    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var onet = new Option<string>("--onet") { Description = "O*NET folder (OccupationData + AlternateTitles)", DefaultValueFactory = _ => Path.Combine(SharedData, "onet") };
        var dice = new Option<string?>("--dice") { Description = "Dice folder (title -> description and query-like pairs)", DefaultValueFactory = _ => Path.Combine(SharedData, "dice_jobs_2016") };
        var views = new Option<string?>("--job-views") { Description = "Job_Views folder (co-viewed job pairs)", DefaultValueFactory = _ => Path.Combine(SharedData, "job_views_interactions") };
        var output = new Option<string?>("--out") { Description = "Where to save the projection head (default: $JOBREC_CACHE/models/<encoder>-head.bin)" };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var temperature = new Option<float>("--temperature") { Description = "Softmax temperature of the InfoNCE loss", DefaultValueFactory = _ => new ContrastiveOptions().Temperature }.Positive();
        var rate = new Option<float>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => new ContrastiveOptions().LearningRate }.Positive();
        var jobbert = new Option<string>("--jobbert") { Description = "JobBERT titles.csv: its training split (evaluate esco-titles --split train) gives vacancy title -> ESCO preferred label pairs", DefaultValueFactory = _ => Path.Combine(SharedData, "jobbert_title_normalization", "titles.csv") };
        var esco = new Option<string>("--esco") { Description = "ESCO occupations_en.csv (alternative label -> preferred label pairs; labels of the JobBERT pairs)", DefaultValueFactory = _ => Path.Combine(SharedData, "esco", "occupations_en.csv") };
        var sources = new Option<string>("--sources") { Description = "Comma-separated pair sources: onet, dice, co-view, jobbert, esco", DefaultValueFactory = _ => "onet,dice,co-view,jobbert,esco" }
            .SomeOf(Sources);
        var encoderSettings = new EncoderOptionSet(TextEncoderCatalog.Default, "Frozen encoder under the head: minilm, arctic-xs, use-lite, hashed");
        var command = new Command("finetune", "Contrastive (InfoNCE, in-batch negatives) fine-tuning of a projection head on job text pairs; prints retrieval before/after");
        foreach (var o in new Option[] { onet, dice, views, jobbert, esco, sources, output, epochs, temperature, rate }) command.Options.Add(o);
        encoderSettings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var chosen = CliOptions.Items(parseResult.GetValue(sources)!).ToHashSet(StringComparer.Ordinal);
            foreach (var file in new[] { parseResult.GetValue(jobbert)!, parseResult.GetValue(esco)! }.Where(_ => chosen.Contains("jobbert") || chosen.Contains("esco")))
            {
                if (File.Exists(file)) continue;
                Console.Error.WriteLine($"finetune: file not found: {file}");
                return 2;
            }
            var pairs = new List<TrainingPair>();
            if (chosen.Contains("onet"))
            {
                var onetDir = parseResult.GetValue(onet)!;
                var occupations = OnetSource.LoadOccupations(Path.Combine(onetDir, OnetEvaluation.OccupationFile));
                var (train, _) = TitleSplit.Split(OnetSource.LoadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile)));
                pairs.AddRange(TrainingPairSources.OnetTitles(occupations, train));
            }
            if (chosen.Contains("dice") && parseResult.GetValue(dice) is { } diceDir && Directory.Exists(diceDir)) pairs.AddRange(TrainingPairSources.DicePostings(new JobRec.Data.Readers.Dice.DiceSource([diceDir]).Read(new JobRec.Data.Reading.ReadReport())));
            if (chosen.Contains("co-view") && parseResult.GetValue(views) is { } viewsDir && Directory.Exists(viewsDir)) pairs.AddRange(TrainingPairSources.CoViews(new JobRec.Data.Readers.JobViews.JobViewsSource([viewsDir]).Read(new JobRec.Data.Reading.ReadReport()), maxPairs: 1500));
            if (chosen.Contains("jobbert") || chosen.Contains("esco"))
            {
                var readReport = new JobRec.Data.Reading.ReadReport();
                var escoOccupations = JobRec.Data.Readers.Esco.EscoSource.ReadOccupations(parseResult.GetValue(esco)!, readReport).ToList();
                if (chosen.Contains("esco")) pairs.AddRange(TrainingPairSources.EscoLabels(escoOccupations));
                if (chosen.Contains("jobbert"))
                {
                    // Only the training split: evaluate esco-titles --split held-out scores titles no head has seen.
                    var (jobbertTrain, _) = EscoTitleEvaluation.SplitTitles(EscoTitleEvaluation.ReadTitles(parseResult.GetValue(jobbert)!, readReport).ToList());
                    pairs.AddRange(TrainingPairSources.JobBertTitles(jobbertTrain, escoOccupations));
                }
                foreach (var issue in readReport.Issues.Take(5)) Log($"  {issue}");
            }
            foreach (var g in pairs.GroupBy(p => p.Source)) Log($"{g.Key}: {g.Count()} pairs");
            var name = encoderSettings.Name(parseResult);
            var created = encoderSettings.Create(parseResult, Log);
            using var encoder = new DiskCachedTextEncoder(created, TextEncoderCatalog.EmbeddingCacheFile(name, created));
            var (head, report) = FineTuningRun.Run(pairs, encoder, new ContrastiveOptions(Epochs: parseResult.GetValue(epochs), LearningRate: parseResult.GetValue(rate),
                Temperature: parseResult.GetValue(temperature)), Log);
            var headPath = parseResult.GetValue(output) ?? Path.Combine(ModelCache.Root, "models", $"{name}-head.bin");
            head.Save(headPath);
            Log($"head saved to {headPath}");
            Console.WriteLine(report);
            return 0;
        });
        return command;
    }
}
