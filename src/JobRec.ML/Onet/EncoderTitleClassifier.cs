using System.Numerics.Tensors;
using JobRec.ML.Language.Layers;
using JobRec.ML.Numerics;
using JobRec.ML.Text;
using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Onet;

/// <summary>A softmax classifier of titles on a fine-tuned USE-Lite: the whole encoder (<see cref="TrainableUseLite"/>) and a new linear layer over
/// its 512-d output are trained together on softmax cross-entropy (label smoothing, Adam, batches of titles of one token length).</summary>
public sealed class EncoderTitleClassifier
{
    private const int PredictBatch = 256;
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly TrainableUseLite _encoder;
    private readonly float[] _head; // OutputDim x classes kernel, then classes biases
    private readonly int _maxTokens;

    private EncoderTitleClassifier(SentencePieceTokenizer tokenizer, TrainableUseLite encoder, float[] head, int classes, int maxTokens)
    {
        (_tokenizer, _encoder, _head, Classes, _maxTokens) = (tokenizer, encoder, head, classes, maxTokens);
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Tokens of a title the classifier reads.</summary>
    public int MaxTokens => _maxTokens;

    /// <summary>The fine-tuned encoder weights followed by the softmax layer, flat (what <see cref="FromParameters"/> reads back).</summary>
    public (float[] Encoder, float[] Head) Parameters => (_encoder.Parameters, _head);

    /// <summary>Fine-tunes a copy of <paramref name="pretrained"/> with a new softmax layer on titles labelled 0..classes-1 (titles without tokens are skipped).</summary>
    /// <exception cref="ArgumentException">Counts disagree, a label is out of range (the message gives the row) or a setting is not positive.</exception>
    public static EncoderTitleClassifier Train(UseLiteEncoder pretrained, IReadOnlyList<string> titles, IReadOnlyList<int> labels, int classes,
        EncoderClassifierOptions? options = null, Action<int, double>? progress = null)
    {
        options ??= new EncoderClassifierOptions();
        if (options.Epochs <= 0 || options.BatchSize <= 0 || options.MaxTokens <= 0 || !(options.EncoderLearningRate >= 0) || !(options.HeadLearningRate > 0)
            || !(options.LabelSmoothing is >= 0 and < 1))
            throw new ArgumentException($"epochs, batch size, max tokens and the head's step must be positive, the encoder's step not negative, label smoothing in [0, 1): {options}", nameof(options));
        if (classes <= 0) throw new ArgumentException($"classes must be positive, was {classes}", nameof(classes));
        if (labels.Count != titles.Count) throw new ArgumentException($"{titles.Count} titles and {labels.Count} labels", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} of row {i} is outside 0..{classes - 1}", nameof(labels));

        int width = TrainableUseLite.OutputDim;
        var random = new Random(options.Seed);
        var head = new float[width * classes + classes];
        float range = 1f / MathF.Sqrt(width);
        for (int i = 0; i < width * classes; i++) head[i] = (float)(random.NextDouble() * 2 - 1) * range;
        var model = new EncoderTitleClassifier(pretrained.Tokenizer, TrainableUseLite.From(pretrained), head, classes, options.MaxTokens);

        var tokens = titles.Select(model.Tokens).ToArray();
        var byLength = Enumerable.Range(0, titles.Count).Where(i => tokens[i].Length > 0).GroupBy(i => tokens[i].Length).ToArray();
        int steps = options.Epochs * byLength.Sum(g => (g.Count() + options.BatchSize - 1) / options.BatchSize);
        int warmup = Math.Max(1, steps / 20), step = 0;
        var encoderAdam = new AdamOptimizer(model._encoder.Parameters.Length);
        var headAdam = new AdamOptimizer(head.Length);
        var headGradient = new float[head.Length];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var batches = new List<int[]>();
            foreach (var group in byLength)
            {
                var members = group.ToArray();
                random.Shuffle(members);
                for (int s = 0; s < members.Length; s += options.BatchSize) batches.Add(members[s..Math.Min(members.Length, s + options.BatchSize)]);
            }
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
            double loss = 0;
            int seen = 0;
            foreach (var batch in batches)
            {
                float scale = ++step <= warmup ? (float)step / warmup : Math.Max(0f, (float)(steps - step) / Math.Max(1, steps - warmup));
                encoderAdam.LearningRate = options.EncoderLearningRate * scale;
                headAdam.LearningRate = options.HeadLearningRate * scale;
                loss += model.Step(batch, tokens, labels, options.LabelSmoothing, headGradient) * batch.Length;
                seen += batch.Length;
                if (options.EncoderLearningRate > 0) encoderAdam.Step(model._encoder.Parameters, model._encoder.Gradients);
                headAdam.Step(head, headGradient);
            }
            progress?.Invoke(epoch + 1, loss / Math.Max(1, seen));
        }
        return model;
    }

