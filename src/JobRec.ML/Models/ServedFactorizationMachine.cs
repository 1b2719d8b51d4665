using JobRec.ML.Recommenders;

namespace JobRec.ML.Models;

/// <summary>A trained factorization machine as a silo serves it: the weights, the feature layout and the user and job ids whose index features
/// it learned, and (payload format 2) the title vocabulary of its title and city features. Serving computes the dense features itself, so no
/// training dataset is needed. Thread-safe for scoring.</summary>
public sealed class ServedFactorizationMachine
{
    /// <summary>Payload format written by <see cref="Save"/>: 2 starts with the byte 2, then the text and title/city flags, and ends with the
    /// title vocabulary. Format 1 (no title/city features) started with the text flag (byte 0 or 1), so the first byte tells them apart and
    /// both are read whatever the metadata says.</summary>
    public const int PayloadFormat = 2;

    private readonly FactorizationMachine _model;
    private readonly FmFeatureLayout _layout;
    private readonly Dictionary<string, int> _users;
    private readonly Dictionary<string, int> _jobs;

    private ServedFactorizationMachine(FactorizationMachine model, bool useText, IReadOnlyList<string> userIds, IReadOnlyList<string> jobIds,
        TitleCityFeaturizer? titleCity)
    {
        _model = model;
        TitleCity = titleCity;
        _layout = new FmFeatureLayout(userIds.Count, jobIds.Count, useText);
        if (model.FeatureCount != _layout.FeatureCount)
        {
            throw new InvalidDataException($"factorization machine has {model.FeatureCount} features; {userIds.Count} users, {jobIds.Count} jobs and the dense features need {_layout.FeatureCount}");
        }

        _users = Index(userIds, "user");
        _jobs = Index(jobIds, "job");
        UserIds = userIds;
        JobIds = jobIds;
    }

    /// <summary>"fm" with text-similarity features, "fm-notext" without.</summary>
    public string Kind => _layout.UseText ? "fm" : "fm-notext";

    /// <summary>The featurizer of the title and city inputs with the training catalog's vocabulary; null when the model was trained without
    /// them (those inputs must then stay 0).</summary>
    public TitleCityFeaturizer? TitleCity { get; }

    /// <summary>User ids with a learned index feature (index i is feature i).</summary>
    public IReadOnlyList<string> UserIds { get; }

    /// <summary>Job ids with a learned index feature.</summary>
    public IReadOnlyList<string> JobIds { get; }

    /// <summary>The serving form of a fitted recommender; <paramref name="data"/> is the dataset it was fitted on (its id order).</summary>
    public static ServedFactorizationMachine From(FactorizationMachineRecommender fitted, RecommenderDataset data)
    {
        ArgumentNullException.ThrowIfNull(fitted);
        ArgumentNullException.ThrowIfNull(data);
        return new ServedFactorizationMachine(fitted.Model, fitted.UseText, [.. data.UserIds], [.. data.JobIds],
            fitted.Options.TitleCityFeatures ? fitted.TitleCity : null);
    }

    /// <summary>A served model from its parts: <paramref name="model"/> must have one feature per user, per job and per dense feature of the layout.</summary>
    /// <exception cref="InvalidDataException">The feature count does not match, or an id repeats.</exception>
    /// <param name="model">The machine.</param>
    /// <param name="useText">Whether the text-similarity inputs are used.</param>
    /// <param name="userIds">Users with an index feature.</param>
    /// <param name="jobIds">Jobs with an index feature.</param>
    /// <param name="titleCity">The title vocabulary when the model was trained with the title and city inputs, else null.</param>
    public static ServedFactorizationMachine Create(FactorizationMachine model, bool useText, IReadOnlyList<string> userIds, IReadOnlyList<string> jobIds,
        TitleCityFeaturizer? titleCity = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ServedFactorizationMachine(model, useText, [.. userIds], [.. jobIds], titleCity);
    }

    /// <summary>Index of a user id, or -1 when the model has none for it (only the dense features count then).</summary>
    public int UserIndex(string id) => _users.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Index of a job id, or -1.</summary>
    public int JobIndex(string id) => _jobs.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Scores feature rows (ids already mapped by <see cref="UserIndex"/> and <see cref="JobIndex"/>); allocation-free.</summary>
    public void Score(ReadOnlySpan<FmFeatureInputs> inputs, Span<float> scores)
    {
        if (scores.Length < inputs.Length)
        {
            throw new ArgumentException($"scores has {scores.Length} slots for {inputs.Length} inputs", nameof(scores));
        }

        Span<int> idx = stackalloc int[FmFeatureLayout.MaxNonZeros];
        Span<float> val = stackalloc float[FmFeatureLayout.MaxNonZeros];
        for (var i = 0; i < inputs.Length; i++)
        {
            var n = _layout.Write(inputs[i], idx, val);
            scores[i] = _model.Score(idx[..n], val[..n]);
        }
    }

    /// <summary>The payload bytes (format <see cref="PayloadFormat"/>): the byte 2, text flag, title/city flag, user ids, job ids, the machine,
    /// then the title vocabulary when the flag is set.</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write((byte)PayloadFormat);
            writer.Write(_layout.UseText);
            writer.Write(TitleCity is not null);
            WriteIds(writer, UserIds);
            WriteIds(writer, JobIds);
            _model.Save(writer);
            TitleCity?.Titles.SaveVocabulary(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a payload written by <see cref="Save"/> in payload format <paramref name="payloadFormat"/> (1 or 2).</summary>
    /// <exception cref="InvalidDataException">Unknown format, truncated or inconsistent payload.</exception>
    public static ServedFactorizationMachine Load(byte[] payload, int payloadFormat = PayloadFormat)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payloadFormat is not (1 or PayloadFormat))
        {
            throw new InvalidDataException($"factorization machine payload format {payloadFormat} is not supported (this build reads 1 and {PayloadFormat})");
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), System.Text.Encoding.UTF8);
            var first = reader.ReadByte();
            if (first > PayloadFormat)
            {
                throw new InvalidDataException($"factorization machine payload starts with {first}: not payload format 1 or {PayloadFormat}");
            }

            // Format 1 began with the text flag (0 or 1); format 2 with its number, then the flags.
            var useText = first == PayloadFormat ? reader.ReadBoolean() : first == 1;
            var titleCity = first == PayloadFormat && reader.ReadBoolean();
            var users = ReadIds(reader, "user");
            var jobs = ReadIds(reader, "job");
            var model = FactorizationMachine.Load(reader);
            var featurizer = titleCity ? new TitleCityFeaturizer(TitleTermIndex.LoadVocabulary(reader)) : null;
            if (reader.BaseStream.Position != payload.Length)
            {
                throw new InvalidDataException($"factorization machine payload has {payload.Length - reader.BaseStream.Position} trailing bytes");
            }

            return new ServedFactorizationMachine(model, useText, users, jobs, featurizer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"factorization machine payload is truncated ({payload.Length} bytes)", e);
        }
    }

    private static void WriteIds(BinaryWriter writer, IReadOnlyList<string> ids)
    {
        writer.Write(ids.Count);
        foreach (var id in ids)
        {
            writer.Write(id);
        }
    }

    private static string[] ReadIds(BinaryReader reader, string what)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"factorization machine payload has an invalid {what} count {count}");
        }

        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = reader.ReadString();
        }

        return ids;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> ids, string what)
    {
        var index = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!index.TryAdd(ids[i], i))
            {
                throw new InvalidDataException($"factorization machine payload lists {what} id '{ids[i]}' twice");
            }
        }

        return index;
    }
}
