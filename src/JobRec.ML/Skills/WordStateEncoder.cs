using System.Collections.Concurrent;
using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Skills;

/// <summary>Word-level features from a pretrained encoder's token states: each word is split into WordPiece tokens, the words of a sentence are run
/// through the model together, and a word's vector is [state of its first piece, mean state of its pieces, <see cref="ShapeFeatures"/> surface flags]
/// (the uncased model cannot see capitals or digits-only shapes, the flags can).</summary>
/// <remarks>
/// Limits: a word keeps its first <see cref="MaxPiecesPerWord"/> pieces (a word with no piece, e.g. only control characters, becomes [UNK]);
/// a sentence longer than the model's limit (<c>MaxTokens - 2</c> pieces, 254 for MiniLM) is cut at word boundaries into chunks encoded separately.
/// Thread-safe when the encoder is.
/// </remarks>
public sealed class WordStateEncoder
{
    /// <summary>Pieces kept per word.</summary>
    public const int MaxPiecesPerWord = 16;

    /// <summary>Surface flags appended to each word vector: initial capital, all capitals, has a digit, no letter or digit, &lt;PLACEHOLDER&gt;.</summary>
    public const int ShapeFeatures = 5;

    /// <summary>Version of the feature layout; part of cache keys and model files.</summary>
    public const int FeatureVersion = 1;

    private const int SentencesPerCall = 256;
    private readonly long _cls, _sep, _unk;
    private readonly ConcurrentDictionary<string, long[]> _pieces = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="encoder"/> (not owned: the caller disposes it).</summary>
    public WordStateEncoder(OnnxSentenceEncoder encoder)
    {
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        var empty = encoder.Tokenizer.Encode("", 3);
        (_cls, _sep) = (empty[0], empty[^1]);
        var unknown = encoder.Tokenizer.Encode("\uE000", 8);
        _unk = unknown.Length == 3 ? unknown[1] : 100;
    }

    /// <summary>The sentence encoder whose token states are read.</summary>
    public OnnxSentenceEncoder Encoder { get; }

    /// <summary>Length of a word vector: 2 × the model's hidden size + <see cref="ShapeFeatures"/>.</summary>
    public int Dimension => 2 * Encoder.Dimension + ShapeFeatures;

    /// <summary>Most pieces in one model call of a sentence chunk ([CLS] and [SEP] not counted).</summary>
    public int MaxPiecesPerChunk => Encoder.MaxTokens - 2;

    /// <summary>The WordPiece ids of one word (without [CLS]/[SEP]), at most <see cref="MaxPiecesPerWord"/>, never empty.</summary>
    public long[] Pieces(string word) => _pieces.GetOrAdd(word, w =>
    {
        var ids = Encoder.Tokenizer.Encode(w, MaxPiecesPerWord + 2);
        return ids.Length <= 2 ? [_unk] : ids[1..^1];
    });

    /// <summary>The word vectors of each sentence: one array of words × <see cref="Dimension"/> per sentence (empty sentences give empty arrays).</summary>
    /// <param name="sentences">Tokenised sentences.</param>
    /// <param name="progress">Called with the number of sentences done after each block.</param>
    public float[][] Encode(IReadOnlyList<string[]> sentences, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var result = new float[sentences.Count][];
        for (int block = 0; block < sentences.Count; block += SentencesPerCall)
        {
            int end = Math.Min(sentences.Count, block + SentencesPerCall);
            var rows = new List<long[]>();
            var chunks = new List<(int Sentence, int FirstWord, int Words)>();
            for (int s = block; s < end; s++)
            {
                var words = sentences[s] ?? [];
                result[s] = new float[words.Length * Dimension];
                int first = 0;
                while (first < words.Length)
                {
                    var row = new List<long> { _cls };
                    int w = first;
                    while (w < words.Length && (w == first || row.Count - 1 + Pieces(words[w]).Length <= MaxPiecesPerChunk))
                    {
                        var pieces = Pieces(words[w]);
                        row.AddRange(pieces.Length <= MaxPiecesPerChunk ? pieces : pieces[..MaxPiecesPerChunk]);
                        w++;
                    }
                    row.Add(_sep);
                    rows.Add([.. row]);
                    chunks.Add((s, first, w - first));
                    first = w;
                }
            }
            var states = Encoder.TokenStates(rows);
            for (int c = 0; c < chunks.Count; c++) Fill(sentences[chunks[c].Sentence], chunks[c].FirstWord, chunks[c].Words, states[c], result[chunks[c].Sentence]);
            progress?.Invoke(end);
        }
        return result;
    }

    private void Fill(string[] words, int firstWord, int count, float[] states, float[] output)
    {
        int d = Encoder.Dimension;
        int token = 1; // after [CLS]
        for (int w = firstWord; w < firstWord + count; w++)
        {
            int pieces = Math.Min(Pieces(words[w]).Length, MaxPiecesPerChunk);
            var target = output.AsSpan(w * Dimension, Dimension);
            states.AsSpan(token * d, d).CopyTo(target);
            var mean = target.Slice(d, d);
            for (int p = 0; p < pieces; p++) System.Numerics.Tensors.TensorPrimitives.Add(mean, states.AsSpan((token + p) * d, d), mean);
            System.Numerics.Tensors.TensorPrimitives.Multiply(mean, 1f / pieces, mean);
            Shape(words[w], target[(2 * d)..]);
            token += pieces;
        }
    }

    /// <summary>Writes the <see cref="ShapeFeatures"/> surface flags of <paramref name="word"/> (1 or 0) into <paramref name="target"/>.</summary>
    public static void Shape(string word, Span<float> target)
    {
        int letters = 0, upper = 0, digits = 0;
        foreach (var c in word)
        {
            if (char.IsLetter(c)) { letters++; if (char.IsUpper(c)) upper++; }
            else if (char.IsDigit(c)) digits++;
        }
        target[0] = word.Length > 0 && char.IsUpper(word[0]) ? 1 : 0;
        target[1] = letters >= 2 && upper == letters ? 1 : 0;
        target[2] = digits > 0 ? 1 : 0;
        target[3] = letters + digits == 0 ? 1 : 0;
        target[4] = word.Length > 2 && word[0] == '<' && word[^1] == '>' ? 1 : 0;
    }
}
