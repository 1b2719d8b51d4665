namespace JobRec.Actors;

/// <summary>Identity of one grain: its grain type (the implementing class) and its string key.</summary>
public readonly record struct GrainId
{
    /// <summary>Creates an identity; both parts must be non-empty.</summary>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"Grain key for grain type '{type}' must be a non-empty string.", nameof(key));
        }

        Type = type;
        Key = key;
    }

    /// <summary>The grain type name (full name of the grain class).</summary>
    public string Type { get; }

    /// <summary>The grain's string key.</summary>
    public string Key { get; }

    /// <summary>Returns <c>type/key</c>.</summary>
    public override string ToString() => $"{Type}/{Key}";
}
