namespace JobRec.FileFormats;

/// <summary>What <see cref="BinaryFileFormat.ReadHeader(Stream, string)"/> found at the start of a file.</summary>
/// <param name="Version">The file's format version (one this build reads).</param>
/// <param name="Length">Bytes of the header; the content starts at this offset.</param>
public readonly record struct FileHeader(int Version, int Length);
