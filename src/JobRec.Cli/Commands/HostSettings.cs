namespace JobRec.Cli.Commands;

/// <summary>The one place the command line reads its environment settings (JOBREC_CACHE, JOBREC_QA_CHECKPOINT, JOBREC_ONET_*); libraries get
/// them as options.</summary>
internal static class HostSettings
{
    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public static string? Read(string name) => Environment.GetEnvironmentVariable(name) is var value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The variable as a non-negative count, or null when unset.</summary>
    /// <exception cref="ArgumentException">It is set but is not a non-negative integer (the message names it).</exception>
    public static int? ReadCount(string name) => Read(name) switch
    {
        null => null,
        var text when int.TryParse(text, out var n) && n >= 0 => n,
        var text => throw new ArgumentException($"{name}='{text}' must be a non-negative integer"),
    };
}
