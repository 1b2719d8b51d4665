using System.Collections.Concurrent;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Skills;

/// <summary>Word-level features from a pretrained encoder's token states: each word is split into WordPiece tokens, the words of a sentence are run
/// through the model together, and a word's vector is [state of its first piece, mean state of its pieces, <see cref="ShapeFeatures"/> surface flags]
/// (the uncased model cannot see capitals or digits-only shapes, the flags can). With a fine-tuned <see cref="Stack"/>, the encoder stops after
/// <see cref="BertLayerStack.FirstLayer"/> layers and the stack computes the top layers' states, which are pooled the same way.</summary>
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

    /// <summary>Sentences whose chunks go through one <see cref="OnnxSentenceEncoder.TokenStates"/> call (and one stack pass).</summary>
    internal const int SentencesPerCall = 256;
    private readonly long _cls, _sep, _unk;
    private readonly ConcurrentDictionary<string, long[]> _pieces = new(StringComparer.Ordinal);

    /// <summary>Wraps <paramref name="encoder"/> (not owned: the caller disposes it).</summary>
    /// <param name="encoder">The pretrained encoder. With <paramref name="stack"/>, it must have been loaded with
    /// <see cref="OnnxEncoderOptions.OutputLayer"/> = the stack's <see cref="BertLayerStack.FirstLayer"/>, so that its token states are those the stack reads.</param>
    /// <param name="stack">Fine-tuned top layers run on the encoder's token states (null: the encoder's own last layer).</param>
    /// <exception cref="ArgumentException">The stack's width is not the encoder's.</exception>
    public WordStateEncoder(OnnxSentenceEncoder encoder, BertLayerStack? stack = null)
    {
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        if (stack is not null && stack.Dim != encoder.Dimension)
            throw new ArgumentException($"the fine-tuned layers are {stack.Dim}-d, the encoder {encoder.Model.Name} gives {encoder.Dimension}-d states", nameof(stack));
        Stack = stack;
        var empty = encoder.Tokenizer.Encode("", 3);
        (_cls, _sep) = (empty[0], empty[^1]);
        var unknown = encoder.Tokenizer.Encode("\uE000", 8);
        _unk = unknown.Length == 3 ? unknown[1] : 100;
    }

    /// <summary>The sentence encoder whose token states are read.</summary>
    public OnnxSentenceEncoder Encoder { get; }

    /// <summary>Fine-tuned top layers run on the encoder's token states, or null (the encoder's last layer is used as is).</summary>
    public BertLayerStack? Stack { get; }

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
            for (int s = block; s < end; s++) result[s] = new float[(sentences[s]?.Length ?? 0) * Dimension];
            var chunks = Chunks(sentences, block, end);
            var states = Encoder.TokenStates(chunks.Select(c => c.Row).ToList());
            if (Stack is not null) states = RunStack(Stack, states);
            Pool(sentences, chunks, states, result);
            progress?.Invoke(end);
        }
        return result;
    }

    /// <summary>A run of words of one sentence encoded as one model row ([CLS] pieces [SEP]).</summary>
    internal readonly record struct Chunk(int Sentence, int FirstWord, int Words, long[] Row);

    /// <summary>Splits sentences [<paramref name="start"/>, <paramref name="end"/>) into model rows, in sentence order.</summary>
    internal List<Chunk> Chunks(IReadOnlyList<string[]> sentences, int start, int end)
    {
        var chunks = new List<Chunk>();
        for (int s = start; s < end; s++)
        {
            var words = sentences[s] ?? [];
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
                chunks.Add(new Chunk(s, first, w - first, [.. row]));
                first = w;
            }
        }
        return chunks;
    }

    /// <summary>Most tokens in one stack pass (about 23 KB of activations per token and layer for MiniLM).</summary>
    internal const int StackPassTokens = 4096;

    /// <summary>Runs <paramref name="stack"/> over the token states of several rows, consecutive rows packed into passes of at most
    /// <see cref="StackPassTokens"/> tokens (a longer row alone); returns each row's output states.</summary>
    internal static float[][] RunStack(BertLayerStack stack, IReadOnlyList<float[]> states)
    {
        int d = stack.Dim;
        var result = new float[states.Count][];
        BertStackPass? pass = null;
        for (int start = 0; start < states.Count;)
        {
            int end = start + 1, tokens = states[start].Length / d;
            while (end < states.Count && tokens + states[end].Length / d <= StackPassTokens) tokens += states[end++].Length / d;
            var rows = Enumerable.Range(start, end - start).Select(i => states[i]).ToList();
            var (input, lengths) = PackedRows.Pack(rows, d);
            pass = stack.Forward(input, lengths, pass, keepForBackward: false);
            var output = PackedRows.Unpack(pass.Output, lengths, d);
            output.CopyTo(result, start);
            start = end;
        }
        return result;
    }

    /// <summary>Pools each chunk's token states into its words' vectors in <paramref name="result"/> (allocated: sentences' words × <see cref="Dimension"/>).</summary>
    internal void Pool(IReadOnlyList<string[]> sentences, List<Chunk> chunks, IReadOnlyList<float[]> states, float[][] result)
    {
        for (int c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            Fill(sentences[chunk.Sentence], chunk.FirstWord, chunk.Words, states[c], result[chunk.Sentence]);
        }
    }

    /// <summary>Pools one chunk's token states (its row, [CLS] first) into the vectors of its words in <paramref name="output"/> (the sentence's words × <see cref="Dimension"/>).</summary>
    internal void Fill(string[] words, int firstWord, int count, ReadOnlySpan<float> states, float[] output)
    {
        int d = Encoder.Dimension;
        int token = 1; // after [CLS]
        for (int w = firstWord; w < firstWord + count; w++)
        {
            int pieces = Math.Min(Pieces(words[w]).Length, MaxPiecesPerChunk);
            var target = output.AsSpan(w * Dimension, Dimension);
            states.Slice(token * d, d).CopyTo(target);
            var mean = target.Slice(d, d);
            for (int p = 0; p < pieces; p++) System.Numerics.Tensors.TensorPrimitives.Add(mean, states.Slice((token + p) * d, d), mean);
            System.Numerics.Tensors.TensorPrimitives.Multiply(mean, 1f / pieces, mean);
            Shape(words[w], target[(2 * d)..]);
            token += pieces;
        }
    }

    /// <summary>The backward pass of the pooling: adds to <paramref name="dStates"/> (the chunk's tokens × model width) the gradient of the token
    /// states given <paramref name="dVectors"/>, the gradient of the sentence's word vectors (the shape flags have none).</summary>
    internal void PoolBackward(string[] words, Chunk chunk, ReadOnlySpan<float> dVectors, Span<float> dStates)
    {
        int d = Encoder.Dimension;
        int token = 1;
        for (int w = chunk.FirstWord; w < chunk.FirstWord + chunk.Words; w++)
        {
            int pieces = Math.Min(Pieces(words[w]).Length, MaxPiecesPerChunk);
            var dWord = dVectors.Slice(w * Dimension, Dimension);
            var first = dStates.Slice(token * d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(first, dWord[..d], first);
            for (int p = 0; p < pieces; p++)
            {
                var target = dStates.Slice((token + p) * d, d);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dWord.Slice(d, d), 1f / pieces, target, target);
            }
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
