namespace JobRec.ML.Recommenders;

/// <summary>Length-prefixed array reading and writing for model files.</summary>
internal static class ModelIO
{
    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static float[] ReadFloats(BinaryReader reader)
    {
        int n = ReadLength(reader, sizeof(float));
        var values = new float[n];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new InvalidDataException($"model file ends inside a float array of {n} values at byte {reader.BaseStream.Position}");
        return values;
    }

    public static void WriteInts(BinaryWriter writer, ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    public static int[] ReadInts(BinaryReader reader)
    {
        int n = ReadLength(reader, sizeof(int));
        var values = new int[n];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        if (reader.Read(bytes) != bytes.Length) throw new InvalidDataException($"model file ends inside an int array of {n} values at byte {reader.BaseStream.Position}");
        return values;
    }

    private static int ReadLength(BinaryReader reader, int elementSize)
    {
        long at = reader.BaseStream.Position;
        int n = reader.ReadInt32();
        long left = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        if (n < 0 || (long)n * elementSize > left)
            throw new InvalidDataException($"model file has an array length {n} at byte {at} that does not fit the {left} bytes left");
        return n;
    }
}
