using System.Buffers;
using System.Text.Json;

namespace JobRec.Actors.Invocation;

/// <summary>The default call serializer: arguments as a JSON array and results as JSON, each typed by the method's declared types.</summary>
public sealed class JsonGrainCallSerializer : IGrainCallSerializer
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer over <paramref name="options"/> (default: <see cref="GrainJson.Options"/>).</summary>
    public JsonGrainCallSerializer(JsonSerializerOptions? options = null) => _options = options ?? GrainJson.Options;

    /// <inheritdoc />
    public void WriteArguments(IBufferWriter<byte> output, GrainMethod method, object?[] arguments)
    {
        var writer = Writer(output);
        writer.WriteStartArray();
        for (var i = 0; i < arguments.Length; i++)
        {
            JsonSerializer.Serialize(writer, arguments[i], method.ParameterTypes[i], _options);
        }

        writer.WriteEndArray();
        writer.Flush();
    }

    /// <inheritdoc />
    public object?[] ReadArguments(ReadOnlySpan<byte> input, GrainMethod method)
    {
        var types = method.ParameterTypes;
        var args = types.Length == 0 ? [] : new object?[types.Length];
        var reader = new Utf8JsonReader(input);
        var i = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException($"Arguments of {method} must be a JSON array.");
            }

            for (; i < types.Length; i++)
            {
                if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                {
                    throw new InvalidDataException($"{method} takes {types.Length} arguments but the call carries {i}.");
                }

                args[i] = JsonSerializer.Deserialize(ref reader, types[i], _options);
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                throw new InvalidDataException($"{method} takes {types.Length} arguments but the call carries more.");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Argument {i} ({types[Math.Min(i, types.Length - 1)].Name}) of {method} is not valid at byte {reader.BytesConsumed}: {e.Message}", e);
        }

        return args;
    }

    /// <inheritdoc />
    public void WriteResult(IBufferWriter<byte> output, GrainMethod method, object? result)
    {
        if (method.ResultType is null)
        {
            return;
        }

        var writer = Writer(output);
        JsonSerializer.Serialize(writer, result, method.ResultType, _options);
        writer.Flush();
    }

    /// <inheritdoc />
    public object? ReadResult(ReadOnlySpan<byte> input, GrainMethod method)
    {
        if (method.ResultType is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(input, method.ResultType, _options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Result of {method} is not valid {method.ResultType.Name} JSON: {e.Message}", e);
        }
    }

    private static Utf8JsonWriter Writer(IBufferWriter<byte> output)
    {
        var w = t_writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        w.Reset(output);
        return w;
    }
}
