using System.CommandLine;

namespace JobRec.Cli.Options;

/// <summary>
/// An option whose value is one of a fixed set of names, each standing for a value of <typeparamref name="T"/> (usually an enum):
/// System.CommandLine refuses any other name at parse time (the message names the option and lists the choices), help shows the choices and the
/// default, and <see cref="Get"/> maps the name with no fallback.
/// </summary>
internal sealed class ChoiceOption<T>
{
    private readonly Dictionary<string, T> _values;

    /// <summary>Creates <paramref name="name"/> with the given choices; <paramref name="defaultName"/> must be one of them.</summary>
    public ChoiceOption(string name, string description, string defaultName, params (string Name, T Value)[] choices)
    {
        _values = choices.ToDictionary(c => c.Name, c => c.Value, StringComparer.Ordinal);
        if (!_values.ContainsKey(defaultName)) throw new ArgumentException($"default '{defaultName}' is not a choice of {name}", nameof(defaultName));
        Option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultName }.OneOf(_values.Keys);
    }

    /// <summary>The option to add to a command.</summary>
    public Option<string> Option { get; }

    /// <summary>The chosen value.</summary>
    public T Get(ParseResult parseResult) => _values[parseResult.GetValue(Option)!];

    /// <summary>The option, for collection initialisers.</summary>
    public static implicit operator Option(ChoiceOption<T> choice) => choice.Option;
}
