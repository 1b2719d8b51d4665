namespace JobRec.ML.Text;

/// <summary>A text encoder that can name the exact model file behind its vectors (e.g. "minilm-onet sha256=…"), so a saved model trained on its
/// vectors can refuse another one.</summary>
public interface IIdentifiedTextEncoder : ITextEncoder
{
    /// <summary>The encoder's name and model file digest, or empty when it has none.</summary>
    string Identity { get; }
}
