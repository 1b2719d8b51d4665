using JobRec.ML.Text.FineTuning;

namespace JobRec.ML.Tests.Text.FineTuning;

public sealed class ContrastiveTrainerTests
{
    [Fact]
    public void Training_improves_retrieval_on_pairs_related_by_a_hidden_rotation()
    {
        // Positives are a fixed random linear map of the anchors: the identity head retrieves poorly, a trained head well.
        const int d = 16, n = 512;
        var random = new Random(3);
        var map = Enumerable.Range(0, d * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var anchors = Enumerable.Range(0, n * d).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var positives = new float[n * d];
        JobRec.ML.Numerics.Blas.Sgemm(false, false, n, d, d, 1f, anchors, map, 0f, positives);
        JobRec.ML.Numerics.MatrixRows.L2Normalize(anchors, d);
        JobRec.ML.Numerics.MatrixRows.L2Normalize(positives, d);
        var target = Enumerable.Range(0, n).ToArray();
        var before = ContrastiveTrainer.Evaluate(anchors, positives, target, d);
        var head = ContrastiveTrainer.Train(anchors, positives, d, options: new ContrastiveOptions(Epochs: 60, BatchSize: 128, LearningRate: 1e-2f, Temperature: 0.1f));
        var after = ContrastiveTrainer.Evaluate(head.Apply(anchors), head.Apply(positives), target, d);
        Assert.True(after.Mrr > before.Mrr + 0.2, $"MRR before {before.Mrr:F3} after {after.Mrr:F3}");
    }

    [Fact]
    public void Head_round_trips_through_a_file_and_rejects_truncated_files()
    {
        var head = new ProjectionHead(4);
        head.Weights[1] = 0.5f;
        var path = Path.GetTempFileName();
        try
        {
            head.Save(path);
            Assert.Equal(head.Weights, ProjectionHead.Load(path).Weights);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^3]);
            Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => ProjectionHead.Load(path)).Message);
            File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
            Assert.Contains("offset 0", Assert.Throws<InvalidDataException>(() => ProjectionHead.Load(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Fine_tuning_run_reports_before_and_after_per_source()
    {
        var pairs = Enumerable.Range(0, 400).Select(i => new TrainingPair($"anchor word{i % 40} extra{i}", $"target word{i % 40} group", i % 2 == 0 ? "a" : "b", $"g{i % 40}")).ToList();
        var (_, report) = FineTuningRun.Run(pairs, new HashingTextEncoder(32), new ContrastiveOptions(Epochs: 2, BatchSize: 64));
        Assert.Equal(400, report.TrainPairs + report.ValidationPairs);
        Assert.Equal(["a", "b"], report.Rows.Select(r => r.Source));
        Assert.Contains("finetune: train_pairs=", report.ToString());
    }
}
