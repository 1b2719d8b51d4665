using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class OnetEvaluationTests
{
    private static readonly string[] Words = ["senior", "junior", "lead", "night", "staff", "chief", "assistant", "trainee", "regional", "field"];

    [Fact]
    public void Tuned_run_scores_strict_and_any_code_hits_with_weights_from_the_development_split()
    {
        var dir = Directory.CreateTempSubdirectory("onet-eval-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, OnetEvaluation.OccupationFile),
                "oNETSOCCode\ttitle\tdescription\n" +
                "29-1141.00\tRegistered Nurses\tCare for patients in hospitals.\n" +
                "53-3032.00\tTruck Drivers\tDrive trucks to transport goods.\n" +
                "15-1252.00\tSoftware Developers\tDevelop computer software.\n");
            var rows = new List<string> { "oNETSOCCode\talternateTitle\tshortTitle\tsources" };
            foreach (var (code, noun) in new[] { ("29-1141.00", "Nurse"), ("53-3032.00", "Driver"), ("15-1252.00", "Developer") })
                foreach (var a in Words)
                    foreach (var b in Words.Take(5))
                        if (a != b) rows.Add($"{code}\t{a} {b} {noun}\tn/a\t08");
            rows.Add("29-1141.00\tShift Coordinator\tn/a\t08");   // the same title under two codes
            rows.Add("53-3032.00\tShift Coordinator\tn/a\t08");
            File.WriteAllLines(Path.Combine(dir, OnetEvaluation.AlternateTitlesFile), rows);

            var options = new OnetClassifierOptions(FineTuneHead: false, ClassifierEpochs: 5);
            var (result, classifier) = OnetEvaluation.Run(dir, null, new HashingTextEncoder(), options, tune: true);

            Assert.NotNull(result.Development);
            Assert.True(result.Development!.Count > 0);
            Assert.True(result.TestTitles > 10 && result.TrainingTitles > result.TestTitles);
            Assert.Equal(result.TestTitles, result.Classifier.Count);
            Assert.True(result.Classifier.Top1 > 0.9, $"strict top-1 {result.Classifier.Top1} on an easy taxonomy");
            Assert.True(result.AnyCode!.Top1 >= result.Classifier.Top1);
            Assert.True(result.Classifier.Top1 > result.TfIdf.Top1 - 0.05);
            Assert.NotEqual(new OnetFusionWeights(0, 0, 0, 0), classifier.Weights);
            Assert.StartsWith($"onet: n={result.TestTitles} top1=", result.ToString());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_missing_test_file_is_named()
    {
        var dir = SharedData.File("onet");
        var missing = Path.Combine(Path.GetTempPath(), "no-such-test-" + Guid.NewGuid().ToString("N") + ".tsv");
        var ex = Assert.Throws<FileNotFoundException>(() => OnetEvaluation.Run(dir, missing, new HashingTextEncoder()));
        Assert.Contains(missing, ex.Message);
    }
}
