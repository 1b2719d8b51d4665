namespace JobRec.Actors.Runtime;

/// <summary>Where a grain lives: on this silo, or on the silo at <see cref="SiloEndpoint"/> (host:port of its transport).</summary>
public readonly record struct GrainLocation(bool IsLocal, string? SiloEndpoint)
{
    /// <summary>The grain is hosted by this silo.</summary>
    public static GrainLocation Local { get; } = new(true, null);

    /// <summary>The grain is hosted by another silo.</summary>
    public static GrainLocation Remote(string siloEndpoint) => new(false, siloEndpoint);
}
