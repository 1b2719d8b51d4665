using System.Globalization;
using System.Text.Json;
using JobRec.ML.Numerics;

namespace JobRec.ML.Text.UseLite;

/// <summary>Compares the C# tokenizer and encoder with reference token ids and embeddings (golden_embeddings.json from the TF.js implementation).</summary>
public static class GoldenEmbeddingCheck
{
    /// <summary>Result: sentences checked, how many tokenized identically, the smallest cosine, and a description of each mismatch.</summary>
    public sealed record Result(int Sentences, int TokensMatch, double MinCosine, IReadOnlyList<string> Problems)
    {
        /// <summary>The summary line <c>golden: sentences=.. tokens_match=.. min_cosine=..</c>.</summary>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"golden: sentences={Sentences} tokens_match={TokensMatch} min_cosine={MinCosine:F6}");
    }

    /// <summary>Runs the check on a JSON file with "sentences", "token_ids" and "embeddings" arrays of equal length.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="FormatException">A field is missing or the arrays differ in length.</exception>
    public static Result Run(string goldenJson, UseLiteEncoder encoder)
    {
        if (!File.Exists(goldenJson)) throw new FileNotFoundException($"golden file not found: {goldenJson}", goldenJson);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(goldenJson));
        JsonElement Field(string name) => doc.RootElement.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Array
            ? e : throw new FormatException($"{goldenJson}: missing array '{name}'");
        var sentences = Field("sentences").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        var ids = Field("token_ids").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToArray();
        var embeddings = Field("embeddings").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetSingle()).ToArray()).ToArray();
        if (ids.Length != sentences.Length || embeddings.Length != sentences.Length)
            throw new FormatException($"{goldenJson}: {sentences.Length} sentences, {ids.Length} token id lists, {embeddings.Length} embeddings");
        var problems = new List<string>();
        int match = 0;
        for (int i = 0; i < sentences.Length; i++)
        {
            var mine = encoder.Tokenizer.Encode(sentences[i]);
            if (mine.SequenceEqual(ids[i])) match++;
            else problems.Add($"sentence {i}: token ids differ (got {mine.Length} ids, expected {ids[i].Length})");
        }
        var vectors = encoder.Encode(sentences);
        double min = double.MaxValue;
        for (int i = 0; i < sentences.Length; i++)
        {
            if (embeddings[i].Length != encoder.Dimension) throw new FormatException($"{goldenJson}: embedding {i} has {embeddings[i].Length} values, expected {encoder.Dimension}");
            double cos = MatrixRows.Cosine(vectors.AsSpan(i * encoder.Dimension, encoder.Dimension), embeddings[i]);
            min = Math.Min(min, cos);
            if (cos < 0.9999) problems.Add(string.Create(CultureInfo.InvariantCulture, $"sentence {i}: cosine {cos:F6}"));
        }
        return new Result(sentences.Length, match, sentences.Length == 0 ? 0 : min, problems);
    }
}
