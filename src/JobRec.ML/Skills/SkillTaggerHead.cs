using JobRec.ML.Numerics;

namespace JobRec.ML.Skills;

/// <summary>The trained part of the skill tagger: standardised word vectors of a word and its neighbours, then a bidirectional LSTM, or a ReLU hidden
/// layer, or nothing (linear head), and two
/// 3-way outputs (BIO of the skill layer, BIO of the knowledge layer), decoded per layer by constrained Viterbi: over softmax log-probabilities
/// (<see cref="BioTags.Decode"/>) or, with <see cref="Crf"/>, over the scores and learned transitions of a linear-chain CRF (<see cref="BioCrf"/>).</summary>
/// <remarks>Two layers rather than one joint tag set: SkillSpan nests knowledge spans inside skill spans, which one BIO sequence cannot express;
/// the layers share the hidden layer (multi-task) and differ only in their output rows.</remarks>
public sealed class SkillTaggerHead
{
    /// <summary>Outputs per word: 3 skill tags then 3 knowledge tags.</summary>
    public const int Outputs = 2 * BioTags.Count;

    /// <summary>Creates a head with zero weights and identity standardisation for <paramref name="inputDimension"/>-d word vectors.</summary>
    /// <param name="encoderName">Encoder whose word vectors the head reads.</param>
    /// <param name="inputDimension">Length of one word vector.</param>
    /// <param name="radius">Neighbours on each side in a word's input.</param>
    /// <param name="hidden">ReLU hidden width (0: none).</param>
    /// <param name="lstm">BiLSTM units per direction (0: none).</param>
    /// <param name="lstmLayers">Stacked BiLSTM layers (1 or 2; ignored without an LSTM).</param>
    /// <param name="crf">Decode (and train) each BIO layer with a linear-chain CRF (<see cref="BioCrf"/>) instead of per-word softmax.</param>
    /// <exception cref="ArgumentException">Both an LSTM and a hidden layer are asked for, or a layer count outside 1..2.</exception>
    public SkillTaggerHead(string encoderName, int inputDimension, int radius, int hidden, int lstm = 0, int lstmLayers = 1, bool crf = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lstm);
        if (lstm > 0 && hidden > 0) throw new ArgumentException($"a head has either an LSTM ({lstm}) or a hidden layer ({hidden}), not both");
        if (lstmLayers is < 1 or > 2) throw new ArgumentException($"LSTM layers must be 1 or 2, not {lstmLayers}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDimension);
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        ArgumentOutOfRangeException.ThrowIfNegative(hidden);
        Lstm = lstm;
        LstmLayerCount = lstm > 0 ? lstmLayers : 0;
        Crf = crf;
        LstmLayers = lstm > 0
            ? Enumerable.Range(0, lstmLayers).Select(l => new BiLstmLayer(l == 0 ? (2 * radius + 1) * inputDimension : 2 * lstm, lstm)).ToArray()
            : [];
        EncoderName = encoderName;
        InputDimension = inputDimension;
        Radius = radius;
        Hidden = hidden;
        Mean = new float[inputDimension];
        Scale = new float[inputDimension];
        Array.Fill(Scale, 1f);
        Parameters = new float[CrfOffset + (crf ? 2 * BioCrf.ParameterCount : 0)];
    }

    /// <summary>Name of the pretrained encoder whose word vectors the head reads (<see cref="Text.Onnx.PretrainedEncoderModel.Name"/>).</summary>
    public string EncoderName { get; }

    /// <summary>Length of one word vector.</summary>
    public int InputDimension { get; }

    /// <summary>Neighbours on each side in the input.</summary>
    public int Radius { get; }

    /// <summary>Hidden width (0: none).</summary>
    public int Hidden { get; }

    /// <summary>LSTM units per direction (0: none).</summary>
    public int Lstm { get; }

    /// <summary>Stacked BiLSTM layers (0 without an LSTM).</summary>
    public int LstmLayerCount { get; }

