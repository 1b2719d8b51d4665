using System.Numerics.Tensors;
using JobRec.ML.Numerics;

namespace JobRec.ML.Onet;

/// <summary>A fastText-style softmax classifier of titles: the input is the mean of learned embeddings of the title's word, bigram,
/// head-word and character n-gram features (<see cref="TitleNgrams"/>) joined with the title's fixed sentence embedding;
/// trained with mini-batch SGD (linearly decaying step) on softmax cross-entropy, the matrix products on OpenBLAS.</summary>
public sealed class SubwordTitleClassifier
{
    private readonly TitleVocabulary _vocabulary;
    private readonly float[] _embeddings; // features x hidden
    private readonly float[] _output;     // classes x (hidden + dense)
    private readonly float[] _bias;
    private readonly float[] _groupOutput; // groups x (hidden + dense)
    private readonly float[] _groupBias;
    private readonly int[][] _groupsOfClass;
    private readonly float _denseScale;

    private SubwordTitleClassifier(TitleVocabulary vocabulary, int hidden, int dense, int classes, float denseScale, int seed, int[][] groupsOfClass, int groups)
    {
        (_vocabulary, Hidden, Dense, Classes, _denseScale, _groupsOfClass, Groups) = (vocabulary, hidden, dense, classes, denseScale, groupsOfClass, groups);
        _groupOutput = new float[groups * (hidden + dense)];
        _groupBias = new float[groups];
        _embeddings = new float[vocabulary.Count * hidden];
        var random = new Random(seed);
        for (int i = 0; i < _embeddings.Length; i++) _embeddings[i] = (float)(random.NextDouble() * 2 - 1) / hidden;
        _output = new float[classes * (hidden + dense)];
        _bias = new float[classes];
    }

    private SubwordTitleClassifier(TitleVocabulary vocabulary, int hidden, int dense, int classes, float denseScale, float[] embeddings, float[] output,
        float[] bias, float[] groupOutput, float[] groupBias, int[][] groupsOfClass, int groups)
    {
        (_vocabulary, Hidden, Dense, Classes, _denseScale, _embeddings, _output, _bias, _groupOutput, _groupBias, _groupsOfClass, Groups) =
            (vocabulary, hidden, dense, classes, denseScale, embeddings, output, bias, groupOutput, groupBias, groupsOfClass, groups);
    }

    /// <summary>Width of the n-gram embedding part of the input.</summary>
    public int Hidden { get; }

    /// <summary>Length of the sentence embedding part of the input (0 when trained without one).</summary>
    public int Dense { get; }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>Number of class groups whose shared weights add to each member class's logit (0 without groups).</summary>
    public int Groups { get; }

    /// <summary>Trains on titles with their sentence embeddings (n x <paramref name="dense"/>, may be empty when dense is 0) and labels in 0..classes-1;
    /// <paramref name="groupsOfClass"/> optionally lists for each class the groups (0..groups-1, e.g. <see cref="SocHierarchy"/>) whose shared output
    /// weights add to its logit, so that related classes learn together.</summary>
    /// <exception cref="ArgumentException">Counts disagree, a label or group is out of range (the message gives the row) or a setting is not positive.</exception>
    public static SubwordTitleClassifier Train(IReadOnlyList<string> titles, ReadOnlySpan<float> embeddings, int dense, IReadOnlyList<int> labels,
        int classes, SubwordClassifierOptions? options = null, Action<int, double>? progress = null, int[][]? groupsOfClass = null, int groups = 0)
    {
        options ??= new SubwordClassifierOptions();
        int n = titles.Count;
        if (options.Hidden <= 0 || options.Epochs <= 0 || options.BatchSize <= 0 || !(options.LearningRate > 0))
            throw new ArgumentException($"hidden, epochs, batch size and learning rate must be positive: {options}", nameof(options));
        if (classes <= 0) throw new ArgumentException($"classes must be positive, was {classes}", nameof(classes));
        if (dense < 0) throw new ArgumentException($"dense must not be negative, was {dense}", nameof(dense));
        if (labels.Count != n || embeddings.Length != (long)n * dense)
            throw new ArgumentException($"{n} titles, {labels.Count} labels and {embeddings.Length} embedding values (expected {(long)n * dense})");
        for (int i = 0; i < n; i++)
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} of row {i} is outside 0..{classes - 1}", nameof(labels));

