namespace JobRec.LoadTest.Running;

/// <summary>Settings of one load-test run.</summary>
public sealed record LoadTestOptions
{
    /// <summary>Closed-loop (virtual users) or open-loop (arrival rate).</summary>
    public LoadMode Mode { get; init; } = LoadMode.Closed;

    /// <summary>Virtual users in closed-loop mode.</summary>
    public int Users { get; init; } = 8;

    /// <summary>Pause of a virtual user between calls in closed-loop mode.</summary>
    public TimeSpan ThinkTime { get; init; } = TimeSpan.Zero;

    /// <summary>Arrivals per second in open-loop mode.</summary>
    public double RatePerSecond { get; init; } = 100;

    /// <summary>Time before measurement starts; calls completing in it are not counted.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.Zero;

    /// <summary>Measured duration after warm-up; no call starts after it.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long in-flight calls may finish after the duration before they are cancelled.</summary>
    public TimeSpan GraceTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Seed of the operation draws.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (Users < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Users), Users, "Users must be >= 1.");
        }

        if (Mode == LoadMode.Open && !(RatePerSecond > 0 && RatePerSecond <= 1_000_000))
        {
            throw new ArgumentOutOfRangeException(nameof(RatePerSecond), RatePerSecond, "Rate must be in (0, 1e6] per second.");
        }

        if (Duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "Duration must be positive.");
        }

        if (WarmUp < TimeSpan.Zero || ThinkTime < TimeSpan.Zero || GraceTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmUp), "Warm-up, think time and grace timeout must not be negative.");
        }
    }
}
