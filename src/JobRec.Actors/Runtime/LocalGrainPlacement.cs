namespace JobRec.Actors.Runtime;

/// <summary>Placement for a single silo: every grain is local.</summary>
public sealed class LocalGrainPlacement : IGrainPlacement
{
    /// <inheritdoc />
    public GrainLocation Locate(GrainId grainId) => GrainLocation.Local;

    /// <inheritdoc />
    public void OnMoved(GrainId grainId)
    {
    }
}
