namespace JobRec.Actors;

/// <summary>Overrides the silo's default response timeout for one grain interface method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute : Attribute
{
    /// <summary>Creates the attribute from a TimeSpan string such as "00:00:05".</summary>
    public ResponseTimeoutAttribute(string timeout)
    {
        Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Response timeout must be positive.");
        }
    }

    /// <summary>The timeout for calls to the method.</summary>
    public TimeSpan Timeout { get; }
}
