namespace JobRec.ML.Text;

/// <summary>Keeps the IDF of the hashed encoder in the state folder, so that a later run or <c>jobrec serve</c> embeds queries exactly as the stored jobs were embedded.</summary>
public static class HashedEncoderFile
{
    /// <summary>The encoder stored under <paramref name="directory"/>/models/hashed-idf.bin, or one fitted on <paramref name="corpus"/> and stored there.</summary>
    public static HashedTextEncoder LoadOrCreate(string directory, Func<IEnumerable<string>> corpus)
    {
        var path = Path.Combine(directory, "models", "hashed-idf.bin");
        if (File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var length = reader.ReadInt32();
            if (length is < 1 or > 1 << 20 || reader.BaseStream.Length != 4 + (4L * length))
            {
                throw new InvalidDataException($"{path}: IDF vector length {length} does not match the file size {reader.BaseStream.Length}");
            }

            var idf = new float[length];
            for (var i = 0; i < length; i++)
            {
                idf[i] = reader.ReadSingle();
            }

            return HashedTextEncoder.FromIdf(idf);
        }

        var encoder = new HashedTextEncoder().WithIdf(corpus());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(encoder.Idf.Length);
        foreach (var v in encoder.Idf)
        {
            writer.Write(v);
        }

        return encoder;
    }
}
