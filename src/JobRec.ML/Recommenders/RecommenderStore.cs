using JobRec.FileFormats;

namespace JobRec.ML.Recommenders;

/// <summary>Saves recommenders to streams and loads them back against the dataset they were fitted on.</summary>
public static class RecommenderStore
{
    /// <summary>The recommender file format: magic "JOBREC-RECOMMENDER" as <see cref="BinaryWriter.Write(string)"/> writes it (a length byte 18,
    /// then the ASCII), version 2 (FM title/city features, hybrid source weights).</summary>
    public static readonly BinaryFileFormat Format = new("recommender file", [18, .. "JOBREC-RECOMMENDER"u8], version: 2, remedy: "fit the model again");

    /// <summary>Writes a header (name, catalog fingerprint) and the model's learned state.</summary>
    public static void Save(IRecommender recommender, RecommenderDataset data, Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        Format.WriteHeader(writer);
        writer.Write(recommender.Name);
        writer.Write(data.CatalogFingerprint());
        recommender.Save(writer);
    }

    /// <summary>Reads a model written by <see cref="Save"/> and binds it to <paramref name="data"/>.</summary>
    /// <param name="stream">The model file.</param>
    /// <param name="data">The dataset the model was fitted on (same catalog).</param>
    /// <param name="search">Vector search for a content model; exact search when null.</param>
    /// <param name="source">Names the stream in errors (usually the file's path).</param>
    /// <exception cref="InvalidDataException">Not a model file, another format version, an unknown model, or a model of another catalog.</exception>
    public static IRecommender Load(Stream stream, RecommenderDataset data, IJobVectorSearch? search = null, string source = "recommender stream")
    {
        Format.ReadHeader(stream, source);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
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
