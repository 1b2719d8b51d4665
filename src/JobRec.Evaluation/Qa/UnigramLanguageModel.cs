namespace JobRec.Evaluation.Qa;

/// <summary>Baseline language model: token frequencies of the training stream with add-one smoothing over the vocabulary.</summary>
public sealed class UnigramLanguageModel
{
    private readonly double[] _logProbability;

    /// <summary>Counts <paramref name="tokens"/> over a vocabulary of <paramref name="vocabSize"/> ids.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A token is outside the vocabulary.</exception>
    public UnigramLanguageModel(ReadOnlySpan<int> tokens, int vocabSize)
    {
        var counts = new long[vocabSize];
        for (int i = 0; i < tokens.Length; i++)
        {
            if ((uint)tokens[i] >= (uint)vocabSize) throw new ArgumentOutOfRangeException(nameof(tokens), tokens[i], $"token at {i} is outside the vocabulary of {vocabSize}");
            counts[tokens[i]]++;
        }
        double total = tokens.Length + vocabSize;
        _logProbability = counts.Select(c => Math.Log((c + 1) / total)).ToArray();
    }

    /// <summary>Sum of negative log-probabilities (nats) of <paramref name="tokens"/>.</summary>
    public double NegativeLogLikelihood(ReadOnlySpan<int> tokens)
    {
        double sum = 0;
        foreach (int t in tokens) sum -= _logProbability[t];
        return sum;
    }
}