    /// <summary>Whether each BIO layer is decoded by a linear-chain CRF with learned start and transition scores.</summary>
    public bool Crf { get; }

    internal BiLstmLayer[] LstmLayers { get; }

    /// <summary>Offset of LSTM layer <paramref name="layer"/>'s parameters.</summary>
    internal int LstmOffset(int layer) => LstmLayers.Take(layer).Sum(l => l.ParameterCount);

    /// <summary>Per-feature mean subtracted before use.</summary>
    public float[] Mean { get; }

    /// <summary>Per-feature factor applied after subtracting the mean (1 / standard deviation).</summary>
    public float[] Scale { get; }

    /// <summary>All weights, flat: the LSTM layers or W1 (Hidden × ContextDimension) and b1, then W2 (Outputs × OutputInput), b2, then with a CRF
    /// the skill layer's and the knowledge layer's <see cref="BioCrf.ParameterCount"/> start and transition scores.</summary>
    public float[] Parameters { get; }

    /// <summary>Length of the input of one word: (2 Radius + 1) word vectors.</summary>
    public int ContextDimension => (2 * Radius + 1) * InputDimension;

    internal int OutputInput => Lstm > 0 ? 2 * Lstm : Hidden > 0 ? Hidden : ContextDimension;
    internal int W1Offset => 0;
    internal int B1Offset => Hidden * ContextDimension;
    internal int W2Offset => Lstm > 0 ? LstmOffset(LstmLayers.Length) : Hidden > 0 ? B1Offset + Hidden : 0;
    internal int B2Offset => W2Offset + Outputs * OutputInput;
    internal int CrfOffset => B2Offset + Outputs;

    /// <summary>Sets <see cref="Mean"/> and <see cref="Scale"/> from the word vectors of a training set.</summary>
    public void FitStandardisation(IReadOnlyList<float[]> sentences)
    {
        int d = InputDimension;
        var sum = new double[d];
        var squares = new double[d];
        long count = 0;
        foreach (var s in sentences)
            for (int w = 0; w < s.Length / d; w++, count++)
                for (int i = 0; i < d; i++) { double x = s[w * d + i]; sum[i] += x; squares[i] += x * x; }
        if (count == 0) return;
        for (int i = 0; i < d; i++)
        {
            double mean = sum[i] / count, variance = Math.Max(0, squares[i] / count - mean * mean);
            Mean[i] = (float)mean;
            Scale[i] = (float)(1 / Math.Sqrt(variance + 1e-4));
        }
    }

    /// <summary>Fills rows of <paramref name="context"/> (words × ContextDimension) with the standardised vectors of each word and its neighbours
    /// (zeros beyond the sentence ends), for the words of <paramref name="sentence"/> (words × InputDimension).</summary>
    internal void BuildContext(ReadOnlySpan<float> sentence, Span<float> context)
    {
        int d = InputDimension, words = sentence.Length / d, width = ContextDimension;
        context[..(words * width)].Clear();
        for (int w = 0; w < words; w++)
        {
            for (int o = -Radius; o <= Radius; o++)
            {
                int j = w + o;
                if (j < 0 || j >= words) continue;
                var target = context.Slice(w * width + (o + Radius) * d, d);
                var source = sentence.Slice(j * d, d);
                for (int i = 0; i < d; i++) target[i] = (source[i] - Mean[i]) * Scale[i];
            }
        }
    }

