namespace JobRec.Actors.Runtime;

/// <summary>Decides which silo hosts a grain (replaced by partition leases in a cluster); must be fast and thread-safe.</summary>
public interface IGrainPlacement
{
    /// <summary>Returns where <paramref name="grainId"/> must be activated.</summary>
    GrainLocation Locate(GrainId grainId);

    /// <summary>Told when another silo answered "moved" for <paramref name="grainId"/>, so cached ownership must be refreshed.</summary>
    void OnMoved(GrainId grainId);
}
