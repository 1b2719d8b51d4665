using JobRec.Grains.Inference;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.Grains.Occupations;

/// <summary>Builds the serving O*NET classifier when JOBREC_ONET_DIR names an O*NET folder; otherwise there is none (jobs keep the code their source gave).</summary>
public static class OnetClassifierConfiguration
{
    /// <summary>Environment variable naming the folder holding ONET.OccupationData.tsv and ONET.AlternateTitles.tsv.</summary>
    public const string DirectoryVariable = "JOBREC_ONET_DIR";

    /// <summary>Environment variable capping the alternate titles trained on (default 0 = all), to bound start-up time.</summary>
    public const string MaxTitlesVariable = "JOBREC_ONET_MAX_TITLES";

    /// <summary>A classifier trained with <paramref name="encoder"/> from the configured folder, or null when <see cref="DirectoryVariable"/> is unset.</summary>
    /// <exception cref="FormatException"><see cref="MaxTitlesVariable"/> is not a non-negative integer.</exception>
    public static IOccupationClassifier? FromEnvironment(ITextEncoder encoder)
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is not { Length: > 0 } directory)
        {
            return null;
        }

        var maxTitles = 0;
        if (Environment.GetEnvironmentVariable(MaxTitlesVariable) is { Length: > 0 } text && (!int.TryParse(text, out maxTitles) || maxTitles < 0))
        {
            throw new FormatException($"{MaxTitlesVariable}='{text}' must be a non-negative integer");
        }

        return OnetOccupationClassifier.Train(directory, encoder, new OnetClassifierOptions(FineTuneHead: false), maxTitles);
    }
}
