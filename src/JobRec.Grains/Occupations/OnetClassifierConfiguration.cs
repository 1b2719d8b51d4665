using JobRec.Grains.Inference;
using JobRec.ML.Onet;
using JobRec.ML.Text;

namespace JobRec.Grains.Occupations;

/// <summary>Builds the serving O*NET classifier from settings the host reads (JOBREC_ONET_MODEL: a saved model to load; else JOBREC_ONET_DIR: an
/// O*NET folder to train on); otherwise there is none (jobs keep the code their source gave). The model has its own text encoder
/// (JOBREC_ONET_ENCODER, default MiniLM; minilm-onet when made by jobrec onet fine-tune-encoder), independent of the host's serving encoder. Reads no environment itself.</summary>
public static class OnetClassifierConfiguration
{
    /// <summary>Environment variable naming the folder holding ONET.OccupationData.tsv and ONET.AlternateTitles.tsv.</summary>
    public const string DirectoryVariable = "JOBREC_ONET_DIR";

    /// <summary>Environment variable capping the alternate titles trained on (default 0 = all), to bound start-up time.</summary>
    public const string MaxTitlesVariable = "JOBREC_ONET_MAX_TITLES";

    /// <summary>Environment variable naming a saved model (<c>jobrec onet train</c>) to load instead of training; it wins over <see cref="DirectoryVariable"/>.</summary>
    public const string ModelVariable = "JOBREC_ONET_MODEL";

    /// <summary>Environment variable naming the O*NET model's text encoder (a <see cref="TextEncoderCatalog"/> name; default <see cref="DefaultEncoder"/>).</summary>
    public const string EncoderVariable = "JOBREC_ONET_ENCODER";

    /// <summary>The O*NET model's encoder when <see cref="EncoderVariable"/> is unset: MiniLM (the re-ranked model scores the same with the O*NET-tuned
    /// <c>minilm-onet</c>, docs/EVALUATION.md; a missing minilm-onet makes the host stop with one line naming the command that makes it).</summary>
    public const string DefaultEncoder = TextEncoderCatalog.MiniLm;

    /// <summary>The classifier the settings configure, querying through the encoder <see cref="EncoderVariable"/> names (created only when a model or
    /// folder is configured), or null when neither <see cref="ModelVariable"/> nor <see cref="DirectoryVariable"/> is set.</summary>
    /// <exception cref="ArgumentException"><see cref="EncoderVariable"/> names no known encoder (the message names the variable).</exception>
    /// <exception cref="ModelNotFoundException">The encoder's model files are missing (the message names the file and how to restore it).</exception>
    /// <exception cref="FormatException"><see cref="MaxTitlesVariable"/> is not a non-negative integer.</exception>
    /// <exception cref="FileNotFoundException"><see cref="ModelVariable"/> names no file (the message names the variable and the path).</exception>
    /// <exception cref="InvalidDataException">The model file is not a valid O*NET model (the message names the file and what was wrong).</exception>
    /// <exception cref="OnetModelEncoderMismatchException">The model file was trained with another encoder.</exception>
    public static IOccupationClassifier? From(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(ModelVariable) is not { Length: > 0 } && variable(DirectoryVariable) is not { Length: > 0 })
        {
            return null;
        }

        var name = variable(EncoderVariable) is { Length: > 0 } given ? given.Trim() : DefaultEncoder;
        if (!TextEncoderCatalog.Names.Contains(name))
        {
            throw new ArgumentException($"{EncoderVariable}='{name}' is not a text encoder: use one of {string.Join(", ", TextEncoderCatalog.Names)}");
        }

        return From(variable, TextEncoderCatalog.Create(name));
    }

    /// <summary>The classifier the settings configure for <paramref name="encoder"/> (<paramref name="variable"/> maps a setting name to its value), or null when neither <see cref="ModelVariable"/> nor <see cref="DirectoryVariable"/> is set.</summary>
    /// <exception cref="FormatException"><see cref="MaxTitlesVariable"/> is not a non-negative integer.</exception>
    /// <exception cref="FileNotFoundException"><see cref="ModelVariable"/> names no file (the message names the variable and the path).</exception>
    /// <exception cref="InvalidDataException">The model file is not a valid O*NET model (the message names the file and what was wrong).</exception>
    /// <exception cref="OnetModelEncoderMismatchException">The model file was trained with another encoder.</exception>
    public static IOccupationClassifier? From(Func<string, string?> variable, ITextEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(ModelVariable) is { Length: > 0 } model)
        {
            if (!File.Exists(model))
            {
                throw new FileNotFoundException($"{ModelVariable}='{model}': no such file (make one with jobrec onet train)", model);
            }

            return OnetOccupationClassifier.Load(model, encoder);
        }

        if (variable(DirectoryVariable) is not { Length: > 0 } directory)
        {
            return null;
        }

        var maxTitles = 0;
        if (variable(MaxTitlesVariable) is { Length: > 0 } text && (!int.TryParse(text, out maxTitles) || maxTitles < 0))
        {
            throw new FormatException($"{MaxTitlesVariable}='{text}' must be a non-negative integer");
        }

        return OnetOccupationClassifier.Train(directory, encoder, new OnetClassifierOptions(FineTuneHead: false, Rerank: false), maxTitles);
    }
}
