using System.Text.Json;

namespace JobRec.ML.Tests.Text;

/// <summary>The reference sentences, token ids and embeddings from ../shared/data/use-lite/golden_embeddings.json.</summary>
internal sealed record GoldenEmbeddings(string[] Sentences, int[][] TokenIds, float[][] Embeddings)
{
    public static GoldenEmbeddings Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(SharedData.File("use-lite", "golden_embeddings.json")));
        var root = doc.RootElement;
        return new GoldenEmbeddings(
            root.GetProperty("sentences").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            root.GetProperty("token_ids").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray(),
            root.GetProperty("embeddings").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToArray());
    }
}
