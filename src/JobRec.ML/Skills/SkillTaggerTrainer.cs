using JobRec.ML.Numerics;

namespace JobRec.ML.Skills;

/// <summary>Trains a <see cref="SkillTaggerHead"/> on cached word vectors: cross-entropy (or CRF likelihood) of both BIO layers, Adam, dropout, mini-batches of
/// sentences in a seeded shuffle; after each epoch the head tags the tuning sentences and the weights with the best combined strict span F1 are kept.
/// Deterministic for a given seed, input and thread count of the BLAS library.</summary>
public static class SkillTaggerTrainer
{
    /// <summary>One epoch's result.</summary>
    /// <param name="Epoch">1-based epoch.</param>
    /// <param name="Loss">Mean training loss per word (both layers summed).</param>
    /// <param name="Tune">Span scores on the tuning sentences after the epoch.</param>
    public readonly record struct EpochResult(int Epoch, double Loss, SkillSpanScores Tune);

    /// <summary>Trains a head for word vectors of <paramref name="inputDimension"/> values.</summary>
    /// <param name="encoderName">Encoder recorded in the head.</param>
    /// <param name="inputDimension">Length of one word vector.</param>
    /// <param name="train">Training sentences with their word vectors (words × inputDimension each).</param>
    /// <param name="tune">Sentences used to choose the epoch.</param>
    /// <param name="options">Shape and training settings.</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="ArgumentException">No training sentence, or a vector length that does not match its sentence.</exception>
    public static (SkillTaggerHead Head, IReadOnlyList<EpochResult> History) Train(string encoderName, int inputDimension,
        IReadOnlyList<(TaggedSentence Sentence, float[] Vectors)> train, IReadOnlyList<(TaggedSentence Sentence, float[] Vectors)> tune,
        SkillTaggerOptions options, Action<string>? log = null)
    {
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("no training sentences", nameof(train));
        foreach (var (s, v) in train.Concat(tune))
            if (v.Length != s.Tokens.Length * inputDimension) throw new ArgumentException($"a sentence of {s.Tokens.Length} words has {v.Length} vector values, expected {s.Tokens.Length * inputDimension}");
        var head = new SkillTaggerHead(encoderName, inputDimension, options.Radius, options.Hidden, options.Lstm, options.LstmLayers, options.Crf);
        head.FitStandardisation(train.Select(t => t.Vectors).ToList());
        var random = new Random(options.Seed);
        Initialise(head, random);
        var adam = new AdamOptimizer(head.Parameters.Length, options.LearningRate, weightDecay: options.WeightDecay);
        var gradient = new float[head.Parameters.Length];
        var best = (float[])head.Parameters.Clone();
        double bestF1 = -1;
        int sinceBest = 0;
        var history = new List<EpochResult>();
        var order = Enumerable.Range(0, train.Count).ToArray();
        var workspace = new Workspace();
        for (int epoch = 1; epoch <= options.Epochs && sinceBest < options.Patience; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            long words = 0;
            for (int start = 0; start < order.Length; start += options.BatchSentences)
            {
                var batch = order.AsSpan(start, Math.Min(options.BatchSentences, order.Length - start)).ToArray().Select(i => train[i]).ToList();
                int n = batch.Sum(b => b.Sentence.Tokens.Length);
                if (n == 0) continue;
                loss += Step(head, batch, n, options, random, gradient, workspace);
                words += n;
                adam.Step(head.Parameters, gradient);
            }
            var scores = Evaluate(head, tune);
            history.Add(new EpochResult(epoch, loss / Math.Max(1, words), scores));
            log?.Invoke($"epoch {epoch}: loss {loss / Math.Max(1, words):F4}, tune skill F1 {scores.Skill.F1:F3} knowledge F1 {scores.Knowledge.F1:F3} combined F1 {scores.Combined.F1:F3}");
            if (scores.Combined.F1 > bestF1)
            {
                (bestF1, sinceBest) = (scores.Combined.F1, 0);
                Array.Copy(head.Parameters, best, best.Length);
            }
            else sinceBest++;
        }
        Array.Copy(best, head.Parameters, best.Length);
        return (head, history);
    }

