using System.CommandLine;
using System.Globalization;
using System.Numerics;

namespace JobRec.Cli.Options;

/// <summary>
/// Factories of the options several commands share, so that one option name has one type and one meaning everywhere
/// (<c>--seed</c>, <c>--seconds</c>, <c>--k</c>, <c>--dir</c>), and validators that refuse bad values at parse time with a one-line
/// message naming the option (the command line then exits 2 without running the command).
/// </summary>
internal static class CliOptions
{
    /// <summary>The folder laid out like ../shared/data: $JOBREC_SHARED_DATA, else ../shared/data.</summary>
    public static string SharedData => Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA") ?? Path.Combine("..", "shared", "data");

    /// <summary><c>--seed</c>: a non-negative integer seed of every randomised step (same seed, same result).</summary>
    public static Option<int> Seed(int defaultValue, string description = "Seed of every randomised step (same seed, same result)") =>
        new Option<int>("--seed") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(0);

    /// <summary><c>--seconds</c>: a measured duration in whole seconds, at least 1.</summary>
    public static Option<int> Seconds(int defaultValue, string description) =>
        new Option<int>("--seconds") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(1);

    /// <summary><c>--k</c>: how many results (top k), at least 1.</summary>
    public static Option<int> K(int defaultValue, string description) =>
        new Option<int>("--k") { Description = description, DefaultValueFactory = _ => defaultValue }.AtLeast(1);

    /// <summary><c>--threads</c>: FAISS OpenMP threads of a vector benchmark, 0 (the default) for all cores.</summary>
    public static Option<int> FaissThreads() =>
        new Option<int>("--threads") { Description = "FAISS OpenMP threads (0: all cores)", DefaultValueFactory = _ => 0 }.AtLeast(0);

    /// <summary><c>--dir</c>: the engine's state folder (grain state, index shards, models), .jobrec by default.</summary>
    public static Option<string> StateDirectory() =>
        new("--dir") { Description = "State folder (grain state, index shards, model store)", DefaultValueFactory = _ => ".jobrec" };

    /// <summary><c>--url</c>: an absolute http or https URL where a host listens.</summary>
    public static Option<Uri> Url(string defaultValue, string description) => new("--url")
    {
        Description = description,
        DefaultValueFactory = _ => new Uri(defaultValue),
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return new Uri(defaultValue);
            var text = result.Tokens[0].Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") return url;
            result.AddError($"--url '{text}' is not an absolute http URL");
            return null;
        },
    };

    /// <summary>Refuses values below <paramref name="min"/>: "--name VALUE must be at least MIN".</summary>
    public static Option<T> AtLeast<T>(this Option<T> option, T min)
        where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value < min) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} {value} must be at least {min}"));
        });
        return option;
    }

    /// <summary>Refuses values outside [<paramref name="min"/>, <paramref name="max"/>]: "--name VALUE must be within MIN..MAX".</summary>
    public static Option<T> Within<T>(this Option<T> option, T min, T max)
        where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value < min || value > max) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} {value} must be within {min}..{max}"));
        });
        return option;
    }

    /// <summary>Refuses values that are not above zero: "--name VALUE must be above 0".</summary>
    public static Option<T> Positive<T>(this Option<T> option)
        where T : INumber<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value <= T.Zero) result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} {value} must be above 0"));
        });
        return option;
    }

    /// <summary>Accepts only one of <paramref name="allowed"/>: "--name 'VALUE': use one of A, B"; help shows them as the value's name.</summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyCollection<string> allowed)
    {
        option.HelpName ??= string.Join('|', allowed);
        option.CompletionSources.Add([.. allowed]);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !allowed.Contains(value)) result.AddError($"{option.Name} '{value}': use one of {string.Join(", ", allowed)}");
        });
        return option;
    }

    /// <summary>Refuses a command line that gives neither <paramref name="first"/> nor <paramref name="second"/>: "give A or B".</summary>
    public static void RequireEither(this Command command, Option first, Option second, string what)
    {
        command.Validators.Add(result =>
        {
            if (result.GetResult(first) is null && result.GetResult(second) is null) result.AddError($"give {first.Name} {what} or {second.Name}");
        });
    }

    /// <summary>Accepts a comma-separated list whose items are all among <paramref name="allowed"/> (at least one item);
    /// <see cref="Items"/> splits it.</summary>
    public static Option<string> SomeOf(this Option<string> option, IReadOnlyCollection<string> allowed)
    {
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>() ?? "";
            var items = Items(text);
            if (items.Length == 0 || items.Any(i => !allowed.Contains(i)))
                result.AddError($"{option.Name} '{text}': use some of {string.Join(", ", allowed)}, comma-separated");
        });
        return option;
    }

    /// <summary>The items of a comma-separated list, trimmed, empty ones dropped.</summary>
    public static string[] Items(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public static void AddAll(this Command command, params Option[] options)
    {
        foreach (var option in options) command.Options.Add(option);
    }
}
