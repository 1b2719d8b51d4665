namespace JobRec.ML.Onet;

/// <summary>A saved O*NET model was opened with another text encoder than the one its stored vectors came from (it would rank silently wrong).</summary>
public sealed class OnetModelEncoderMismatchException : Exception
{
    /// <summary>Creates the error for the model file <paramref name="path"/>; <paramref name="reason"/> says what differs.</summary>
    public OnetModelEncoderMismatchException(string path, string reason)
        : base($"{path}: {reason}; train the O*NET model again with this encoder") => FilePath = path;

    /// <summary>The model file.</summary>
    public string FilePath { get; }
}
