using JobRec.ML.Language.Model;

namespace JobRec.ML.Language.Generation;

/// <summary>Keys and values of every layer and head for the positions already fed, so each new token costs one position of work.</summary>
public sealed class KeyValueCache
{
    /// <summary>Allocates room for a full context of <paramref name="config"/>.</summary>
    public KeyValueCache(TransformerConfig config)
    {
        Config = config;
        Keys = new float[config.Layers][];
        Values = new float[config.Layers][];
        for (int l = 0; l < config.Layers; l++)
        {
            Keys[l] = new float[config.ContextLength * config.ModelDim];
            Values[l] = new float[config.ContextLength * config.ModelDim];
        }
    }

    /// <summary>The model shape the cache is for.</summary>
    public TransformerConfig Config { get; }
    /// <summary>Per layer, keys laid out [H, T, hd].</summary>
    public float[][] Keys { get; }
    /// <summary>Per layer, values laid out [H, T, hd].</summary>
    public float[][] Values { get; }
    /// <summary>Number of positions already fed.</summary>
    public int Length { get; set; }

    /// <summary>The key (or value) row of head <paramref name="head"/> at <paramref name="position"/> inside one layer's buffer.</summary>
    public Span<float> Row(float[] layerBuffer, int head, int position) =>
        layerBuffer.AsSpan((head * Config.ContextLength + position) * Config.HeadDim, Config.HeadDim);
}
