namespace JobRec.ML.Text.Onnx;

/// <summary>A pretrained sentence encoder shipped as an ONNX file with a BERT WordPiece vocabulary, installed by deploy/setup.sh
/// into <c>models/&lt;Name&gt;/</c> of the model cache and checked against the SHA-256 digests in deploy/models.sha256.</summary>
/// <param name="Name">Short name used on the command line and as the model-cache folder (e.g. <c>minilm</c>).</param>
/// <param name="Description">What the model is, for logs and help texts.</param>
/// <param name="Pooling">How token states become the sentence vector.</param>
/// <param name="MaxTokens">Longest input the model reads, [CLS] and [SEP] included: longer texts keep their first MaxTokens - 2 WordPiece tokens.</param>
/// <param name="Dimension">Length of the sentence vector.</param>
/// <param name="ModelSha256">Lower-case hex SHA-256 of model.onnx.</param>
/// <param name="VocabularySha256">Lower-case hex SHA-256 of vocab.txt.</param>
public sealed record PretrainedEncoderModel(string Name, string Description, SentencePooling Pooling, int MaxTokens, int Dimension,
    string ModelSha256, string VocabularySha256)
{
    /// <summary>The uncased BERT WordPiece vocabulary both models use (30,522 entries).</summary>
    private const string BertUncasedVocabularySha256 = "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f";

    /// <summary>sentence-transformers/all-MiniLM-L6-v2 (6 layers, 384-d, mean pooling; sentence-transformers reads at most 256 tokens).</summary>
    public static PretrainedEncoderModel MiniLm { get; } = new("minilm", "all-MiniLM-L6-v2 (ONNX, 6 layers, 384-d, mean pooling)", SentencePooling.Mean,
        256, 384, "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2", BertUncasedVocabularySha256);

    /// <summary>Snowflake/snowflake-arctic-embed-xs (6 layers, 384-d, CLS pooling, 512 tokens), used without its query prefix (the prefix hurt title-to-title matching).</summary>
    public static PretrainedEncoderModel ArcticXs { get; } = new("arctic-xs", "snowflake-arctic-embed-xs (ONNX, 6 layers, 384-d, CLS pooling)", SentencePooling.Cls,
        512, 384, "cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c", BertUncasedVocabularySha256);

    /// <summary>Every model deploy/setup.sh installs.</summary>
    public static IReadOnlyList<PretrainedEncoderModel> All { get; } = [MiniLm, ArcticXs];

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static PretrainedEncoderModel? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model's folder in the model cache: <c>$JOBREC_CACHE/models/&lt;Name&gt;</c>.</summary>
    public string CacheDirectory => Path.Combine(ModelCache.Root, "models", Name);
}
