using System.Globalization;

namespace JobRec.ML.Onet;

/// <summary>Settings of the similarity-weighted vote evidence (<see cref="NeighbourVotes.Weighted(ReadOnlySpan{float}, IReadOnlyList{int}, Span{float}, VoteSettings)"/>): the query's <paramref name="Neighbours"/>
/// nearest title entries by sentence-embedding cosine each vote for their occupation with weight exp(cosine / <paramref name="Temperature"/>),
/// normalised so the votes of one query sum to 1.</summary>
/// <param name="Neighbours">Nearest title entries that vote (at least 1).</param>
/// <param name="Temperature">Softmax temperature over their cosines (above 0; small: the nearest title decides, large: a plain count).</param>
public sealed record VoteSettings(int Neighbours = VoteSettings.DefaultNeighbours, float Temperature = VoteSettings.DefaultTemperature)
{
    /// <summary>Default neighbours, chosen on the development split of the training titles (docs/EVALUATION.md).</summary>
    public const int DefaultNeighbours = 80;

    /// <summary>Default temperature, chosen on the development split of the training titles (docs/EVALUATION.md).</summary>
    public const float DefaultTemperature = 0.1f;

    /// <summary>The settings <see cref="OnetFusionTuning"/> tries on the development titles (every neighbour count with every temperature).</summary>
    public static IReadOnlyList<VoteSettings> Grid { get; } =
        [.. new[] { 10, 20, 40, 80, 160 }.SelectMany(k => new[] { 0.05f, 0.1f, 0.2f }.Select(t => new VoteSettings(k, t)))];

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentException">Neighbours below 1 or a temperature that is not a positive finite number.</exception>
    public VoteSettings Validated()
    {
        if (Neighbours < 1) throw new ArgumentException($"vote neighbours must be at least 1, was {Neighbours}");
        if (!(Temperature > 0) || float.IsInfinity(Temperature)) throw new ArgumentException($"vote temperature must be a positive number, was {Temperature}");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"vote k={Neighbours} T={Temperature:0.###}");
}
