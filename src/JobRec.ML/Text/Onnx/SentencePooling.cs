namespace JobRec.ML.Text.Onnx;

/// <summary>How a sentence vector is made from a transformer's token states.</summary>
public enum SentencePooling
{
    /// <summary>Mean of the token states under the attention mask ([CLS] and [SEP] included), as sentence-transformers does for all-MiniLM-L6-v2.</summary>
    Mean,

    /// <summary>The state of the first token ([CLS]), as snowflake-arctic-embed does.</summary>
    Cls,
}