    /// <summary>Strict span scores of <paramref name="head"/> on tagged sentences with their word vectors.</summary>
    public static SkillSpanScores Evaluate(SkillTaggerHead head, IReadOnlyList<(TaggedSentence Sentence, float[] Vectors)> sentences)
    {
        var scores = new SkillSpanScores();
        foreach (var (sentence, vectors) in sentences)
        {
            var (skill, knowledge) = head.Tag(vectors);
            scores = scores.Add(sentence, skill, knowledge);
        }
        return scores;
    }

    internal static void Initialise(SkillTaggerHead head, Random random)
    {
        var p = head.Parameters;
        for (int l = 0; l < head.LstmLayers.Length; l++) head.LstmLayers[l].Initialise(p.AsSpan(head.LstmOffset(l), head.LstmLayers[l].ParameterCount), random);
        if (head.Hidden > 0) Glorot(p.AsSpan(head.W1Offset, head.Hidden * head.ContextDimension), head.ContextDimension, head.Hidden, random);
        Glorot(p.AsSpan(head.W2Offset, SkillTaggerHead.Outputs * head.OutputInput), head.OutputInput, SkillTaggerHead.Outputs, random);
    }

    private static void Glorot(Span<float> weights, int fanIn, int fanOut, Random random)
    {
        float limit = MathF.Sqrt(6f / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++) weights[i] = (float)(random.NextDouble() * 2 - 1) * limit;
    }

    internal sealed class Workspace
    {
        public float[] Context = [], Hidden = [], PreActivation = [], Logits = [], HiddenGradient = [], InputMask = [];
        /// <summary>Per LSTM layer: output before dropout, output after dropout, dropout mask, gradient of the dropped output.</summary>
        public float[][] Raw = [], Dropped = [], Masks = [], DroppedGradient = [];
        /// <summary>Per LSTM layer, per sentence of the batch.</summary>
        public List<BiLstmLayer.Cache>[] Caches = [];

        public static float[] Ensure(ref float[] buffer, int length) => buffer.Length >= length ? buffer : buffer = new float[length];

        public void EnsureLayers(int layers)
        {
            if (Raw.Length >= layers) return;
            Raw = new float[layers][];
            Dropped = new float[layers][];
            Masks = new float[layers][];
            DroppedGradient = new float[layers][];
            Caches = new List<BiLstmLayer.Cache>[layers];
            for (int l = 0; l < layers; l++) (Raw[l], Dropped[l], Masks[l], DroppedGradient[l], Caches[l]) = ([], [], [], [], []);
        }
    }

