using JobRec.Data.Readers.Onet;
using System.CommandLine;
using JobRec.Cli.Commands;
using JobRec.ML.Onet;

namespace JobRec.Lab.Commands;

/// <summary><c>jobrec-lab evaluate onet-development</c>: tunes and scores the O*NET classifier on the development split of the training titles only
/// (the test titles are never scored), with the research settings the product's <c>jobrec evaluate onet</c> leaves out: SOC-group output sharing,
/// several classifier seeds, and files of the development predictions and of the re-ranker's candidate lists (for <c>evaluate onet-rerank</c>).</summary>
internal static class OnetDevelopmentCommand
{
    private static void Log(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var settings = new OnetEvaluationOptionSet();
        var predictions = new Option<string?>("--write-predictions") { Description = "Write each development title's code, title and top-5 predictions (TSV) here (the reranker has seen these titles, so they are in-sample)" };
        var groups = new Option<bool>("--soc-groups") { Description = "Let the classifier share output weights within SOC groups" };
        var seeds = new Option<int>("--classifier-seeds") { Description = "Learned classifiers (consecutive seeds) whose probabilities are averaged", DefaultValueFactory = _ => new OnetClassifierOptions().ClassifierSeeds }.AtLeast(1);
        var writeLists = new Option<string?>("--write-lists") { Description = "Save the reranker's fold lists and development lists here (for jobrec-lab evaluate onet-rerank)" };
        var command = new Command("onet-development", "Tune and score the O*NET classifier on the development split of the training titles (never the test titles), with research settings");
        command.AddAll(predictions, groups, seeds, writeLists);
        settings.AddTo(command);
        command.SetAction(parseResult =>
        {
            var onetDir = parseResult.GetValue(settings.Onet)!;
            if (settings.EncoderMismatch(parseResult, "evaluate onet-development") is { } mismatch) { Console.Error.WriteLine(mismatch); return 2; }
            using var encoder = settings.CreateEncoder(parseResult, Log);
            var options = settings.Build(parseResult) with { ClassifierSocGroups = parseResult.GetValue(groups), ClassifierSeeds = parseResult.GetValue(seeds) };
            var occupations = OnetSource.LoadOccupations(Path.Combine(onetDir, OnetEvaluation.OccupationFile));
            var all = OnetSource.LoadAlternateTitles(Path.Combine(onetDir, OnetEvaluation.AlternateTitlesFile));
            var (train, heldOut) = TitleSplit.Split(all);
            var tuning = OnetFusionTuning.Tune(occupations, TitleSplit.ExcludeTitles(train, heldOut), encoder, options, progress: Log,
                heldOutTitles: heldOut.Select(t => t.Title));
            if (parseResult.GetValue(predictions) is { } predictionsPath)
            {
                var titles = tuning.DevelopmentTitles;
                var ranked = tuning.Classifier.Classify(titles.Select(t => t.Title).ToArray(), 5);
                File.WriteAllLines(predictionsPath, titles.Select((t, i) => $"{t.Code}\t{t.Title}\t{string.Join('\t', ranked[i].Select(p => $"{p.Code}|{p.Title}|{p.Score:F3}"))}"));
            }
            if (parseResult.GetValue(writeLists) is { } listsPath && tuning.DevelopmentLists is { } devLists)
            {
                RerankListFile.Write(listsPath, RerankFeatures.Count, tuning.FoldLists ?? [], devLists);
                Log($"wrote {tuning.FoldLists?.Count ?? 0} fold lists and {devLists.Count} development lists to {listsPath}");
            }
            if (tuning.Reranker is not null) Console.WriteLine($"development, fused order: {tuning.Fused} weights: {tuning.Weights}");
            Console.WriteLine($"development: {tuning.Development} weights: {tuning.Weights}{(tuning.Reranker is null ? "" : options.RerankFolds > 0 ? " reranked (reranker from the fold lists only)" : " reranked (2-fold cross-fitted)")}");
            return 0;
        });
        return command;
    }
}
