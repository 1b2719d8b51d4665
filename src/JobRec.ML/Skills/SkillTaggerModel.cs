using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Skills;

/// <summary>What a skill tagger model file holds: the head, and for a fine-tuned tagger the encoder's top layers it was trained with.</summary>
/// <param name="Head">The trained head.</param>
/// <param name="Stack">The fine-tuned top layers of the encoder (<see cref="BertLayerStack.FirstLayer"/> is where the frozen layers stop), or null
/// when the head reads the pretrained encoder's own last layer.</param>
/// <param name="FormatVersion">The file's format version (2: head only; 3: head and an optional stack).</param>
public sealed record SkillTaggerModel(SkillTaggerHead Head, BertLayerStack? Stack, int FormatVersion)
{
    /// <summary>Number of fine-tuned top layers (0: none).</summary>
    public int FineTunedLayers => Stack?.LayerCount ?? 0;
}