    /// <summary>Per-word output scores (words × <see cref="Outputs"/>, before any softmax) of one sentence given its word vectors.</summary>
    /// <exception cref="ArgumentException">The vector length is not a multiple of InputDimension.</exception>
    public float[] Scores(ReadOnlySpan<float> sentence)
    {
        if (sentence.Length % InputDimension != 0) throw new ArgumentException($"{sentence.Length} values are not whole {InputDimension}-d word vectors", nameof(sentence));
        int words = sentence.Length / InputDimension;
        var logits = new float[words * Outputs];
        if (words == 0) return logits;
        var context = new float[words * ContextDimension];
        BuildContext(sentence, context);
        var input = context;
        for (int l = 0; l < LstmLayers.Length; l++)
        {
            var output = new float[words * 2 * Lstm];
            LstmLayers[l].Forward(Parameters.AsSpan(LstmOffset(l), LstmLayers[l].ParameterCount), input, words, output, null);
            input = output;
        }
        if (Lstm == 0 && Hidden > 0)
        {
            input = new float[words * Hidden];
            Forward1(context, input, words);
            for (int i = 0; i < input.Length; i++) if (input[i] < 0) input[i] = 0;
        }
        Forward2(input, logits, words);
        return logits;
    }

    /// <summary>Per-word log-probabilities (words × <see cref="Outputs"/>: a log-softmax per BIO layer of <see cref="Scores"/>).</summary>
    /// <exception cref="ArgumentException">The vector length is not a multiple of InputDimension.</exception>
    public float[] LogProbabilities(ReadOnlySpan<float> sentence)
    {
        var logits = Scores(sentence);
        LogSoftmaxLayers(logits);
        return logits;
    }

    /// <summary>Predicted tags of one sentence: (skill layer, knowledge layer), by CRF Viterbi when <see cref="Crf"/>, else by constrained
    /// Viterbi over the per-word log-probabilities.</summary>
    public (byte[] Skill, byte[] Knowledge) Tag(ReadOnlySpan<float> sentence)
    {
        if (Crf)
        {
            var scores = Scores(sentence);
            int n = scores.Length / Outputs;
            var crf = Parameters.AsSpan(CrfOffset, 2 * BioCrf.ParameterCount);
            return (BioCrf.Decode(scores, n, Outputs, 0, crf[..BioCrf.ParameterCount]), BioCrf.Decode(scores, n, Outputs, BioTags.Count, crf[BioCrf.ParameterCount..]));
        }
        var logProbabilities = LogProbabilities(sentence);
        int words = logProbabilities.Length / Outputs;
        return (BioTags.Decode(logProbabilities, words, Outputs, 0), BioTags.Decode(logProbabilities, words, Outputs, BioTags.Count));
    }

    internal void Forward1(ReadOnlySpan<float> context, Span<float> hidden, int words)
    {
        var p = Parameters.AsSpan();
        Blas.Sgemm(false, true, words, Hidden, ContextDimension, 1f, context, p.Slice(W1Offset, Hidden * ContextDimension), 0f, hidden);
        var b1 = p.Slice(B1Offset, Hidden);
        for (int w = 0; w < words; w++) System.Numerics.Tensors.TensorPrimitives.Add(hidden.Slice(w * Hidden, Hidden), b1, hidden.Slice(w * Hidden, Hidden));
    }

    internal void Forward2(ReadOnlySpan<float> input, Span<float> logits, int words)
    {
        var p = Parameters.AsSpan();
        Blas.Sgemm(false, true, words, Outputs, OutputInput, 1f, input, p.Slice(W2Offset, Outputs * OutputInput), 0f, logits);
        var b2 = p.Slice(B2Offset, Outputs);
        for (int w = 0; w < words; w++) System.Numerics.Tensors.TensorPrimitives.Add(logits.Slice(w * Outputs, Outputs), b2, logits.Slice(w * Outputs, Outputs));
    }

    /// <summary>Replaces each 3-value group of <paramref name="logits"/> by its log-softmax.</summary>
    internal static void LogSoftmaxLayers(Span<float> logits)
    {
        for (int g = 0; g < logits.Length; g += BioTags.Count)
        {
            var group = logits.Slice(g, BioTags.Count);
            float max = MathF.Max(group[0], MathF.Max(group[1], group[2]));
            float log = max + MathF.Log(MathF.Exp(group[0] - max) + MathF.Exp(group[1] - max) + MathF.Exp(group[2] - max));
            for (int t = 0; t < BioTags.Count; t++) group[t] -= log;
        }
    }
}
