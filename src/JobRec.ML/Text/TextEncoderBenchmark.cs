using System.Diagnostics;

namespace JobRec.ML.Text;

/// <summary>Measures an encoder's throughput on job titles and on long descriptions, in batches as the inference pool runs it.</summary>
public static class TextEncoderBenchmark
{
    /// <summary>Texts per second over <paramref name="texts"/> encoded in batches of <paramref name="batchSize"/>, after one warm-up batch.</summary>
    /// <exception cref="ArgumentException">No texts or a non-positive batch size.</exception>
    public static double TextsPerSecond(ITextEncoder encoder, IReadOnlyList<string> texts, int batchSize)
    {
        if (texts.Count == 0) throw new ArgumentException("no texts to encode", nameof(texts));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        encoder.Encode(texts.Take(Math.Min(batchSize, texts.Count)).ToArray());
        var watch = Stopwatch.StartNew();
        for (int start = 0; start < texts.Count; start += batchSize)
            encoder.Encode(texts.Skip(start).Take(batchSize).ToArray());
        return texts.Count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Cuts or repeats each text's words until <paramref name="countTokens"/> gives at least <paramref name="tokens"/>, for fixed-length description benchmarks.</summary>
    public static IReadOnlyList<string> ToTokenLength(Func<string, int> countTokens, IEnumerable<string> texts, int tokens)
    {
        var result = new List<string>();
        foreach (var text in texts)
        {
            var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            var list = new List<string>();
            while (true)
            {
                list.AddRange(words);
                var candidate = string.Join(' ', list);
                int count = countTokens(candidate);
                if (count < tokens) continue;
                // Trim words from the end while the length stays at or above the target.
                int lo = 1, hi = list.Count;
                while (lo < hi)
                {
                    int mid = (lo + hi) / 2;
                    if (countTokens(string.Join(' ', list.Take(mid))) >= tokens) hi = mid; else lo = mid + 1;
                }
                result.Add(string.Join(' ', list.Take(lo)));
                break;
            }
        }
        return result;
    }
}
