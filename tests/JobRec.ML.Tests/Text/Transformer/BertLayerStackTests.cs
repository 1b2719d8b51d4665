using System.Numerics.Tensors;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Tests.Text.Transformer;

public sealed class BertLayerStackTests
{
    private static readonly string[] Sentences =
    [
        "Senior Software Engineer",
        "registered nurse, night shift",
        "Data scientist with 6 years of experience in credit risk modelling and large language models",
        "Forklift operator (warehouse, evenings)",
        "We are looking for a backend developer who knows Java, Spring Boot and PostgreSQL to join our payments team.",
    ];

    private static string MiniLmPath => Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "model.onnx");
    private static string VocabularyPath => Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "vocab.txt");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_top_layers_in_CSharp_reproduce_ONNX_Runtimes_last_hidden_state(int topLayers)
    {
        var graph = BertOnnxGraph.Load(MiniLmPath);
        Assert.Equal(6, graph.LayerCount);
        Assert.Equal(384, graph.Dim);
        using var full = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 2));
        using var bottom = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 2, OutputLayer: 6 - topLayers));
        var rows = Sentences.Select(s => full.Tokenizer.Encode(s, full.MaxTokens)).ToList();
        var expected = full.TokenStates(rows);
        var entering = bottom.TokenStates(rows);
        var stack = BertLayerStack.FromOnnx(graph, topLayers);
        var pass = stack.Forward(entering.SelectMany(s => s).ToArray(), rows.Select(r => r.Length).ToArray());
        int at = 0;
        for (int s = 0; s < rows.Count; s++)
            for (int t = 0; t < rows[s].Length; t++, at++)
            {
                var ours = pass.Output.AsSpan(at * 384, 384);
                var theirs = expected[s].AsSpan(t * 384, 384);
                Assert.True(TensorPrimitives.CosineSimilarity(ours, theirs) > 0.9999f, $"sentence {s} token {t}: cosine {TensorPrimitives.CosineSimilarity(ours, theirs)}");
            }
        // The bottom session's states differ from the full model's: it really stops early.
        Assert.True(TensorPrimitives.CosineSimilarity(entering[0].AsSpan(0, 384), expected[0].AsSpan(0, 384)) < 0.99f);
    }

    [Fact]
    public void Gradients_match_finite_differences()
    {
        var stack = new BertLayerStack(firstLayer: 3, layerCount: 2, dim: 8, intermediate: 12, heads: 2);
        var random = new Random(7);
        for (int i = 0; i < stack.Parameters.Length; i++) stack.Parameters[i] = (float)(random.NextDouble() - 0.5) * 0.6f;
        foreach (var segment in stack.Segments.Where(s => s.Name.EndsWith(".g", StringComparison.Ordinal)))
            for (int i = 0; i < segment.Length; i++) stack.Parameters[segment.Offset + i] += 1f;
        int[] lengths = [3, 1, 4];
        var input = Enumerable.Range(0, 8 * 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var weights = Enumerable.Range(0, 8 * 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        double Loss(float[] x) => TensorPrimitives.Dot(stack.Forward(x, lengths).Output, weights);

        stack.ZeroGradients();
        var dInput = stack.Backward(stack.Forward(input, lengths), weights);
        const float h = 1e-2f;
        foreach (int i in new[] { 0, 17, 100, 300, 700, stack.Parameters.Length / 2, stack.Parameters.Length - 3 })
        {
            float keep = stack.Parameters[i];
            stack.Parameters[i] = keep + h;
            double up = Loss(input);
            stack.Parameters[i] = keep - h;
            double down = Loss(input);
            stack.Parameters[i] = keep;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - stack.Gradients[i]) < 2e-2 * Math.Max(1, Math.Abs(numeric)), $"parameter {i}: numeric {numeric}, analytic {stack.Gradients[i]}");
        }
        foreach (int i in new[] { 0, 9, 30, 63 })
        {
            float keep = input[i];
            input[i] = keep + h;
            double up = Loss(input);
            input[i] = keep - h;
            double down = Loss(input);
            input[i] = keep;
            double numeric = (up - down) / (2 * h);
            Assert.True(Math.Abs(numeric - dInput[i]) < 2e-2 * Math.Max(1, Math.Abs(numeric)), $"input {i}: numeric {numeric}, analytic {dInput[i]}");
        }
    }

    [Fact]
    public void An_inference_pass_gives_the_training_passs_output_with_one_layers_buffers_and_refuses_backward()
    {
        var stack = new BertLayerStack(firstLayer: 0, layerCount: 3, dim: 8, intermediate: 12, heads: 2);
        var random = new Random(11);
        for (int i = 0; i < stack.Parameters.Length; i++) stack.Parameters[i] = (float)(random.NextDouble() - 0.5) * 0.6f;
        int[] lengths = [2, 5];
        var input = Enumerable.Range(0, 7 * 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var trained = stack.Forward(input, lengths);
        var inferred = stack.Forward(input, lengths, keepForBackward: false);
        Assert.Equal(trained.Output, inferred.Output);
        Assert.True(trained.KeptForBackward);
        Assert.False(inferred.KeptForBackward);
        Assert.Throws<ArgumentException>(() => stack.Backward(inferred, trained.Output));
        // Reusing the inference pass for a training pass keeps every layer again.
        var again = stack.Forward(input, lengths, inferred);
        Assert.Equal(trained.Output, again.Output);
        stack.ZeroGradients();
        stack.Backward(again, trained.Output);
        var reference = stack.Gradients.ToArray();
        stack.ZeroGradients();
        stack.Backward(trained, trained.Output);
        Assert.Equal(stack.Gradients, reference);
    }

    [Fact]
    public void A_model_saved_with_changed_top_layers_runs_in_ONNX_Runtime_as_the_stack_computes()
    {
        var graph = BertOnnxGraph.Load(MiniLmPath);
        var stack = BertLayerStack.FromOnnx(graph, 1);
        var random = new Random(3);
        for (int i = 0; i < stack.Parameters.Length; i++) stack.Parameters[i] *= 1f + (float)(random.NextDouble() - 0.5) * 0.2f;
        var directory = Directory.CreateTempSubdirectory("jobrec-bert-");
        try
        {
            var path = Path.Combine(directory.FullName, "model.onnx");
            graph.SaveWithLayers(stack, path);
            using var bottom = OnnxSentenceEncoder.Load(PretrainedEncoderModel.MiniLm, new OnnxEncoderOptions(IntraOpThreads: 2, OutputLayer: 5));
            using var changed = OnnxSentenceEncoder.LoadFile(PretrainedEncoderModel.MiniLm, path, VocabularyPath, new OnnxEncoderOptions(IntraOpThreads: 2));
            var rows = Sentences.Take(2).Select(s => changed.Tokenizer.Encode(s, changed.MaxTokens)).ToList();
            var expected = stack.Forward(bottom.TokenStates(rows).SelectMany(s => s).ToArray(), rows.Select(r => r.Length).ToArray()).Output;
            var served = changed.TokenStates(rows).SelectMany(s => s).ToArray();
            for (int t = 0; t < served.Length / 384; t++)
                Assert.True(TensorPrimitives.CosineSimilarity(served.AsSpan(t * 384, 384), expected.AsSpan(t * 384, 384)) > 0.9999f, $"token {t}");
            var reread = BertLayerStack.FromOnnx(BertOnnxGraph.Load(path), 1);
            Assert.Equal(stack.Parameters, reread.Parameters);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_stack_round_trips_through_its_binary_form_and_bad_data_is_named()
    {
        var stack = new BertLayerStack(4, 2, 8, 12, 2);
        for (int i = 0; i < stack.Parameters.Length; i++) stack.Parameters[i] = i * 0.001f;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) stack.WriteTo(writer);
        var bytes = buffer.ToArray();
        var read = BertLayerStack.ReadFrom(new BinaryReader(new MemoryStream(bytes)));
        Assert.Equal((4, 2, 8, 12, 2), (read.FirstLayer, read.LayerCount, read.Dim, read.Intermediate, read.Heads));
        Assert.Equal(stack.Parameters, read.Parameters);

        var truncated = Assert.Throws<InvalidDataException>(() => BertLayerStack.ReadFrom(new BinaryReader(new MemoryStream(bytes[..^5]))));
        Assert.Contains("ends inside the parameters", truncated.Message);
        Assert.Contains("header", Assert.Throws<InvalidDataException>(() => BertLayerStack.ReadFrom(new BinaryReader(new MemoryStream(bytes[..10])))).Message);
        var newer = bytes.ToArray();
        newer[0] = 9;
        Assert.Contains("format version 9", Assert.Throws<InvalidDataException>(() => BertLayerStack.ReadFrom(new BinaryReader(new MemoryStream(newer)))).Message);
    }

    [Fact]
    public void A_file_that_is_not_a_BERT_export_is_refused_with_its_name()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3]);
            var error = Assert.Throws<InvalidDataException>(() => BertOnnxGraph.Load(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Throws<FileNotFoundException>(() => BertOnnxGraph.Load("/nonexistent/model.onnx"));
    }
}
