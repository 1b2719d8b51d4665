using JobRec.Grains.Inference;
using JobRec.ML.Skills;

namespace JobRec.Silo.Apis;

/// <summary>The skill extraction part of <c>GET /health</c>: which model extracts skills, whether a trained tagger is loaded, from which file and
/// format version, and (for the dictionary fallback) why no tagger is loaded.</summary>
/// <param name="Model">"tagger" or "dictionary".</param>
/// <param name="Loaded">True when a trained span tagger serves; false for the dictionary fallback.</param>
/// <param name="File">The tagger model file, or null (no tagger, or one built in memory).</param>
/// <param name="FormatVersion">The format version of the loaded tagger file (2 or 3; <see cref="SkillTaggerModelFile.FormatVersion"/> for a tagger built in
/// memory), or null without a tagger.</param>
/// <param name="Encoder">The pretrained encoder whose token states the tagger reads, or null.</param>
/// <param name="EscoLabels">ESCO skill labels spans are linked to (0: normalised by the dictionary).</param>
/// <param name="Description">One line: the model and normaliser, or why the fallback is in use.</param>
/// <param name="FineTunedLayers">Top encoder layers fine-tuned with the tagger and run from the model file (0: the pretrained encoder as is, or no tagger).</param>
public sealed record SkillModelHealth(string Model, bool Loaded, string? File, int? FormatVersion, string? Encoder, int EscoLabels, string Description, int FineTunedLayers = 0)
{
    /// <summary>The health entry of the silo's skill extraction pool.</summary>
    public static SkillModelHealth Of(SkillExtractionPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var extractor = pool.Extractor;
        var head = extractor.TaggerHead;
        return new SkillModelHealth(extractor.Model, head is not null, extractor.ModelFile, head is null ? null : extractor.ModelFormatVersion ?? SkillTaggerModelFile.FormatVersion,
            head?.EncoderName, extractor.EscoLabels, extractor.Description, extractor.FineTunedLayers);
    }
}
