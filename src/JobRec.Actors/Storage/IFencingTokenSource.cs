namespace JobRec.Actors.Storage;

/// <summary>Supplies the epoch (fencing token) a state write for a grain must carry; the single-silo default is always 0.</summary>
public interface IFencingTokenSource
{
    /// <summary>Returns the current epoch under which this silo hosts <paramref name="grainId"/>.</summary>
    long GetEpoch(GrainId grainId);
}
