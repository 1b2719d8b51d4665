using System.Globalization;
using System.Text.RegularExpressions;
using JobRec.Evaluation.Qa;
using JobRec.ML.Language.Model;

namespace JobRec.Evaluation.Tests.Qa;

public class QaEvaluationRunnerTests
{
    [Fact]
    public void Runs_end_to_end_on_the_synthetic_market_and_prints_the_summary_line()
    {
        var empty = Directory.CreateTempSubdirectory("qa-data");
        var checkpoint = Path.Combine(empty.FullName, "model.jrlm");
        try
        {
            var options = new QaEvaluationOptions
            {
                DataDirectory = empty.FullName,
                ModelPath = checkpoint,
                SyntheticJobs = 400,
                Config = new TransformerConfig(VocabSize: 320, ContextLength: 96, ModelDim: 32, Heads: 2, Layers: 1),
                // A step count, not a time budget, ends the training, so the loss falls however busy the machine is; the time limit
                // only guards against a run that would never end.
                TrainTime = TimeSpan.FromMinutes(10),
                TrainSteps = 60,
                BatchSize = 4,
                MaxQuestions = 12,
                MaxPerplexityDocuments = 10,
            };
            var log = new StringWriter();
            var report = QaEvaluationRunner.Run(options, log);
            Assert.True(File.Exists(checkpoint), "the trained model was not saved");
            Assert.NotNull(report.Training);
            Assert.Equal(60, report.Training!.Value.Steps);
            Assert.True(report.Training!.Value.FinalLoss < report.Training.Value.FirstLoss, $"loss {report.Training.Value.FirstLoss} -> {report.Training.Value.FinalLoss}");
            Assert.True(double.IsFinite(report.Perplexity) && report.Perplexity > 1, $"perplexity {report.Perplexity}");
            Assert.True(report.UnigramPerplexity > 1);
            Assert.Equal(12, report.Rows[0].Questions);
            Assert.True(report.Rows[0].ExtractiveTokenF1 > 0.5, $"extractive F1 {report.Rows[0].ExtractiveTokenF1}");
            var last = report.ToString().Split('\n')[^1];
            Assert.Matches(new Regex(@"^qa: perplexity=[0-9.]+ exact_match=[0-9.]+ token_f1=[0-9.]+ rougeL=[0-9.]+ extractive_token_f1=[0-9.]+$"), last);

            // a second run loads the checkpoint instead of training
            var again = QaEvaluationRunner.Run(options with { TrainTime = TimeSpan.Zero }, new StringWriter());
            Assert.Null(again.Training);
            Assert.Equal(report.Perplexity.ToString("F6", CultureInfo.InvariantCulture), again.Perplexity.ToString("F6", CultureInfo.InvariantCulture));
        }
        finally { empty.Delete(true); }
    }

    [Fact]
    public void Missing_data_folder_is_named()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => QaEvaluationRunner.Run(new QaEvaluationOptions { DataDirectory = "/no/such/qa/folder" }, new StringWriter()));
        Assert.Contains("/no/such/qa/folder", e.Message);
    }
}