    /// <summary>Forward and backward pass over one batch; writes the mean gradient per word and returns the summed loss. When
    /// <paramref name="dContext"/> is not empty (n × ContextDimension), it receives the gradient of the loss with respect to the standardised
    /// context rows before input dropout (for fine-tuning the layers below the head).</summary>
    internal static double Step(SkillTaggerHead head, List<(TaggedSentence Sentence, float[] Vectors)> batch, int n, SkillTaggerOptions options,
        Random random, float[] gradient, Workspace ws, Span<float> dContext = default)
    {
        int cd = head.ContextDimension, h = head.Hidden, outputs = SkillTaggerHead.Outputs, oi = head.OutputInput;
        Array.Clear(gradient);
        var g = gradient.AsSpan();
        var context = Workspace.Ensure(ref ws.Context, n * cd).AsSpan(0, n * cd);
        int row = 0;
        foreach (var (sentence, vectors) in batch)
        {
            head.BuildContext(vectors, context.Slice(row * cd, sentence.Tokens.Length * cd));
            row += sentence.Tokens.Length;
        }
        Span<float> inputMask = default;
        if (dContext.IsEmpty) Dropout(context, options.InputDropout, random);
        else
        {
            inputMask = Workspace.Ensure(ref ws.InputMask, n * cd).AsSpan(0, n * cd);
            inputMask.Fill(1f);
            Dropout(inputMask, options.InputDropout, random);
            System.Numerics.Tensors.TensorPrimitives.Multiply(context, inputMask, context);
            dContext.Clear();
        }
        Span<float> input = context;
        Span<float> preActivation = default;
        var layers = head.LstmLayers;
        ws.EnsureLayers(layers.Length);
        for (int l = 0; l < layers.Length; l++)
        {
            // Layer l reads `input` (the context, or the previous layer's dropped output) and writes its output, then dropout with a kept mask.
            var raw = Workspace.Ensure(ref ws.Raw[l], n * oi).AsSpan(0, n * oi);
            var caches = ws.Caches[l];
            while (caches.Count < batch.Count) caches.Add(new BiLstmLayer.Cache());
            int inputWidth = layers[l].Input;
            row = 0;
            for (int b = 0; b < batch.Count; b++)
            {
                int words = batch[b].Sentence.Tokens.Length;
                if (words > 0) layers[l].Forward(head.Parameters.AsSpan(head.LstmOffset(l), layers[l].ParameterCount), input.Slice(row * inputWidth, words * inputWidth), words, raw.Slice(row * oi, words * oi), caches[b]);
                row += words;
            }
            var mask = Workspace.Ensure(ref ws.Masks[l], n * oi).AsSpan(0, n * oi);
            mask.Fill(1f);
            Dropout(mask, options.HiddenDropout, random);
            var dropped = Workspace.Ensure(ref ws.Dropped[l], n * oi).AsSpan(0, n * oi);
            System.Numerics.Tensors.TensorPrimitives.Multiply(raw, mask, dropped);
            input = dropped;
        }
        if (layers.Length == 0 && h > 0)
        {
            preActivation = Workspace.Ensure(ref ws.PreActivation, n * h).AsSpan(0, n * h);
            head.Forward1(context, preActivation, n);
            input = Workspace.Ensure(ref ws.Hidden, n * h).AsSpan(0, n * h);
            for (int i = 0; i < input.Length; i++) input[i] = preActivation[i] > 0 ? preActivation[i] : 0;
            Dropout(input, options.HiddenDropout, random);
        }
        var logits = Workspace.Ensure(ref ws.Logits, n * outputs).AsSpan(0, n * outputs);
        head.Forward2(input, logits, n);
        double loss = head.Crf ? CrfLoss(head, batch, n, logits, g) : SoftmaxLoss(batch, n, options, logits);
        // logits now hold dLoss/dLogits (mean per word).
        Blas.Sgemm(true, false, outputs, oi, n, 1f, logits, input, 0f, g.Slice(head.W2Offset, outputs * oi));
        var b2 = g.Slice(head.B2Offset, outputs);
        for (int r = 0; r < n; r++) System.Numerics.Tensors.TensorPrimitives.Add(b2, logits.Slice(r * outputs, outputs), b2);
        if (layers.Length > 0)
        {
            var dDropped = Workspace.Ensure(ref ws.DroppedGradient[layers.Length - 1], n * oi).AsSpan(0, n * oi);
            Blas.Sgemm(false, false, n, oi, outputs, 1f, logits, head.Parameters.AsSpan(head.W2Offset, outputs * oi), 0f, dDropped);
            for (int l = layers.Length - 1; l >= 0; l--)
            {
                var dRaw = Workspace.Ensure(ref ws.DroppedGradient[l], n * oi).AsSpan(0, n * oi);
                System.Numerics.Tensors.TensorPrimitives.Multiply(dRaw, ws.Masks[l].AsSpan(0, n * oi), dRaw);
                int inputWidth = layers[l].Input;
                ReadOnlySpan<float> layerInput = l == 0 ? context : ws.Dropped[l - 1].AsSpan(0, n * oi);
                Span<float> dInput = default;
                if (l > 0)
                {
                    dInput = Workspace.Ensure(ref ws.DroppedGradient[l - 1], n * oi).AsSpan(0, n * oi);
                    dInput.Clear();
                }
                var raw = ws.Raw[l].AsSpan(0, n * oi);
                row = 0;
                for (int b = 0; b < batch.Count; b++)
                {
                    int words = batch[b].Sentence.Tokens.Length;
                    if (words > 0)
                        layers[l].Backward(head.Parameters.AsSpan(head.LstmOffset(l), layers[l].ParameterCount), layerInput.Slice(row * inputWidth, words * inputWidth), words,
                            raw.Slice(row * oi, words * oi), dRaw.Slice(row * oi, words * oi), ws.Caches[l][b], g.Slice(head.LstmOffset(l), layers[l].ParameterCount),
                            l > 0 ? dInput.Slice(row * inputWidth, words * inputWidth) : dContext.IsEmpty ? default : dContext.Slice(row * inputWidth, words * inputWidth));
                    row += words;
                }
            }
        }
        else if (h > 0)
        {
            var hiddenGradient = Workspace.Ensure(ref ws.HiddenGradient, n * h).AsSpan(0, n * h);
            Blas.Sgemm(false, false, n, h, outputs, 1f, logits, head.Parameters.AsSpan(head.W2Offset, outputs * oi), 0f, hiddenGradient);
            // Through ReLU and dropout: the dropped or inactive units have input == 0.
            for (int i = 0; i < hiddenGradient.Length; i++) if (input[i] == 0) hiddenGradient[i] = 0; else hiddenGradient[i] *= input[i] / preActivation[i];
            Blas.Sgemm(true, false, h, cd, n, 1f, hiddenGradient, context, 0f, g.Slice(head.W1Offset, h * cd));
            var b1 = g.Slice(head.B1Offset, h);
            for (int r = 0; r < n; r++) System.Numerics.Tensors.TensorPrimitives.Add(b1, hiddenGradient.Slice(r * h, h), b1);
            if (!dContext.IsEmpty) Blas.Sgemm(false, false, n, cd, h, 1f, hiddenGradient, head.Parameters.AsSpan(head.W1Offset, h * cd), 0f, dContext);
        }
        else if (!dContext.IsEmpty) Blas.Sgemm(false, false, n, cd, outputs, 1f, logits, head.Parameters.AsSpan(head.W2Offset, outputs * oi), 0f, dContext);
        if (!dContext.IsEmpty) System.Numerics.Tensors.TensorPrimitives.Multiply(dContext, inputMask, dContext);
        return loss;
    }

