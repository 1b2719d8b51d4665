namespace JobRec.Actors.Storage;

/// <summary>Fencing source for a single silo: every write carries epoch 0.</summary>
public sealed class UnfencedTokenSource : IFencingTokenSource
{
    /// <inheritdoc />
    public long GetEpoch(GrainId grainId) => 0;
}
