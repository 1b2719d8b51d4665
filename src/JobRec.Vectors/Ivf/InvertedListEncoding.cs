namespace JobRec.Vectors.Ivf;

/// <summary>How an <see cref="InvertedFileIndex"/> stores the vectors of its lists.</summary>
public enum InvertedListEncoding
{
    /// <summary>32-bit floats: scores are exact inner products.</summary>
    Float32,

    /// <summary>One signed byte per value scaled by the row's largest magnitude (a quarter of the memory a scan reads); scores are
    /// inner products with the decoded vectors: the error's standard deviation is about max |x| / 440 (4e-4 for 512-d unit vectors,
    /// worst seen 1.2e-3).</summary>
    Int8,
}
