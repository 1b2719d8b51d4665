namespace JobRec.ML.Recommenders;

/// <summary>Saves recommenders to streams and loads them back against the dataset they were fitted on.</summary>
public static class RecommenderStore
{
    private const string Magic = "JOBREC-RECOMMENDER";
    private const int Version = 2; // 2: FM title/city features, hybrid source weights

    /// <summary>Writes a header (name, catalog fingerprint) and the model's learned state.</summary>
    public static void Save(IRecommender recommender, RecommenderDataset data, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(recommender.Name);
        writer.Write(data.CatalogFingerprint());
        recommender.Save(writer);
    }

    /// <summary>Reads a model written by <see cref="Save"/> and binds it to <paramref name="data"/>.</summary>
    /// <param name="stream">The model file.</param>
    /// <param name="data">The dataset the model was fitted on (same catalog).</param>
    /// <param name="search">Vector search for a content model; exact search when null.</param>
    /// <exception cref="InvalidDataException">Not a model file, an unknown model, or a model of another catalog.</exception>
    public static IRecommender Load(Stream stream, RecommenderDataset data, IJobVectorSearch? search = null)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        string magic;
        try { magic = reader.ReadString(); }
        catch (Exception e) when (e is EndOfStreamException or IOException) { throw new InvalidDataException("model file is empty or truncated at byte 0", e); }
        if (magic != Magic) throw new InvalidDataException($"not a JobRec recommender file (header '{magic}' at byte 0)");
        int version = reader.ReadInt32();
        if (version != Version) throw new InvalidDataException($"recommender file version {version} is not supported (expected {Version})");
        string name = reader.ReadString();
        ulong fingerprint = reader.ReadUInt64();
        if (fingerprint != data.CatalogFingerprint())
            throw new InvalidDataException($"recommender file '{name}' was fitted on another catalog (fingerprint {fingerprint:X16}, dataset {data.CatalogFingerprint():X16})");
        Recommender model = name switch
        {
            "random" => RandomRecommender.Load(reader),
            "popularity" => PopularityRecommender.Load(reader),
            "popularity-region" => RegionalPopularityRecommender.Load(reader),
                "title-region" or "city-title" => TitleRegionRecommender.Load(reader),
            "item-knn" => ItemKnnRecommender.Load(reader),
            "user-knn" => UserKnnRecommender.Load(reader),
            "bpr-mf" => BprMatrixFactorization.Load(reader),
            "content" => ContentBasedRecommender.Load(reader, search),
            "fm" or "fm-notext" => FactorizationMachineRecommender.Load(reader, data),
            "hybrid" => HybridRecommender.Load(reader, data, search),
            _ => throw new InvalidDataException($"recommender file names unknown model '{name}'"),
        };
        model.Attach(data);
        return model;
    }
}
