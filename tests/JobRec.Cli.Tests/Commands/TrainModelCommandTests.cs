namespace JobRec.Cli.Tests.Commands;

/// <summary><c>jobrec train onet</c> runs the O*NET trainer in process on the real O*NET files (a small, fast model) and stores the result as
/// a versioned, active model in a folder store that <c>jobrec models list</c> shows; bad input fails with one line.</summary>
public sealed class TrainModelCommandTests
{
    [Fact]
    public void Train_onet_stores_a_new_active_version_with_its_training_data_and_metrics()
    {
        var store = Path.Combine(Path.GetTempPath(), "jobrec-train-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var onet = Path.Combine(SharedData.Root, "onet");
            string[] args = ["train", "onet", "--onet", onet, "--max-titles", "600", "--no-rerank", "--no-head", "--encoder-epochs", "0", "--store", store];
            var first = CliRunner.Run(args);
            Assert.True(first.Code == 0, first.Error);
            Assert.Matches(@"^train: stored onet v1 \(onet-classifier, file format \d+\) in folder .+, active occupations=\d{3,} title_entries=\d+ train_seconds=",
                first.Output.Trim().Split('\n')[^1]);
            var second = CliRunner.Run([.. args, "--no-activate"]);
            Assert.True(second.Code == 0, second.Error);
            Assert.Contains("stored onet v2", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("active", second.Output.Trim().Split('\n')[^1].Split(" occupations=")[0], StringComparison.Ordinal);

            var list = CliRunner.Run("models", "list", "onet", "--store", store);
            Assert.True(list.Code == 0, list.Error);
            var rows = list.Output.Split('\n').Where(l => l.StartsWith("| onet |", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, rows.Count);
            Assert.Contains("| onet | 1 | onet-classifier |", rows[0], StringComparison.Ordinal);
            Assert.Contains("| yes |", rows[0], StringComparison.Ordinal); // v1 stays active
            Assert.DoesNotContain("| yes |", rows[1], StringComparison.Ordinal);
            Assert.Contains("occupations=", rows[0], StringComparison.Ordinal);
            Assert.Contains("minilm", rows[0], StringComparison.Ordinal);

            var missing = CliRunner.Run("train", "onet", "--onet", Path.Combine(store, "no-such-folder"), "--store", store);
            Assert.Equal(2, missing.Code);
            Assert.StartsWith("train onet: ", missing.Error.Trim(), StringComparison.Ordinal);
            Assert.Single(missing.Error.Trim().Split('\n'));
        }
        finally
        {
            if (Directory.Exists(store))
            {
                Directory.Delete(store, recursive: true);
            }
        }
    }
}
