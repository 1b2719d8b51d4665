namespace JobRec.Actors.Runtime;

/// <summary>What a grain reference remembers about its grain in one runtime: class, id and the last target it was delivered to.</summary>
internal sealed class LocalRoute
{
    public LocalRoute(GrainRuntime runtime, GrainClassInfo grainClass, GrainId grainId)
    {
        Runtime = runtime;
        GrainClass = grainClass;
        GrainId = grainId;
    }

    public GrainRuntime Runtime { get; }

    public GrainClassInfo GrainClass { get; }

    public GrainId GrainId { get; }

    public IGrainTarget? Target { get; set; }
}
