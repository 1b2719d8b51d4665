namespace JobRec.Vectors.Faiss;

/// <summary>IVF settings: <paramref name="Nlist"/> k-means cells learned by training, <paramref name="Nprobe"/> cells visited per query.</summary>
public sealed record IvfParameters(int Nlist, int Nprobe = 8)
{
    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (Nlist < 1 || Nlist > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Nlist), Nlist, "IVF nlist must be between 1 and 1000000.");
        }

        if (Nprobe < 1 || Nprobe > Nlist)
        {
            throw new ArgumentOutOfRangeException(nameof(Nprobe), Nprobe, $"IVF nprobe must be between 1 and nlist ({Nlist}).");
        }
    }
}
