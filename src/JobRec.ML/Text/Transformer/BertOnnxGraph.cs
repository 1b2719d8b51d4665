using Google.Protobuf;
using Onnx;

namespace JobRec.ML.Text.Transformer;

/// <summary>The layers of a BERT-style encoder exported to ONNX the way PyTorch exports Hugging Face models (all-MiniLM-L6-v2): biases and
/// norms are named initializers (<c>encoder.layer.{i}.attention.self.query.bias</c>, ...), and each dense weight is the [In, Out] initializer
/// of the <c>MatMul</c> whose result is added to that bias. Finds each layer's weights and output tensor, exposes the token states after
/// any layer as an extra graph output, and writes copies whose top layers carry other (fine-tuned) weights.</summary>
public sealed class BertOnnxGraph
{
    private readonly ModelProto _model;
    private readonly Dictionary<string, TensorProto> _initializers;
    private readonly Dictionary<string, NodeProto> _addByBias = [];
    private readonly Dictionary<string, NodeProto> _producer = [];

    private BertOnnxGraph(string path, ModelProto model)
    {
        Path = path;
        _model = model;
        _initializers = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var node in model.Graph.Node)
        {
            foreach (var output in node.Output) _producer[output] = node;
            if (node.OpType == "Add")
                foreach (var input in node.Input)
                    if (_initializers.ContainsKey(input)) _addByBias.TryAdd(input, node);
        }
        int layers = 0;
        while (_initializers.ContainsKey(LayerName(layers, "attention.self.query.bias"))) layers++;
        if (layers == 0) throw new InvalidDataException($"{path}: not a BERT encoder export (no initializer {LayerName(0, "attention.self.query.bias")})");
        LayerCount = layers;
        Dim = (int)Initializer(LayerName(0, "attention.self.query.bias")).Dims[0];
        Intermediate = (int)Initializer(LayerName(0, "intermediate.dense.bias")).Dims[0];
        Heads = Dim / HeadWidth;
        for (int l = 0; l < layers; l++) LayerOutputName(l + 1);
    }

    /// <summary>Width of one attention head: 32 in all-MiniLM-L6-v2 and snowflake-arctic-embed-xs (12 heads of 384); the export does not name it, so the
    /// golden test against ONNX Runtime is what checks it.</summary>
    public const int HeadWidth = 32;

    /// <summary>The file this graph was read from.</summary>
    public string Path { get; }

    /// <summary>Number of transformer layers.</summary>
    public int LayerCount { get; }

    /// <summary>Width of the token states.</summary>
    public int Dim { get; }

    /// <summary>Width of each layer's feed-forward hidden layer.</summary>
    public int Intermediate { get; }

    /// <summary>Attention heads per layer (<see cref="Dim"/> / <see cref="HeadWidth"/>).</summary>
    public int Heads { get; }

    /// <summary>Reads <paramref name="onnxPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not a BERT encoder export whose layers can be found; the message names the file and what is missing.</exception>
    public static BertOnnxGraph Load(string onnxPath)
    {
        if (!File.Exists(onnxPath)) throw new FileNotFoundException($"{onnxPath}: no such ONNX file", onnxPath);
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnxPath));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{onnxPath}: not an ONNX model ({e.Message})", e);
        }
        if (model.Graph is null) throw new InvalidDataException($"{onnxPath}: the ONNX model has no graph");
        return new BertOnnxGraph(onnxPath, model);
    }

    /// <summary>Name of the tensor holding the token states after the first <paramref name="layers"/> layers (0: the embeddings after their LayerNorm).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layers"/> is outside [0, <see cref="LayerCount"/>].</exception>
    public string LayerOutputName(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layers, LayerCount);
        string bias = layers == 0 ? "embeddings.LayerNorm.bias" : LayerName(layers - 1, "output.LayerNorm.bias");
        if (!_addByBias.TryGetValue(bias, out var add)) throw new InvalidDataException($"{Path}: no Add node adds {bias}");
        return add.Output[0];
    }

    /// <summary>The model's bytes with one more graph output named <see cref="LayerOutputName"/>(<paramref name="layers"/>), [batch, tokens, Dim] floats.
    /// ONNX Runtime asked for that output alone runs only the first <paramref name="layers"/> layers.</summary>
    public byte[] WithLayerOutput(int layers)
    {
        string name = LayerOutputName(layers);
        var copy = _model.Clone();
        if (copy.Graph.Output.All(o => o.Name != name))
        {
            var template = copy.Graph.Output.First(o => o.Name == "last_hidden_state");
            var output = template.Clone();
            output.Name = name;
            copy.Graph.Output.Add(output);
        }
        return copy.ToByteArray();
    }

    /// <summary>The float values of initializer <paramref name="name"/>, row-major in its stored shape.</summary>
    /// <exception cref="InvalidDataException">No such initializer, or it is not float32.</exception>
    public float[] Values(string name)
    {
        var tensor = Initializer(name);
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float) throw new InvalidDataException($"{Path}: initializer {name} is not float32");
        if (tensor.FloatData.Count > 0) return [.. tensor.FloatData];
        var raw = tensor.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw).CopyTo(values);
        return values;
    }

    /// <summary>Name of the [In, Out] weight initializer of the dense layer whose bias is <paramref name="biasName"/>.</summary>
    /// <exception cref="InvalidDataException">The bias is not added to the result of a MatMul with an initializer.</exception>
    public string WeightOf(string biasName)
    {
        if (_addByBias.TryGetValue(biasName, out var add))
            foreach (var input in add.Input)
                if (input != biasName && _producer.TryGetValue(input, out var matmul) && matmul.OpType == "MatMul")
                    foreach (var operand in matmul.Input)
                        if (_initializers.ContainsKey(operand)) return operand;
        throw new InvalidDataException($"{Path}: no MatMul weight found for bias {biasName}");
    }

    /// <summary>Writes a copy of this model to <paramref name="destinationPath"/> whose layers [FirstLayer, LayerCount) carry <paramref name="stack"/>'s weights.</summary>
    /// <exception cref="ArgumentException">The stack's shape does not match this model's top layers.</exception>
    public void SaveWithLayers(BertLayerStack stack, string destinationPath)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (stack.Dim != Dim || stack.Intermediate != Intermediate || stack.FirstLayer + stack.LayerCount != LayerCount)
            throw new ArgumentException($"the stack (layers {stack.FirstLayer}..{stack.FirstLayer + stack.LayerCount - 1}, {stack.Dim}-d) does not fit the top of {Path} ({LayerCount} layers, {Dim}-d)", nameof(stack));
        var copy = _model.Clone();
        var byName = copy.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        for (int i = 0; i < stack.LayerCount; i++)
            foreach (var (name, values) in stack.OnnxTensors(i, this))
            {
                var tensor = byName[name];
                tensor.FloatData.Clear();
                tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            }
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(destinationPath));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var temporary = destinationPath + ".tmp";
        File.WriteAllBytes(temporary, copy.ToByteArray());
        File.Move(temporary, destinationPath, overwrite: true);
    }

    /// <summary>The name of parameter <paramref name="suffix"/> of layer <paramref name="layer"/>, e.g. <c>encoder.layer.5.output.dense.bias</c>.</summary>
    public static string LayerName(int layer, string suffix) => $"encoder.layer.{layer}.{suffix}";

    private TensorProto Initializer(string name) =>
        _initializers.TryGetValue(name, out var tensor) ? tensor : throw new InvalidDataException($"{Path}: no initializer {name}");
}
