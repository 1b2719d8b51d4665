using System.Runtime.InteropServices;
using System.Text;
using JobRec.FileFormats;
using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Language.Model;

/// <summary>Saves and loads a <see cref="LanguageModel"/> (configuration, tokenizer in GPT-2 text form, parameters) as one binary file.</summary>
public static class LanguageModelCheckpoint
{
    /// <summary>The checkpoint format: magic "JRLM", version 3 (QA examples laid out context first and answered with the posting sentence:
    /// QaPromptFormat, AnswerSentence). Versions 1 and 2 were trained on other layouts and would answer in them, so they are refused.</summary>
    public static readonly BinaryFileFormat Format = new("language model checkpoint", "JRLM"u8, version: 3,
        remedy: "versions 1 and 2 were trained on an older QA layout (version 3: context first, sentence answers); retrain it with `jobrec evaluate qa --model`");

    /// <summary>Where the QA model checkpoint lives by default: <c>$JOBREC_CACHE/models/qa/qa.jrlm</c> (default cache <c>~/.cache/jobrec</c>).</summary>
    public static string DefaultPath => Path.Combine(JobRec.ML.Text.ModelCache.Root, "models", "qa", "qa.jrlm");

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> (atomically: a temporary file is renamed into place).</summary>
    public static void Save(LanguageModel model, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        using (var stream = File.Create(temp))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            Format.WriteHeader(writer);
            var c = model.Transformer.Config;
            writer.Write(c.VocabSize); writer.Write(c.ContextLength); writer.Write(c.ModelDim); writer.Write(c.Heads); writer.Write(c.Layers);
            var (vocab, merges) = model.Tokenizer.ToGpt2Text();
            writer.Write(vocab);
            writer.Write(merges);
            writer.Write(model.Transformer.Parameters.Length);
            writer.Write(MemoryMarshal.AsBytes(model.Transformer.Parameters.AsSpan()));
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a checkpoint written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint or is truncated; the message names the file and byte offset.</exception>
    public static LanguageModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"language model checkpoint not found: {path}", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            Format.ReadHeader(stream, path);
            var config = new TransformerConfig(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
            try { config.Validate(); }
            catch (ArgumentException e) { throw new InvalidDataException($"{path}: offset 8: {e.Message}", e); }
            long tokenizerOffset = stream.Position;
            ByteLevelBpeTokenizer tokenizer;
            try { tokenizer = ByteLevelBpeTokenizer.FromGpt2Text(reader.ReadString(), reader.ReadString(), $"{path} (vocab)", $"{path} (merges)"); }
            catch (FormatException e) { throw new InvalidDataException($"{path}: offset {tokenizerOffset}: bad tokenizer: {e.Message}", e); }
            long countOffset = stream.Position;
            int count = reader.ReadInt32();
            var layout = new ParameterLayout(config);
            if (count != layout.Count) throw new InvalidDataException($"{path}: offset {countOffset}: {count} parameters stored, configuration {config} needs {layout.Count}");
            var parameters = new float[count];
            var bytes = MemoryMarshal.AsBytes(parameters.AsSpan());
            int read = 0;
            while (read < bytes.Length)
            {
                int n = stream.Read(bytes[read..]);
                if (n == 0) throw new InvalidDataException($"{path}: offset {stream.Position}: file ends inside the parameters ({read} of {bytes.Length} bytes)");
                read += n;
            }
            return new LanguageModel(tokenizer, new TransformerModel(layout, parameters));
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{path}: offset {stream.Position}: file ends early", e);
        }
    }
}
