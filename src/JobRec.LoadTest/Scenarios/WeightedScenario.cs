namespace JobRec.LoadTest.Scenarios;

/// <summary>A mix of weighted operations from which each virtual user or arrival draws its next call.</summary>
public sealed class WeightedScenario
{
    private readonly LoadOperation[] _operations;
    private readonly double[] _cumulative;

    /// <summary>Creates a scenario; weights must be finite and positive and names unique.</summary>
    public WeightedScenario(IEnumerable<LoadOperation> operations)
    {
        _operations = operations.ToArray();
        if (_operations.Length == 0)
        {
            throw new ArgumentException("A scenario needs at least one operation.", nameof(operations));
        }

        _cumulative = new double[_operations.Length];
        double total = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _operations.Length; i++)
        {
            var op = _operations[i];
            if (!(op.Weight > 0) || double.IsInfinity(op.Weight))
            {
                throw new ArgumentException($"Operation '{op.Name}' has weight {op.Weight}; weights must be finite and > 0.", nameof(operations));
            }

            if (!names.Add(op.Name))
            {
                throw new ArgumentException($"Operation '{op.Name}' appears twice in the scenario.", nameof(operations));
            }

            total += op.Weight;
            _cumulative[i] = total;
        }
    }

    /// <summary>The operations in declaration order.</summary>
    public IReadOnlyList<LoadOperation> Operations => _operations;

    /// <summary>Draws an operation with probability proportional to its weight.</summary>
    public LoadOperation Next(Random random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var i = Array.BinarySearch(_cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return _operations[Math.Min(i, _operations.Length - 1)];
    }

    /// <summary>Parses a mix such as "recommend=60,search=20" into name/weight pairs, naming the bad entry on error.</summary>
    public static IReadOnlyDictionary<string, double> ParseMix(string mix)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in mix.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w) || w < 0)
            {
                throw new FormatException($"--mix entry '{part}' must be name=weight with a non-negative number (in '{mix}').");
            }

            result[part[..eq].Trim()] = w;
        }

        return result;
    }
}
