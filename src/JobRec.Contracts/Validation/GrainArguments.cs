namespace JobRec.Contracts;

/// <summary>Checks of grain method arguments that the HTTP layer's <see cref="RequestValidation"/> does not cover (vectors, bulk lists,
/// counters), so a gateway client or a buggy caller cannot store what the HTTP API would refuse; each throws
/// <see cref="ContractValidationException"/> naming the argument.</summary>
public static class GrainArguments
{
    /// <summary>An embedding: 1..<see cref="ContractLimits.MaxEmbeddingDimensions"/> finite numbers (or empty when <paramref name="allowEmpty"/>).</summary>
    public static void Vector(string field, float[]? vector, bool allowEmpty = false)
    {
        if (vector is null)
        {
            throw new ContractValidationException(field, "is required");
        }

        if (vector.Length == 0 && allowEmpty)
        {
            return;
        }

        if (vector.Length is 0 or > ContractLimits.MaxEmbeddingDimensions)
        {
            throw new ContractValidationException(field, $"has {vector.Length} dimensions; must be 1..{ContractLimits.MaxEmbeddingDimensions}");
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ContractValidationException($"{field}[{i}]", $"is {vector[i]}; must be a finite number");
            }
        }
    }

    /// <summary>A list (not null) of at most <paramref name="max"/> items.</summary>
    public static void Count<T>(string field, IReadOnlyCollection<T>? items, int max = ContractLimits.MaxBatchItems)
    {
        if (items is null)
        {
            throw new ContractValidationException(field, "is required (use an empty list)");
        }

        if (items.Count > max)
        {
            throw new ContractValidationException(field, $"has {items.Count} items; at most {max} allowed");
        }
    }

    /// <summary>A grain or map key naming a job or user: 1..<see cref="ContractLimits.MaxIdLength"/> characters (ingested ids are not held
    /// to the character rules of <see cref="RequestValidation.Id"/>, only to its length).</summary>
    public static void Key(string field, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ContractValidationException(field, "must be a non-empty id");
        }

        if (key.Length > ContractLimits.MaxIdLength)
        {
            throw new ContractValidationException(field, $"is {key.Length} characters; at most {ContractLimits.MaxIdLength} allowed");
        }
    }

    /// <summary>A list of at most <paramref name="max"/> keys (<see cref="Key"/>).</summary>
    public static void Ids(string field, IReadOnlyList<string>? ids, int max = ContractLimits.MaxBatchItems)
    {
        Count(field, ids, max);
        for (var i = 0; i < ids!.Count; i++)
        {
            Key($"{field}[{i}]", ids[i]);
        }
    }

    /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            throw new ContractValidationException(field, $"is {value}; must be between {min} and {max}");
        }
    }

    /// <summary>A finite number whose magnitude is at most <paramref name="maxMagnitude"/>.</summary>
    public static void Finite(string field, double value, double maxMagnitude)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > maxMagnitude)
        {
            throw new ContractValidationException(field, $"is {value}; must be a finite number within ±{maxMagnitude}");
        }
    }

    /// <summary>A text (not null) of at most <paramref name="max"/> characters.</summary>
    public static void Text(string field, string? value, int max)
    {
        if (value is null)
        {
            throw new ContractValidationException(field, "must not be null (use an empty string)");
        }

        if (value.Length > max)
        {
            throw new ContractValidationException(field, $"is {value.Length} characters; at most {max} allowed");
        }
    }
}
