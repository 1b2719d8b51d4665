using System.Text;
using JobRec.FileFormats;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Skills;

/// <summary>The skill tagger's model file: magic "JRST", format version, encoder name, feature version, shape (dimension, radius, hidden, LSTM
/// units, LSTM layers, CRF flag), standardisation and weights (little-endian); version 3 then holds the number of fine-tuned top encoder layers
/// (0: none) and, when not 0, those layers (<see cref="BertLayerStack.WriteTo"/>). Version 2 added the LSTM layer count and the CRF flag and
/// transitions; version 2 files still load (no fine-tuned layers), version 1 files are refused (retrain with <c>jobrec train skills</c>).
/// Loading checks every field and the exact length, with a one-line error naming the file.</summary>
public static class SkillTaggerModelFile
{
    /// <summary>Format version written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 3;

    /// <summary>The skill tagger model format (magic "JRST"; reads versions 2 and 3).</summary>
    public static readonly BinaryFileFormat Format = new("skill tagger model", "JRST"u8, FormatVersion, oldestReadable: 2, remedy: "retrain it with jobrec train skills");

    /// <summary>Writes <paramref name="head"/> and, for a fine-tuned tagger, its top encoder layers to <paramref name="path"/> (atomically: a
    /// temporary file then a rename).</summary>
    /// <exception cref="ArgumentException">The stack's width does not fit the head's word vectors.</exception>
    public static void Save(SkillTaggerHead head, string path, BertLayerStack? stack = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (stack is not null && head.InputDimension != 2 * stack.Dim + WordStateEncoder.ShapeFeatures)
            throw new ArgumentException($"a head of {head.InputDimension}-d word vectors does not read {stack.Dim}-d fine-tuned layers", nameof(stack));
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + $".{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            Format.WriteHeader(writer);
            writer.Write(head.EncoderName);
            writer.Write(WordStateEncoder.FeatureVersion);
            writer.Write(head.InputDimension);
            writer.Write(head.Radius);
            writer.Write(head.Hidden);
            writer.Write(head.Lstm);
            writer.Write(head.LstmLayerCount);
            writer.Write(head.Crf);
            writer.Write(head.Parameters.Length);
            foreach (var x in head.Mean) writer.Write(x);
            foreach (var x in head.Scale) writer.Write(x);
            foreach (var x in head.Parameters) writer.Write(x);
            writer.Write(stack?.LayerCount ?? 0);
            stack?.WriteTo(writer);
        }
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a model written by <see cref="Save"/> (format 3) or by the format-2 build.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not a skill tagger file, another format or feature version, inconsistent shape, truncated or trailing data
    /// (one line naming the file).</exception>
    public static SkillTaggerModel Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"skill tagger model not found: {path}", path);
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            int version = Format.ReadHeader(reader.BaseStream, path).Version;
            string encoder = reader.ReadString();
            int features = reader.ReadInt32();
            if (features != WordStateEncoder.FeatureVersion) throw new InvalidDataException($"{path}: word features version {features}, this build computes {WordStateEncoder.FeatureVersion}");
            int dimension = reader.ReadInt32(), radius = reader.ReadInt32(), hidden = reader.ReadInt32(), lstm = reader.ReadInt32(), layers = reader.ReadInt32();
            bool crf = reader.ReadBoolean();
            int count = reader.ReadInt32();
            if (dimension is <= 0 or > 1 << 16 || radius is < 0 or > 8 || hidden is < 0 or > 4096 || lstm is < 0 or > 4096 || (lstm > 0 && hidden > 0)
                || (lstm > 0 ? layers is < 1 or > 2 : layers != 0))
                throw new InvalidDataException($"{path}: invalid shape (dimension {dimension}, radius {radius}, hidden {hidden}, lstm {lstm} x {layers})");
            var head = new SkillTaggerHead(encoder, dimension, radius, hidden, lstm, Math.Max(1, layers), crf);
            if (count != head.Parameters.Length) throw new InvalidDataException($"{path}: {count} weights, the shape needs {head.Parameters.Length}");
            for (int i = 0; i < dimension; i++) head.Mean[i] = reader.ReadSingle();
            for (int i = 0; i < dimension; i++) head.Scale[i] = reader.ReadSingle();
            for (int i = 0; i < count; i++) head.Parameters[i] = reader.ReadSingle();
            BertLayerStack? stack = null;
            if (version >= 3)
            {
                int fineTuned = reader.ReadInt32();
                if (fineTuned is < 0 or > 64) throw new InvalidDataException($"{path}: invalid fine-tuned layer count {fineTuned}");
                if (fineTuned > 0)
                {
                    try { stack = BertLayerStack.ReadFrom(reader); }
                    catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}"); }
                    if (stack.LayerCount != fineTuned || dimension != 2 * stack.Dim + WordStateEncoder.ShapeFeatures)
                        throw new InvalidDataException($"{path}: {stack.LayerCount} fine-tuned {stack.Dim}-d layers stored, the header says {fineTuned} and the head reads {dimension}-d word vectors");
                }
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length) throw new InvalidDataException($"{path}: trailing data at offset {reader.BaseStream.Position}");
            return new SkillTaggerModel(head, stack, version);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: truncated skill tagger model ({reader.BaseStream.Length} bytes)");
        }
    }
}
