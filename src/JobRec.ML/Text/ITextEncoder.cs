namespace JobRec.ML.Text;

/// <summary>Turns texts into fixed-size, L2-normalised embedding vectors.</summary>
public interface ITextEncoder
{
    /// <summary>Length of every vector this encoder returns.</summary>
    int Dimension { get; }

    /// <summary>Encodes each text into row i of the returned row-major matrix (texts.Count x Dimension); empty text gives a zero row.</summary>
    float[] Encode(IReadOnlyList<string> texts);
}
