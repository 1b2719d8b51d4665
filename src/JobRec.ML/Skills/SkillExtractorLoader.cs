using JobRec.ML.Text;
using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Skills;

/// <summary>Builds the engine's <see cref="SkillExtractor"/> from files: a tagger model (<see cref="SkillTaggerModelFile"/>), its pretrained encoder
/// from the model cache, and optionally an ESCO label list to link spans to. A missing or unreadable tagger model, or a missing encoder, gives the
/// dictionary fallback with the reason in its description: the engine never fails to start over skills.</summary>
public static class SkillExtractorLoader
{
    /// <summary>Where <c>jobrec evaluate skills</c> saves the tagger for <paramref name="encoder"/> under the model cache.</summary>
    public static string DefaultModelPath(string encoder = "minilm") => Path.Combine(ModelCache.Root, "models", $"skill-tagger-{encoder}.jrst");

    /// <summary>Where the embedded ESCO labels are cached for <paramref name="encoder"/>.</summary>
    public static string LabelVectorCachePath(string encoder) => Path.Combine(ModelCache.Root, "models", $"esco-skill-labels-{encoder}.vec");

    /// <summary>Loads the extractor.</summary>
    /// <param name="taggerModel">Tagger model file; null: <see cref="DefaultModelPath"/>.</param>
    /// <param name="escoLabels">ESCO skill labels, one per line (e.g. decorte_esco_skill_benchmark/skills_en_label.txt); null: spans are normalised by the dictionary.</param>
    /// <param name="encoderThreads">Threads of one ONNX call (0: one per processor).</param>
    /// <param name="log">Receives one line on what was loaded.</param>
    /// <exception cref="FileNotFoundException"><paramref name="escoLabels"/> names no file.</exception>
    public static SkillExtractor Load(string? taggerModel, string? escoLabels, int encoderThreads = 0, Action<string>? log = null)
    {
        var path = taggerModel ?? DefaultModelPath();
        SkillExtractor Fallback(string reason)
        {
            var dictionary = SkillExtractor.Dictionary(reason);
            log?.Invoke($"skills: {dictionary.Description}");
            return dictionary;
        }

        if (!File.Exists(path)) return Fallback($"no skill tagger model at {path} (train one with jobrec evaluate skills)");
        SkillTaggerModel loaded;
        try { loaded = SkillTaggerModelFile.Load(path); }
        catch (InvalidDataException e) { return Fallback(e.Message); }
        var head = loaded.Head;
        if (PretrainedEncoderModel.Find(head.EncoderName) is not { } model) return Fallback($"{path}: unknown encoder '{head.EncoderName}'");
        // A fine-tuned tagger runs the pretrained model only up to its stack; sentence embeddings for ESCO linking need the whole model.
        OnnxSentenceEncoder encoder;
        OnnxSentenceEncoder? full = null;
        try
        {
            encoder = OnnxSentenceEncoder.Load(model, new OnnxEncoderOptions(IntraOpThreads: encoderThreads, OutputLayer: loaded.Stack?.FirstLayer));
            if (loaded.Stack is not null && escoLabels is not null) full = OnnxSentenceEncoder.Load(model, new OnnxEncoderOptions(IntraOpThreads: encoderThreads));
        }
        catch (ModelNotFoundException e) { return Fallback(e.Message); }
        catch (InvalidDataException e) { return Fallback($"{path}: {e.Message}"); }
        try
        {
            var tagger = new SkillTagger(new WordStateEncoder(encoder, loaded.Stack), head);
            EscoSkillLinker? linker = null;
            if (escoLabels is not null)
                linker = EscoLabelVectorFile.LoadOrBuild(full ?? encoder, model.Name, EscoSkillLinker.ReadLabels(escoLabels), LabelVectorCachePath(model.Name), log);
            var extractor = new SkillExtractor(tagger, new JobRec.Data.Skills.SkillVocabulary(), linker) { ModelFile = Path.GetFullPath(path), ModelFormatVersion = loaded.FormatVersion }
                .Owning(encoder, full);
            log?.Invoke($"skills: {extractor.Description} ({path}, format {loaded.FormatVersion})");
            return extractor;
        }
        catch
        {
            encoder.Dispose();
            full?.Dispose();
            throw;
        }
    }
}
