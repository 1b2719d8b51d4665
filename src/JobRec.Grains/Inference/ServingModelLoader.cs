using JobRec.Grains.Occupations;
using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Model;
using JobRec.ML.Models;
using JobRec.ML.Onet;
using JobRec.ML.Skills;
using JobRec.ML.Text;

namespace JobRec.Grains.Inference;

/// <summary>Turns a stored model into what the inference pool runs, checking it fits this silo first (kind, payload format, encoder).</summary>
public static class ServingModelLoader
{
    /// <summary>The loaded model: an <see cref="ICandidateScorer"/> (recommender), <see cref="IOccupationClassifier"/> (onet),
    /// <see cref="QuestionAnswerer"/> (qa) or <see cref="SkillExtractor"/> (skills: the tagger with the ESCO labels of the model cache when present).</summary>
    /// <param name="stored">The stored model.</param>
    /// <param name="encoder">The silo's text encoder.</param>
    /// <param name="encoderName">The silo's encoder name, or null when the host did not say (then only the dimension is checked).</param>
    /// <exception cref="InvalidDataException">The model does not fit (wrong kind, format or encoder) or its payload is corrupt: one line.</exception>
    public static object Load(StoredModel stored, ITextEncoder encoder, string? encoderName)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(encoder);
        var m = stored.Metadata;
        var what = $"model {m.Name} v{m.Version} ({m.Kind})";
        if (m.EncoderDimension > 0 && m.EncoderDimension != encoder.Dimension)
        {
            throw new InvalidDataException($"{what} was trained with a {m.EncoderDimension}-d encoder '{m.Encoder}'; this silo's encoder is {encoder.Dimension}-d");
        }

        if (m.Encoder is { Length: > 0 } trained && encoderName is { Length: > 0 } serving && trained != serving)
        {
            throw new InvalidDataException($"{what} was trained with encoder '{trained}'; this silo serves with '{serving}'");
        }

        try
        {
            return (m.Name, m.Kind) switch
            {
                (ModelNames.Recommender, "fm" or "fm-notext") when m.PayloadFormat is 1 or ServedFactorizationMachine.PayloadFormat =>
                    new FactorizationMachineScorer(ServedFactorizationMachine.Load(stored.Payload, m.PayloadFormat)),
                (ModelNames.Onet, ModelNames.OnetKind) => ViaFile(stored.Payload, path => OnetOccupationClassifier.Load(path, encoder)),
                (ModelNames.Qa, ModelNames.QaKind) => ViaFile(stored.Payload, path => new QuestionAnswerer(LanguageModelCheckpoint.Load(path))),
                (ModelNames.Skills, ModelNames.SkillsKind) => ViaFile(stored.Payload, LoadTagger),
                _ => throw new InvalidDataException($"{what}: kind '{m.Kind}' payload format {m.PayloadFormat} cannot be served in slot '{m.Name}'"),
            };
        }
        catch (Exception e) when (e is InvalidDataException or OnetModelEncoderMismatchException or EndOfStreamException or IOException
                                      or ArgumentException or FormatException or OverflowException)
        {
            var message = e.Message.Split('\n')[0];
            throw new InvalidDataException(message.StartsWith(what, StringComparison.Ordinal) ? message : $"{what}: {message}", e);
        }
    }

    // The loader falls back to the dictionary when the tagger cannot run (unreadable head, unknown or missing encoder): here that is a refusal.
    private static SkillExtractor LoadTagger(string path)
    {
        var labels = File.Exists(SkillExtractionConfiguration.DefaultLabelsPath) ? SkillExtractionConfiguration.DefaultLabelsPath : null;
        var extractor = SkillExtractorLoader.Load(path, labels);
        if (extractor.Model != SkillExtractor.TaggerModel)
        {
            var reason = extractor.Description.Replace(path, "payload", StringComparison.Ordinal);
            extractor.Dispose();
            throw new InvalidDataException($"the skill tagger cannot run: {reason}");
        }

        return extractor;
    }

    private static T ViaFile<T>(byte[] payload, Func<string, T> load)
    {
        // The O*NET and QA readers take a path: the payload goes through a private temporary file.
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-model-{Guid.NewGuid():N}");
        File.WriteAllBytes(path, payload);
        try
        {
            return load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
