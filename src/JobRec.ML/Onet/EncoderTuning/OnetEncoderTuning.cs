using System.Globalization;
using System.Numerics.Tensors;
using JobRec.Data.Model;
using JobRec.ML.Numerics;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Onet.EncoderTuning;

/// <summary>Fine-tunes the top layers of a packaged BERT-style encoder (MiniLM) contrastively on O*NET titles and writes the result as its own
/// encoder. Training titles are those of the evaluation split's training part less its development part (the titles <c>evaluate onet</c> never
/// scores and never tunes on), so one fine-tuned encoder serves the evaluation and the product; the development titles only monitor progress
/// (nearest-title top-1 after each epoch).</summary>
public static class OnetEncoderTuning
{
    /// <summary>The training titles (test split and development split removed, <see cref="TitleSplit"/> and <see cref="OnetFusionTuning.DevelopmentSplit"/>)
    /// and the development titles of <paramref name="all"/>.</summary>
    public static (IReadOnlyList<TitleLabel> Training, IReadOnlyList<TitleLabel> Development) Titles(IReadOnlyList<Occupation> occupations, IReadOnlyList<TitleLabel> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var (train, test) = TitleSplit.Split(all);
        return OnetFusionTuning.DevelopmentSplit(occupations, TitleSplit.ExcludeTitles(train, test));
    }

    /// <summary>Fine-tunes the top <see cref="EncoderTuningOptions.Layers"/> layers of the ONNX model at <paramref name="modelPath"/> (run for the frozen
    /// layers by <paramref name="frozen"/>, an encoder of the same model) on pairs of <paramref name="training"/>; <paramref name="development"/>
    /// titles are scored before training and after each epoch. <paramref name="log"/> receives the progress lines.</summary>
    /// <exception cref="ArgumentException">No training title belongs to a known occupation, or the frozen encoder does not stop where the stack starts.</exception>
    public static EncoderTuningResult Train(string modelPath, Func<int, OnnxSentenceEncoder> frozen, IReadOnlyList<Occupation> occupations,
        IReadOnlyList<TitleLabel> training, IReadOnlyList<TitleLabel> development, EncoderTuningOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(frozen);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var graph = BertOnnxGraph.Load(modelPath);
        if (options.Layers > graph.LayerCount) throw new ArgumentOutOfRangeException(nameof(options), options.Layers, $"the model has {graph.LayerCount} layers");
        var stack = BertLayerStack.FromOnnx(graph, options.Layers);
        var pairs = OnetTitlePairs.Build(occupations, training);
        var devRows = development.Where(t => !string.IsNullOrWhiteSpace(t.Title)).ToArray();
        var texts = pairs.Texts.Concat(devRows.Select(t => t.Title)).ToArray();
        log?.Invoke($"fine-tune: {pairs.AnchorText.Count} training titles of {occupations.Count} occupations, {pairs.Texts.Count} distinct texts, "
            + $"{devRows.Length} development titles; layers {stack.FirstLayer}..{graph.LayerCount - 1} trained ({stack.Parameters.Length:N0} weights)");
        float[][] states;
        using (var encoder = frozen(stack.FirstLayer))
        {
            var rows = texts.Select(t => encoder.Tokenizer.Encode(t, encoder.MaxTokens)).ToArray();
            states = encoder.TokenStates(rows);
        }
        log?.Invoke($"fine-tune: frozen states after layer {stack.FirstLayer} of {texts.Length} texts ({states.Sum(s => (long)s.Length) / stack.Dim:N0} tokens)");
        var reference = Enumerable.Range(0, pairs.Texts.Count).ToArray();
        var owner = new int[pairs.Texts.Count];
        for (int o = 0; o < occupations.Count; o++) owner[o] = o;
        for (int a = pairs.AnchorText.Count - 1; a >= 0; a--) owner[pairs.AnchorText[a]] = pairs.AnchorOccupation[a];
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int o = 0; o < occupations.Count; o++) column.TryAdd(occupations[o].Code, o);
        var devTexts = Enumerable.Range(pairs.Texts.Count, devRows.Length).ToArray();
        var devTruth = devRows.Select(t => column.GetValueOrDefault(t.Code, -1)).ToArray();
        double Monitor() => NearestTitleTop1(LayerContrastiveTrainer.Embed(stack, states, reference), owner,
            LayerContrastiveTrainer.Embed(stack, states, devTexts), devTruth, stack.Dim);
        var devTop1 = new List<double> { devRows.Length == 0 ? 0 : Monitor() };
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fine-tune: epoch 0: development nearest-title top-1 {devTop1[0]:F4}"));
        var losses = LayerContrastiveTrainer.Train(stack, states, random => pairs.Sample(random, options.AlternateShare), options, (epoch, loss) =>
        {
            devTop1.Add(devRows.Length == 0 ? 0 : Monitor());
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"fine-tune: epoch {epoch}: loss {loss:F4}, development nearest-title top-1 {devTop1[^1]:F4}"));
        });
        return new EncoderTuningResult(graph, stack, losses, devTop1, pairs.AnchorText.Count);
    }

    /// <summary>Writes the fine-tuned encoder into <paramref name="directory"/>: model.onnx (the base model with the stack's weights), vocab.txt
    /// copied from <paramref name="vocabularyPath"/>, and the manifest (digests and <paramref name="details"/>), each through a temporary file.</summary>
    public static PretrainedEncoderModel Write(EncoderTuningResult result, string directory, string name, PretrainedEncoderModel baseModel, string vocabularyPath,
        IEnumerable<(string Key, string Value)> details)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var model = Path.Combine(directory, "model.onnx");
        var vocabulary = Path.Combine(directory, "vocab.txt");
        File.Delete(Path.Combine(directory, FineTunedEncoder.ManifestFile));
        result.Graph.SaveWithLayers(result.Stack, model + ".tmp");
        File.Move(model + ".tmp", model, overwrite: true);
        File.Copy(vocabularyPath, vocabulary + ".tmp", overwrite: true);
        File.Move(vocabulary + ".tmp", vocabulary, overwrite: true);
        return FineTunedEncoder.WriteManifest(directory, name, baseModel, details);
    }

    /// <summary>Share of queries whose nearest reference vector (by dot product of L2-normalised rows) belongs to the query's occupation.</summary>
    internal static double NearestTitleTop1(float[] references, int[] owner, float[] queries, int[] truth, int d)
    {
        int m = owner.Length, n = truth.Length, hits = 0;
        const int chunk = 256;
        var scores = new float[chunk * m];
        for (int start = 0; start < n; start += chunk)
        {
            int rows = Math.Min(chunk, n - start);
            Blas.Sgemm(false, true, rows, m, d, 1f, queries.AsSpan(start * d, rows * d), references, 0f, scores.AsSpan(0, rows * m));
            for (int r = 0; r < rows; r++)
                if (owner[TensorPrimitives.IndexOfMax(scores.AsSpan(r * m, m))] == truth[start + r]) hits++;
        }
        return n == 0 ? 0 : (double)hits / n;
    }
}
