using System.Globalization;
using System.Security.Cryptography;

namespace JobRec.ML.Text.Onnx;

/// <summary>A sentence encoder fine-tuned here from a packaged one and kept in its own model-cache folder (<c>models/&lt;name&gt;/</c>: model.onnx,
/// vocab.txt and the manifest encoder.txt, written by the command that trains it). Its SHA-256 is not known in advance: the manifest records it,
/// and loading checks both files against the manifest, so a half-written or replaced file is refused with one line.</summary>
public static class FineTunedEncoder
{
    /// <summary>The manifest's file name inside the encoder folder.</summary>
    public const string ManifestFile = "encoder.txt";

    /// <summary>MiniLM with its top layers fine-tuned contrastively on O*NET training titles (<c>jobrec onet fine-tune-encoder</c>).</summary>
    public const string MiniLmOnet = "minilm-onet";

    /// <summary>The command that makes <see cref="MiniLmOnet"/>.</summary>
    public const string MiniLmOnetCommand = "jobrec onet fine-tune-encoder --onet <O*NET folder>";

    /// <summary>The fine-tuned encoders this build knows, with the packaged model each starts from and the command that makes it.</summary>
    public static IReadOnlyDictionary<string, (PretrainedEncoderModel Base, string Command)> Known { get; } =
        new Dictionary<string, (PretrainedEncoderModel, string)>(StringComparer.Ordinal) { [MiniLmOnet] = (PretrainedEncoderModel.MiniLm, MiniLmOnetCommand) };

    /// <summary>The folder of the fine-tuned encoder <paramref name="name"/> in the model cache.</summary>
    public static string CacheDirectory(string name) => Path.Combine(ModelCache.Root, "models", name);

    /// <summary>Writes the manifest of a folder that already holds model.onnx and vocab.txt: the files' SHA-256 digests, the base model and
    /// <paramref name="details"/> (key, value) lines (how it was trained), through a temporary file and a rename.</summary>
    /// <returns>The model's description as <see cref="Model"/> returns it.</returns>
    /// <exception cref="FileNotFoundException">model.onnx or vocab.txt is missing.</exception>
    public static PretrainedEncoderModel WriteManifest(string directory, string name, PretrainedEncoderModel baseModel, IEnumerable<(string Key, string Value)> details)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        var lines = new List<string>
        {
            $"name={name}", $"base={baseModel.Name}", $"base-sha256={baseModel.ModelSha256}",
            $"model-sha256={Sha256(Path.Combine(directory, "model.onnx"))}", $"vocab-sha256={Sha256(Path.Combine(directory, "vocab.txt"))}",
        };
        lines.AddRange(details.Select(d => $"{d.Key}={d.Value}"));
        var path = Path.Combine(directory, ManifestFile);
        File.WriteAllLines(path + ".tmp", lines);
        File.Move(path + ".tmp", path, overwrite: true);
        return Model(name, directory);
    }

    /// <summary>The model description of the fine-tuned encoder <paramref name="name"/> in <paramref name="directory"/> (default: its model-cache
    /// folder), read from the manifest: the base model's pooling, limits and dimension with the manifest's digests. Checks no digest.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known fine-tuned encoder.</exception>
    /// <exception cref="ModelNotFoundException">The manifest is missing or incomplete; the one-line message names the file and the command that makes it.</exception>
    public static PretrainedEncoderModel Model(string name, string? directory = null)
    {
        if (!Known.TryGetValue(name, out var known)) throw new ArgumentException($"unknown fine-tuned encoder '{name}': use one of {string.Join(", ", Known.Keys)}", nameof(name));
        directory ??= CacheDirectory(name);
        var manifest = Path.GetFullPath(Path.Combine(directory, ManifestFile));
        if (!File.Exists(manifest))
            throw new ModelNotFoundException($"fine-tuned encoder {name} missing: {manifest} not found; make it with {known.Command}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(manifest))
            if (line.IndexOf('=') is > 0 and var eq) values[line[..eq]] = line[(eq + 1)..];
        string Need(string key) => values.TryGetValue(key, out var v) && v.Length == 64 ? v
            : throw new ModelNotFoundException($"fine-tuned encoder {name}: {manifest} has no valid {key}; make it again with {known.Command}");
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{known.Base.Description}, top {values.GetValueOrDefault("layers", "?")} layers fine-tuned on O*NET training titles");
        return known.Base with { Name = name, Description = description, ModelSha256 = Need("model-sha256"), VocabularySha256 = Need("vocab-sha256") };
    }

    /// <summary>Loads the fine-tuned encoder <paramref name="name"/> from <paramref name="directory"/> (default: its model-cache folder) after checking
    /// model.onnx and vocab.txt against the manifest's digests.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a known fine-tuned encoder.</exception>
    /// <exception cref="ModelNotFoundException">A file is missing or does not match the manifest; the one-line message names the file.</exception>
    public static OnnxSentenceEncoder Load(string name, OnnxEncoderOptions? options = null, string? directory = null)
    {
        directory ??= CacheDirectory(name);
        var model = Model(name, directory);
        var modelPath = Path.Combine(directory, "model.onnx");
        var vocabularyPath = Path.Combine(directory, "vocab.txt");
        try
        {
            ModelFileCheck.Verify(modelPath, model.ModelSha256);
            ModelFileCheck.Verify(vocabularyPath, model.VocabularySha256);
        }
        catch (ModelNotFoundException e)
        {
            throw new ModelNotFoundException($"fine-tuned encoder {name}: {e.Message.Split("; restore")[0]}; make it again with {Known[name].Command}");
        }
        return OnnxSentenceEncoder.LoadFile(model, modelPath, vocabularyPath, options);
    }

    /// <summary>Lower-case hex SHA-256 of the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
