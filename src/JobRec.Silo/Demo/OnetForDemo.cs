using System.Diagnostics;
using System.Security.Cryptography;
using JobRec.Grains.Inference;
using JobRec.Grains.Occupations;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.Silo.Demo;

/// <summary>The demo's O*NET classifier: loaded from <c>--onet-model</c>, else reused from the state folder's models/ when it was trained from the same
/// O*NET files and settings with the same encoder, else trained from <c>--onet &lt;dir&gt;</c> or JOBREC_ONET_DIR with the demo's encoder and saved
/// there for the next run; or none.</summary>
internal static class OnetForDemo
{
    /// <summary>The classifier the options ask for, or null when no O*NET folder or model is named; <paramref name="modelPath"/> is where a trained
    /// one is stored and looked for.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks an O*NET file the classifier needs, or <c>--onet-model</c> names no file.</exception>
    /// <exception cref="InvalidDataException">A stored or given model file is truncated, corrupt or not a model (the message names it).</exception>
    /// <exception cref="OnetModelEncoderMismatchException"><c>--onet-model</c> was trained with another encoder than the demo's.</exception>
    public static IOccupationClassifier? LoadOrTrain(DemoOptions options, string modelPath, ITextEncoder encoder, TextWriter log, Stopwatch clock)
    {
        var started = clock.Elapsed;
        if (options.OnetModel is { Length: > 0 } given)
        {
            if (!File.Exists(given))
            {
                throw new FileNotFoundException($"--onet-model '{given}': no such file (make one with jobrec onet train)", given);
            }

            var loaded = OnetOccupationClassifier.Load(given, encoder);
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] loaded O*NET classifier from {Path.GetFullPath(given)}: {Describe(loaded)}, in {(clock.Elapsed - started).TotalSeconds:F1}s");
            return loaded;
        }

        const string from = "--onet";
        var directory = options.OnetDirectory;
        if (directory is not { Length: > 0 })
        {
            return null;
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{from} '{directory}': no such folder (it should hold {OnetOccupationClassifier.OccupationFile} and {OnetOccupationClassifier.AlternateTitlesFile})");
        }

        foreach (var file in new[] { OnetOccupationClassifier.OccupationFile, OnetOccupationClassifier.AlternateTitlesFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new FileNotFoundException($"{from} '{directory}' has no {file}", Path.Combine(directory, file));
            }
        }

        var titles = MaxTitles(options.OnetMaxTitles);
        var source = Source(directory, titles, options);
        if (File.Exists(modelPath) && OnetModelFile.FormatVersion(modelPath) is { } version && version != OnetModelFile.Version)
        {
            log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] stored O*NET classifier {modelPath} is in format version {version}, this build reads {OnetModelFile.Version}; training again");
        }
        else if (File.Exists(modelPath))
        {
            try
            {
                var stored = OnetModelFile.Load(modelPath, encoder);
                if (stored.Source == source)
                {
                    var reused = new OnetOccupationClassifier(stored.Classifier);
                    log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] loaded O*NET classifier from {modelPath} (saved {stored.SavedUtc}): {Describe(reused)}, in {(clock.Elapsed - started).TotalSeconds:F1}s");
                    return reused;
                }

                log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] stored O*NET classifier {modelPath} was trained from other inputs ({stored.Source}); training again");
            }
            catch (OnetModelEncoderMismatchException e)
            {
                log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] stored O*NET classifier not usable: {e.Message}");
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"stored O*NET classifier: {e.Message} (delete the file to train a new one)", e);
            }
        }

        var classifier = OnetOccupationClassifier.Train(directory, encoder, new OnetClassifierOptions(FineTuneHead: false, Rerank: options.OnetRerank), titles,
            line => log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] O*NET: {line}"));
        var bytes = OnetModelFile.Save(classifier.Model, modelPath, source);
        log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] O*NET classifier: {Describe(classifier)} from {Path.GetFullPath(directory)}, trained in {(clock.Elapsed - started).TotalSeconds:F1}s, saved {modelPath} ({bytes / 1e6:F1} MB)");
        return classifier;
    }

    private static string Describe(OnetOccupationClassifier classifier) =>
        $"{classifier.Occupations} occupations, {classifier.Model.TitleEntries} title entries, {(classifier.Reranked ? "re-ranked" : "fused order")}";

    /// <summary>What the stored model must have been trained from to be reused: the O*NET files' content, the title cap, re-ranking, the encoder.</summary>
    private static string Source(string directory, int maxTitles, DemoOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { OnetOccupationClassifier.OccupationFile, OnetOccupationClassifier.AlternateTitlesFile })
        {
            hash.AppendData(File.ReadAllBytes(Path.Combine(directory, file)));
        }

        var files = Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
        return $"onet-files-sha256={files};max-titles={maxTitles};rerank={(options.OnetRerank ? "yes" : "no")};head=no;encoder={options.Encoder}";
    }

    private static int MaxTitles(int? maxTitles)
    {
        return maxTitles switch
        {
            null => 0,
            >= 0 and var given => given,
            var given => throw new ArgumentException($"O*NET max titles {given} must be 0 (all) or more"),
        };
    }
}
