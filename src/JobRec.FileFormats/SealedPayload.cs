namespace JobRec.FileFormats;

/// <summary>Where the checked payload of a <see cref="ChecksummedFile"/> lies.</summary>
/// <param name="Version">The file's format version.</param>
/// <param name="Offset">Offset of the payload's first byte (the header length).</param>
/// <param name="Length">Payload bytes.</param>
public readonly record struct SealedPayload(int Version, long Offset, long Length);
