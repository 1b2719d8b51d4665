using System.Diagnostics;
using JobRec.Grains.Inference;
using JobRec.Grains.Occupations;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.Silo.Demo;

/// <summary>The demo's O*NET classifier: trained from <c>--onet &lt;dir&gt;</c> or JOBREC_ONET_DIR with the demo's encoder, or none.</summary>
internal static class OnetForDemo
{

    /// <summary>A classifier trained from <paramref name="directory"/> (else JOBREC_ONET_DIR) on at most <paramref name="maxTitles"/> alternate titles (null: JOBREC_ONET_MAX_TITLES, else all; 0 = all), or null when no folder is named.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks an O*NET file the classifier needs.</exception>
    public static IOccupationClassifier? Train(string? directory, int? maxTitles, ITextEncoder encoder, TextWriter log, Stopwatch clock)
    {
        var from = directory is { Length: > 0 } ? "--onet" : OnetClassifierConfiguration.DirectoryVariable;
        directory = directory is { Length: > 0 } ? directory : Environment.GetEnvironmentVariable(OnetClassifierConfiguration.DirectoryVariable);
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

        var titles = 0;
        if (maxTitles is { } given)
        {
            titles = given >= 0 ? given : throw new ArgumentException($"O*NET max titles {given} must be 0 (all) or more");
        }
        else if (Environment.GetEnvironmentVariable(OnetClassifierConfiguration.MaxTitlesVariable) is { Length: > 0 } text && (!int.TryParse(text, out titles) || titles < 0))
        {
            throw new ArgumentException($"{OnetClassifierConfiguration.MaxTitlesVariable}='{text}' must be a non-negative integer");
        }

        var started = clock.Elapsed;
        var classifier = OnetOccupationClassifier.Train(directory, encoder, new OnetClassifierOptions(FineTuneHead: false), titles);
        log.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] O*NET classifier: {classifier.Occupations} occupations from {Path.GetFullPath(directory)}, trained in {(clock.Elapsed - started).TotalSeconds:F1}s");
        return classifier;
    }
}
