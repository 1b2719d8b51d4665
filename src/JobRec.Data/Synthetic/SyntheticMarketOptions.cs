namespace JobRec.Data.Synthetic;

/// <summary>Size, seed and calendar of a synthetic job market.</summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>Number of jobs.</summary>
    public int Jobs { get; init; } = 20_000;

    /// <summary>Number of users.</summary>
    public int Users { get; init; } = 5_000;

    /// <summary>Seed: the same options give the same market, item by item.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Number of hiring companies; 0 picks one company per 25 jobs (at least 20).</summary>
    public int Companies { get; init; }

    /// <summary>Mean number of job views per user over the train and future periods together (saves and applies come on top of views).</summary>
    public double ViewsPerUser { get; init; } = 16;

    /// <summary>First day of the market (train period start).</summary>
    public DateTimeOffset Start { get; init; } = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Length of the train period in days.</summary>
    public int TrainDays { get; init; } = 56;

    /// <summary>Length of the held-out future period in days (its interactions are the ground truth).</summary>
    public int FutureDays { get; init; } = 14;

    /// <summary>Share of noise in the users' choices: 0 follows the hidden utility exactly, 1 is mostly random.</summary>
    public double Noise { get; init; } = 0.35;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Jobs < 1) throw new ArgumentException($"Jobs must be at least 1 (was {Jobs})");
        if (Users < 0) throw new ArgumentException($"Users must be at least 0 (was {Users})");
        if (Companies < 0) throw new ArgumentException($"Companies must be at least 0 (was {Companies})");
        if (ViewsPerUser < 0) throw new ArgumentException($"ViewsPerUser must be at least 0 (was {ViewsPerUser})");
        if (TrainDays < 1 || FutureDays < 1) throw new ArgumentException($"TrainDays and FutureDays must be at least 1 (were {TrainDays}, {FutureDays})");
        if (Noise is < 0 or > 1) throw new ArgumentException($"Noise must be in [0, 1] (was {Noise})");
    }
}
