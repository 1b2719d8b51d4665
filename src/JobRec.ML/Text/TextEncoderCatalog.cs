using JobRec.ML.Recommenders;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Text;

/// <summary>The text encoders the product can run, by the name used in <c>--encoder</c> options and model fingerprints:
/// <c>minilm</c> and <c>arctic-xs</c> (pretrained transformers on ONNX Runtime, 384-d), <c>minilm-onet</c> (MiniLM with its top layers fine-tuned
/// on O*NET training titles, made here by <c>jobrec onet fine-tune-encoder</c>), <c>use-lite</c> (USE-Lite port, 512-d),
/// <c>hashed</c> (lexical hashing, 512-d, no model files).</summary>
public static class TextEncoderCatalog
{
    /// <summary>all-MiniLM-L6-v2 on ONNX Runtime.</summary>
    public const string MiniLm = "minilm";

    /// <summary>snowflake-arctic-embed-xs on ONNX Runtime.</summary>
    public const string ArcticXs = "arctic-xs";

    /// <summary>MiniLM fine-tuned on O*NET training titles (<see cref="FineTunedEncoder"/>).</summary>
    public const string MiniLmOnet = FineTunedEncoder.MiniLmOnet;

    /// <summary>The USE-Lite C# port.</summary>
    public const string UseLite = "use-lite";

    /// <summary>The hashed lexical encoder.</summary>
    public const string Hashed = "hashed";

    /// <summary>The encoder for text semantics where a command does not name one: the best measured on title normalisation (docs/EVALUATION.md).</summary>
    public const string Default = MiniLm;

    /// <summary>Every encoder name, pretrained first.</summary>
    public static IReadOnlyList<string> Names { get; } = [MiniLm, ArcticXs, MiniLmOnet, UseLite, Hashed];

    /// <summary>Creates the encoder called <paramref name="name"/>; <paramref name="onnx"/> configures the ONNX encoders (threads, batching, execution provider).
    /// <paramref name="log"/> receives one line saying which model runs where (e.g. "encoder minilm: ... on CPU, 2 threads").</summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="Names"/>.</exception>
    /// <exception cref="ModelNotFoundException">The model files are missing or corrupt; the message names the file and deploy/setup.sh.</exception>
    public static ITextEncoder Create(string name, OnnxEncoderOptions? onnx = null, Action<string>? log = null)
    {
        ITextEncoder encoder;
        switch (name)
        {
            case MiniLm or ArcticXs:
                var onnxEncoder = OnnxSentenceEncoder.Load(PretrainedEncoderModel.Find(name)!, onnx);
                log?.Invoke($"encoder {name}: {onnxEncoder.Model.Description}, max {onnxEncoder.MaxTokens} tokens, on {onnxEncoder.ExecutionProvider}");
                return onnxEncoder;
            case MiniLmOnet:
                var tuned = FineTunedEncoder.Load(name, onnx);
                log?.Invoke($"encoder {name}: {tuned.Model.Description}, model.onnx SHA-256 {tuned.Model.ModelSha256[..12]}…, max {tuned.MaxTokens} tokens, on {tuned.ExecutionProvider}");
                return tuned;
            case UseLite:
                encoder = UseLiteEncoder.Load();
                break;
            case Hashed:
                encoder = new HashedTextEncoder();
                break;
            default:
                throw new ArgumentException($"unknown text encoder '{name}': use one of {string.Join(", ", Names)}", nameof(name));
        }
        log?.Invoke($"encoder {name}: {encoder.Dimension}-d, in-process C# on CPU");
        return encoder;
    }

    /// <summary>The persistent embedding cache of <paramref name="encoder"/> (as <see cref="Create"/> made it for <paramref name="name"/>):
    /// <c>$JOBREC_CACHE/embeddings/&lt;name&gt;.bin</c>; a fine-tuned encoder's file name carries the first 16 hex digits of its model.onnx SHA-256,
    /// so vectors of another fine-tuning are never reused.</summary>
    public static string EmbeddingCacheFile(string name, ITextEncoder encoder)
    {
        var key = encoder is OnnxSentenceEncoder onnx && FineTunedEncoder.Known.ContainsKey(onnx.Model.Name) ? $"{name}-{onnx.Model.ModelSha256[..16]}" : name;
        return Path.Combine(ModelCache.Root, "embeddings", $"{key}.bin");
    }

    /// <summary><see cref="Create"/> wrapped in a <see cref="DiskCachedTextEncoder"/> on <see cref="EmbeddingCacheFile"/>.</summary>
    /// <exception cref="ArgumentException">The name is not in <see cref="Names"/>.</exception>
    /// <exception cref="ModelNotFoundException">The model files are missing or corrupt.</exception>
    public static DiskCachedTextEncoder CreateCached(string name, OnnxEncoderOptions? onnx = null, Action<string>? log = null)
    {
        var encoder = Create(name, onnx, log);
        return new DiskCachedTextEncoder(encoder, EmbeddingCacheFile(name, encoder));
    }
}