        groupsOfClass ??= Enumerable.Range(0, classes).Select(_ => Array.Empty<int>()).ToArray();
        if (groupsOfClass.Length != classes) throw new ArgumentException($"{groupsOfClass.Length} group lists for {classes} classes", nameof(groupsOfClass));
        for (int c = 0; c < classes; c++)
            foreach (var group in groupsOfClass[c])
                if ((uint)group >= (uint)groups) throw new ArgumentException($"group {group} of class {c} is outside 0..{groups - 1}", nameof(groupsOfClass));
        var model = new SubwordTitleClassifier(new TitleVocabulary(titles), options.Hidden, dense, classes, options.DenseScale, options.Seed, groupsOfClass, groups);
        var features = titles.Select(model._vocabulary.Extract).ToArray();
        int h = model.Hidden, width = h + dense, batch = options.BatchSize;
        var x = new float[batch * width];
        var g = new float[batch * classes];
        var gradX = new float[batch * width];
        var groupGradient = new float[batch * Math.Max(groups, 1)];
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(options.Seed);
        long totalSteps = (long)options.Epochs * ((n + batch - 1) / batch), step = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            for (int start = 0; start < n; start += batch)
            {
                int b = Math.Min(batch, n - start);
                float lr = options.LearningRate * (1f - (float)step++ / totalSteps);
                var rows = order.AsSpan(start, b);
                for (int i = 0; i < b; i++)
                    model.Input(features[rows[i]], dense == 0 ? default : embeddings.Slice(rows[i] * dense, dense), x.AsSpan(i * width, width));
                var logits = g.AsSpan(0, b * classes);
                model.Logits(x.AsSpan(0, b * width), b, logits, groupGradient);
                Softmax.RowsInPlace(logits, classes);
                for (int i = 0; i < b; i++)
                {
                    int label = labels[rows[i]];
                    loss -= Math.Log(Math.Max(logits[i * classes + label], 1e-12f));
                    logits[i * classes + label] -= 1f;
                }
                // Input gradient before the output layer moves, then the output layer and bias, then the n-gram embeddings.
                Blas.Sgemm(false, false, b, width, classes, 1f, logits, model._output, 0f, gradX);
                if (groups > 0)
                {
                    var gg = groupGradient.AsSpan(0, b * groups);
                    gg.Clear();
                    for (int i = 0; i < b; i++)
                        for (int c = 0; c < classes; c++)
                            foreach (var group in model._groupsOfClass[c]) gg[i * groups + group] += logits[i * classes + c];
                    Blas.Sgemm(false, false, b, width, groups, 1f, gg, model._groupOutput, 1f, gradX);
                    Blas.Sgemm(true, false, groups, width, b, -lr, gg, x.AsSpan(0, b * width), 1f, model._groupOutput);
                    for (int i = 0; i < b; i++) TensorPrimitives.MultiplyAdd(gg.Slice(i * groups, groups), -lr, model._groupBias, model._groupBias);
                }
                Blas.Sgemm(true, false, classes, width, b, -lr, logits, x.AsSpan(0, b * width), 1f, model._output);
                for (int i = 0; i < b; i++) TensorPrimitives.MultiplyAdd(logits.Slice(i * classes, classes), -lr, model._bias, model._bias);
                for (int i = 0; i < b; i++)
                {
                    var ids = features[rows[i]];
                    if (ids.Length == 0) continue;
                    var gi = gradX.AsSpan(i * width, h);
                    float scale = -lr / ids.Length;
                    foreach (var f in ids)
                    {
                        var row = model._embeddings.AsSpan(f * h, h);
                        TensorPrimitives.MultiplyAdd(gi, scale, row, row);
                    }
                }
            }
            progress?.Invoke(epoch, loss / n);
        }
        return model;
    }

    /// <summary>Class probabilities (titles x <see cref="Classes"/>) of titles with their sentence embeddings (titles x <see cref="Dense"/>).</summary>
    /// <exception cref="ArgumentException">The embeddings do not have titles x Dense values.</exception>
    public float[] PredictProbabilities(IReadOnlyList<string> titles, ReadOnlySpan<float> embeddings)
    {
        int m = titles.Count, width = Hidden + Dense;
        if (embeddings.Length != (long)m * Dense) throw new ArgumentException($"{m} titles need {(long)m * Dense} embedding values, got {embeddings.Length}", nameof(embeddings));
        var x = new float[m * width];
        for (int i = 0; i < m; i++)
            Input(_vocabulary.Extract(titles[i]), Dense == 0 ? default : embeddings.Slice(i * Dense, Dense), x.AsSpan(i * width, width));
        var output = new float[m * Classes];
        Logits(x, m, output, new float[m * Math.Max(Groups, 1)]);
        Softmax.RowsInPlace(output, Classes);
        return output;
    }

    /// <summary>Writes the trained classifier (<see cref="OnetModelFile"/>).</summary>
    internal void WriteTo(OnetModelWriter writer)
    {
        writer.Int32(Hidden);
        writer.Int32(Dense);
        writer.Int32(Classes);
        writer.Int32(Groups);
        writer.Single(_denseScale);
        _vocabulary.WriteTo(writer);
        writer.Floats(_embeddings);
        writer.Floats(_output);
        writer.Floats(_bias);
        writer.Floats(_groupOutput);
        writer.Floats(_groupBias);
        foreach (var groups in _groupsOfClass) writer.Ints(groups);
    }

    /// <summary>Reads a classifier written by <see cref="WriteTo"/> over <paramref name="classes"/> classes whose sentence-embedding part has
    /// <paramref name="dense"/> values (0 when trained without one).</summary>
    /// <exception cref="InvalidDataException">A size or group index is inconsistent.</exception>
    internal static SubwordTitleClassifier ReadFrom(OnetModelReader reader, int classes, int dense)
    {
        int hidden = reader.Int32("classifier hidden width", 1, 1 << 16);
        int storedDense = reader.Int32("classifier dense width", 0, 1 << 16);
        if (storedDense != 0 && storedDense != dense) throw reader.Error($"classifier reads {storedDense}-d sentence embeddings, the model's are {dense}-d");
        reader.Int32("classifier classes", classes, classes);
        int groups = reader.Int32("classifier groups", 0, 1 << 20);
        float denseScale = reader.Single("classifier dense scale");
        var vocabulary = TitleVocabulary.ReadFrom(reader);
        int width = hidden + storedDense;
        var embeddings = reader.Floats("classifier n-gram embeddings", (long)vocabulary.Count * hidden);
        var output = reader.Floats("classifier output weights", (long)classes * width);
        var bias = reader.Floats("classifier output bias", classes);
        var groupOutput = reader.Floats("classifier group weights", (long)groups * width);
        var groupBias = reader.Floats("classifier group bias", groups);
        var groupsOfClass = new int[classes][];
        for (int c = 0; c < classes; c++) groupsOfClass[c] = reader.Ints($"classifier groups of class {c}", null, 0, Math.Max(0, groups - 1));
        return new SubwordTitleClassifier(vocabulary, hidden, storedDense, classes, denseScale, embeddings, output, bias, groupOutput, groupBias, groupsOfClass, groups);
    }

    private void Input(int[] ids, ReadOnlySpan<float> dense, Span<float> x)
    {
        var hidden = x[..Hidden];
        hidden.Clear();
        foreach (var f in ids) TensorPrimitives.Add(hidden, _embeddings.AsSpan(f * Hidden, Hidden), hidden);
        if (ids.Length > 0) TensorPrimitives.Multiply(hidden, 1f / ids.Length, hidden);
        if (Dense > 0) TensorPrimitives.Multiply(dense, _denseScale, x[Hidden..]);
    }

    /// <summary>Class logits of the input rows: own weights plus the weights of each class's groups (<paramref name="groupScratch"/> holds rows x Groups).</summary>
    private void Logits(ReadOnlySpan<float> x, int rows, Span<float> output, Span<float> groupScratch)
    {
        Blas.Sgemm(false, true, rows, Classes, Hidden + Dense, 1f, x, _output, 0f, output);
        MatrixRows.AddBias(output, _bias);
        if (Groups == 0) return;
        var groupLogits = groupScratch[..(rows * Groups)];
        Blas.Sgemm(false, true, rows, Groups, Hidden + Dense, 1f, x, _groupOutput, 0f, groupLogits);
        MatrixRows.AddBias(groupLogits, _groupBias);
        for (int i = 0; i < rows; i++)
            for (int c = 0; c < Classes; c++)
                foreach (var group in _groupsOfClass[c]) output[i * Classes + c] += groupLogits[i * Groups + group];
    }
}
