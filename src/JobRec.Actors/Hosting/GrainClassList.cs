namespace JobRec.Actors.Hosting;

/// <summary>The grain classes registered with a silo's services.</summary>
internal sealed class GrainClassList
{
    public List<Type> Types { get; } = new();
}