    /// <summary>Weighted cross-entropy of both BIO layers; replaces <paramref name="logits"/> by dLoss/dLogits (mean per word) and returns the summed loss.</summary>
    private static double SoftmaxLoss(List<(TaggedSentence Sentence, float[] Vectors)> batch, int n, SkillTaggerOptions options, Span<float> logits)
    {
        const int outputs = SkillTaggerHead.Outputs;
        SkillTaggerHead.LogSoftmaxLayers(logits);
        double loss = 0;
        int row = 0;
        foreach (var (sentence, _) in batch)
        {
            for (int w = 0; w < sentence.Tokens.Length; w++, row++)
            {
                for (int layer = 0; layer < 2; layer++)
                {
                    int gold = (layer == 0 ? sentence.Skill : sentence.Knowledge)[w];
                    float weight = gold == BioTags.O ? 1f : options.SpanWeight;
                    var group = logits.Slice(row * outputs + layer * BioTags.Count, BioTags.Count);
                    loss -= weight * group[gold];
                    for (int t = 0; t < BioTags.Count; t++) group[t] = (MathF.Exp(group[t]) - (t == gold ? 1f : 0f)) * weight / n;
                }
            }
        }
        return loss;
    }

    /// <summary>CRF negative log-likelihood of both BIO layers; adds the transition gradient to <paramref name="gradient"/>, replaces
    /// <paramref name="logits"/> by dLoss/dLogits (mean per word) and returns the summed loss.</summary>
    private static double CrfLoss(SkillTaggerHead head, List<(TaggedSentence Sentence, float[] Vectors)> batch, int n, Span<float> logits, Span<float> gradient)
    {
        const int outputs = SkillTaggerHead.Outputs;
        var dLogits = new float[n * outputs];
        var crf = head.Parameters.AsSpan(head.CrfOffset, 2 * BioCrf.ParameterCount);
        var dCrf = gradient.Slice(head.CrfOffset, 2 * BioCrf.ParameterCount);
        double loss = 0;
        int row = 0;
        foreach (var (sentence, _) in batch)
        {
            int words = sentence.Tokens.Length;
            var scores = logits.Slice(row * outputs, words * outputs);
            var dScores = dLogits.AsSpan(row * outputs, words * outputs);
            loss += BioCrf.LossAndGradient(scores, outputs, 0, sentence.Skill, crf[..BioCrf.ParameterCount], 1f / n, dScores, dCrf[..BioCrf.ParameterCount]);
            loss += BioCrf.LossAndGradient(scores, outputs, BioTags.Count, sentence.Knowledge, crf[BioCrf.ParameterCount..], 1f / n, dScores, dCrf[BioCrf.ParameterCount..]);
            row += words;
        }
        dLogits.CopyTo(logits);
        return loss;
    }

    private static void Dropout(Span<float> values, float rate, Random random)
    {
        if (rate <= 0) return;
        float keep = 1f / (1f - rate);
        for (int i = 0; i < values.Length; i++) values[i] = random.NextSingle() < rate ? 0f : values[i] * keep;
    }
}
