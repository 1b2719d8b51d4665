using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Language;

/// <summary>A trained transformer together with the tokenizer whose ids it reads and writes.</summary>
public sealed class LanguageModel
{
    /// <summary>Pairs a tokenizer and a transformer whose vocabulary sizes must agree.</summary>
    /// <exception cref="ArgumentException">The transformer's vocabulary is smaller than the tokenizer's.</exception>
    public LanguageModel(ByteLevelBpeTokenizer tokenizer, TransformerModel transformer)
    {
        if (transformer.Config.VocabSize < tokenizer.VocabSize)
            throw new ArgumentException($"transformer vocabulary {transformer.Config.VocabSize} is smaller than the tokenizer's {tokenizer.VocabSize}");
        Tokenizer = tokenizer;
        Transformer = transformer;
    }

    /// <summary>The tokenizer.</summary>
    public ByteLevelBpeTokenizer Tokenizer { get; }
    /// <summary>The transformer.</summary>
    public TransformerModel Transformer { get; }
}