    /// <summary>A classifier from saved parameters (<see cref="Parameters"/>) on the architecture of <paramref name="pretrained"/>.</summary>
    /// <exception cref="ArgumentException">An array has the wrong length for the architecture or the class count.</exception>
    public static EncoderTitleClassifier FromParameters(UseLiteEncoder pretrained, float[] encoder, float[] head, int classes, int maxTokens)
    {
        if (classes <= 0 || head.Length != (TrainableUseLite.OutputDim + 1) * classes)
            throw new ArgumentException($"{head.Length} softmax values for {classes} classes (expected {(TrainableUseLite.OutputDim + 1) * classes})", nameof(head));
        if (maxTokens <= 0) throw new ArgumentException($"max tokens must be positive, was {maxTokens}", nameof(maxTokens));
        return new EncoderTitleClassifier(pretrained.Tokenizer, TrainableUseLite.From(pretrained, encoder), head, classes, maxTokens);
    }

    /// <summary>Class probabilities, titles x <see cref="Classes"/> row-major (a title without tokens gets the softmax of the biases).</summary>
    public float[] PredictProbabilities(IReadOnlyList<string> titles)
    {
        int c = Classes, width = TrainableUseLite.OutputDim;
        var result = new float[titles.Count * c];
        var tokens = titles.Select(Tokens).ToArray();
        var kernel = _head.AsSpan(0, width * c);
        var bias = _head.AsSpan(width * c, c);
        foreach (var group in Enumerable.Range(0, titles.Count).GroupBy(i => tokens[i].Length))
        {
            var members = group.ToArray();
            for (int s = 0; s < members.Length; s += PredictBatch)
            {
                var batch = members[s..Math.Min(members.Length, s + PredictBatch)];
                var logits = new float[batch.Length * c];
                if (group.Key == 0) for (int b = 0; b < batch.Length; b++) bias.CopyTo(logits.AsSpan(b * c, c));
                else
                {
                    var u = _encoder.Forward(Flatten(batch, tokens, group.Key), batch.Length, group.Key, keep: false);
                    LinearLayer.Forward(u, kernel, bias, logits, batch.Length, width, c);
                }
                Softmax.RowsInPlace(logits, c);
                for (int b = 0; b < batch.Length; b++) logits.AsSpan(b * c, c).CopyTo(result.AsSpan(batch[b] * c, c));
            }
        }
        return result;
    }

    /// <summary>One forward and backward pass over a batch of same-length titles; fills the encoder's and the head's gradients, returns the mean loss.</summary>
    private double Step(int[] batch, int[][] tokens, IReadOnlyList<int> labels, float smoothing, float[] headGradient)
    {
        int c = Classes, width = TrainableUseLite.OutputDim, n = batch.Length, length = tokens[batch[0]].Length;
        var kernel = _head.AsSpan(0, width * c);
        var bias = _head.AsSpan(width * c, c);
        _encoder.ZeroGradients();
        Array.Clear(headGradient);
        var u = _encoder.Forward(Flatten(batch, tokens, length), n, length);
        var logits = new float[n * c];
        LinearLayer.Forward(u, kernel, bias, logits, n, width, c);
        Softmax.RowsInPlace(logits, c);
        double loss = 0;
        float spread = smoothing / c;
        for (int b = 0; b < n; b++)
        {
            var row = logits.AsSpan(b * c, c);
            int label = labels[batch[b]];
            for (int j = 0; j < c; j++) loss -= (spread + (j == label ? 1 - smoothing : 0)) * Math.Log(Math.Max(row[j], 1e-12f));
            TensorPrimitives.Subtract(row, spread, row);
            row[label] -= 1 - smoothing;
            TensorPrimitives.Divide(row, n, row);
        }
        var du = new float[n * width];
        LinearLayer.Backward(logits, u, kernel, du, headGradient.AsSpan(0, width * c), headGradient.AsSpan(width * c, c), n, width, c);
        _encoder.Backward(du);
        return loss / n;
    }

    private int[] Tokens(string title)
    {
        var ids = _tokenizer.Encode(title ?? "");
        return ids.Length <= _maxTokens ? ids : ids[.._maxTokens];
    }

    private static int[] Flatten(int[] batch, int[][] tokens, int length)
    {
        var flat = new int[batch.Length * length];
        for (int b = 0; b < batch.Length; b++) tokens[batch[b]].CopyTo(flat, b * length);
        return flat;
    }
}
