namespace JobRec.Actors.Storage;

/// <summary>Well-known storage provider names.</summary>
public static class GrainStorageNames
{
    /// <summary>The provider used when a grain names none.</summary>
    public const string Default = "Default";
}
