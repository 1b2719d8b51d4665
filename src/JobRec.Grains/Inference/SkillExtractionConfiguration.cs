using JobRec.Grains.Hosting;
using JobRec.ML.Skills;
using JobRec.ML.Text;

namespace JobRec.Grains.Inference;

/// <summary>Builds the serving skill extractor from settings the host reads; reads no environment itself. Without a tagger model file the
/// extractor is the dictionary matcher and its description says why (<c>GET /skills/model</c>).</summary>
public static class SkillExtractionConfiguration
{
    /// <summary>Setting naming the tagger model file (default: $JOBREC_CACHE/models/skill-tagger-minilm.jrst, written by <c>jobrec evaluate skills</c>);
    /// "none" uses the dictionary matcher.</summary>
    public const string TaggerVariable = "JOBREC_SKILL_TAGGER";

    /// <summary>Setting naming the ESCO skill label file spans are linked to, one label per line (default: $JOBREC_CACHE/models/esco-skill-labels.txt
    /// when present, e.g. a copy of decorte_esco_skill_benchmark/skills_en_label.txt); "none": spans are normalised by the dictionary.</summary>
    public const string LabelsVariable = "JOBREC_ESCO_SKILL_LABELS";

    /// <summary>Setting for the ONNX threads of the tagger's encoder (default 0: one per processor).</summary>
    public const string ThreadsVariable = "JOBREC_SKILL_THREADS";

    /// <summary>Setting for <see cref="ServingOptions.SkillImportCharacters"/> (characters tagged per job or user on bulk import; 0: off).</summary>
    public const string ImportCharactersVariable = "JOBREC_SKILL_IMPORT_CHARS";

    /// <summary>Setting for <see cref="ServingOptions.SkillImport"/>: tagger, dictionary or off.</summary>
    public const string ImportModeVariable = "JOBREC_SKILL_IMPORT";

    /// <summary>Setting for <see cref="ServingOptions.SkillUpsertCharacters"/> (characters tagged per API upsert; 0: off).</summary>
    public const string UpsertCharactersVariable = "JOBREC_SKILL_UPSERT_CHARS";

    /// <summary><paramref name="options"/> with <see cref="ImportModeVariable"/>, <see cref="ImportCharactersVariable"/> and <see cref="UpsertCharactersVariable"/> when set.</summary>
    /// <exception cref="FormatException">A limit is not a non-negative integer, or the mode not tagger, dictionary or off.</exception>
    public static ServingOptions Apply(ServingOptions options, Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(variable);
        int Read(string name, int fallback) => variable(name) is not { Length: > 0 } text ? fallback
            : int.TryParse(text, out var n) && n >= 0 ? n : throw new FormatException($"{name}='{text}' must be a non-negative integer");
        var mode = options.SkillImport;
        if (variable(ImportModeVariable) is { Length: > 0 } modeText && !Enum.TryParse(modeText, ignoreCase: true, out mode))
        {
            throw new FormatException($"{ImportModeVariable}='{modeText}' must be tagger, dictionary or off");
        }

        return options with
        {
            SkillImport = mode,
            SkillImportCharacters = Read(ImportCharactersVariable, options.SkillImportCharacters),
            SkillUpsertCharacters = Read(UpsertCharactersVariable, options.SkillUpsertCharacters),
        };
    }

    /// <summary>The default label file under the model cache.</summary>
    public static string DefaultLabelsPath => Path.Combine(ModelCache.Root, "models", "esco-skill-labels.txt");

    /// <summary>The extractor the settings configure (<paramref name="variable"/> maps a setting name to its value).</summary>
    /// <exception cref="FormatException"><see cref="ThreadsVariable"/> is not a non-negative integer.</exception>
    /// <exception cref="FileNotFoundException"><see cref="LabelsVariable"/> names no file.</exception>
    public static SkillExtractor From(Func<string, string?> variable, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var tagger = variable(TaggerVariable);
        if (string.Equals(tagger, "none", StringComparison.OrdinalIgnoreCase))
        {
            var dictionary = SkillExtractor.Dictionary($"{TaggerVariable}=none");
            log?.Invoke($"skills: {dictionary.Description}");
            return dictionary;
        }

        var threads = 0;
        if (variable(ThreadsVariable) is { Length: > 0 } text && (!int.TryParse(text, out threads) || threads < 0))
        {
            throw new FormatException($"{ThreadsVariable}='{text}' must be a non-negative integer");
        }

        var labels = variable(LabelsVariable);
        if (labels is { Length: > 0 } && !string.Equals(labels, "none", StringComparison.OrdinalIgnoreCase) && !File.Exists(labels))
        {
            throw new FileNotFoundException($"{LabelsVariable}='{labels}': no such file (one ESCO skill label per line)", labels);
        }

        labels = labels is { Length: > 0 } ? (string.Equals(labels, "none", StringComparison.OrdinalIgnoreCase) ? null : labels)
            : File.Exists(DefaultLabelsPath) ? DefaultLabelsPath : null;
        return SkillExtractorLoader.Load(string.IsNullOrWhiteSpace(tagger) ? null : tagger, labels, threads, log);
    }
}
