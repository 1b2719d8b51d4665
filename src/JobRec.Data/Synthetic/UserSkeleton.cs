namespace JobRec.Data.Synthetic;

/// <summary>The latent preferences of a synthetic user: occupations, place, level, remote wish, mobility and skills.</summary>
internal readonly record struct UserSkeleton(
    int Primary, int Secondary, int City, int Level, double Years, bool WantsRemote, float Mobility, float Activity,
    ushort PrimaryMask, ushort SecondaryMask);
