namespace JobRec.ML.Language.Generation;

/// <summary>Continues a prompt with a <see cref="LanguageModel"/> using a key/value cache, stopping at max tokens, end-of-text or a stop sequence.</summary>
public sealed class TextGenerator
{
    private readonly LanguageModel _model;

    /// <summary>Creates a generator over <paramref name="model"/>.</summary>
    public TextGenerator(LanguageModel model) => _model = model;

    /// <summary>Generates a continuation of <paramref name="prompt"/>; a prompt too long for the context keeps its last tokens.</summary>
    /// <exception cref="ArgumentException">MaxNewTokens is not positive or leaves no room for the prompt.</exception>
    public GeneratedText Generate(string prompt, GenerationOptions options) => Generate(_model.Tokenizer.Encode(prompt), options);

    /// <summary>Generates a continuation of already-encoded <paramref name="promptTokens"/>.</summary>
    /// <exception cref="ArgumentException">MaxNewTokens is not positive or leaves no room for the prompt.</exception>
    public GeneratedText Generate(ReadOnlySpan<int> promptTokens, GenerationOptions options)
    {
        int context = _model.Transformer.Config.ContextLength;
        if (options.MaxNewTokens <= 0 || options.MaxNewTokens >= context)
            throw new ArgumentException($"MaxNewTokens {options.MaxNewTokens} must be in 1..{context - 1}", nameof(options));
        if (promptTokens.IsEmpty) promptTokens = new[] { _model.Tokenizer.EndOfText };
        int room = context - options.MaxNewTokens;
        if (promptTokens.Length > room) promptTokens = promptTokens[^room..];
        var decoder = new IncrementalDecoder(_model.Transformer);
        var sampler = new TokenSampler(options);
        ReadOnlySpan<float> logits = default;
        foreach (int t in promptTokens) logits = decoder.Step(t);
        int vocab = _model.Tokenizer.VocabSize;
        var generated = new List<int>();
        float[]? banned = null;
        var reason = StopReason.MaxTokens;
        string text = "";
        double logProbability = 0;
        while (generated.Count < options.MaxNewTokens)
        {
            var usable = logits[..vocab]; // a transformer may have spare ids past the tokenizer's; never emit them
            if (options.NoRepeatNgramSize > 0 && BanRepeats(usable, generated, options.NoRepeatNgramSize, ref banned)) usable = banned!;
            int next = sampler.Next(usable);
            logProbability += LogSoftmaxAt(usable, next);
            generated.Add(next);
            if (options.StopAtEndOfText && next == _model.Tokenizer.EndOfText) { reason = StopReason.EndOfText; break; }
            text = _model.Tokenizer.Decode(generated.ToArray());
            int stopAt = FirstStop(text, options.StopSequences);
            if (stopAt >= 0) { text = text[..stopAt]; reason = StopReason.StopSequence; break; }
            if (generated.Count == options.MaxNewTokens) break;
            if (decoder.Cache.Length >= context) { reason = StopReason.ContextFull; break; }
            logits = decoder.Step(next);
        }
        if (reason == StopReason.EndOfText) text = _model.Tokenizer.Decode(generated.ToArray());
        return new GeneratedText(text, generated, reason, promptTokens.Length, generated.Count == 0 ? 0 : logProbability / generated.Count);
    }

    /// <summary>Copies <paramref name="logits"/> into <paramref name="scratch"/> with -infinity for every token that would complete an n-gram already in <paramref name="generated"/>; false (nothing copied) when no token is banned.</summary>
    private static bool BanRepeats(ReadOnlySpan<float> logits, List<int> generated, int n, ref float[]? scratch)
    {
        int prefix = n - 1, count = generated.Count;
        if (count < prefix) return false;
        bool any = false;
        for (int start = 0; start + prefix < count; start++)
        {
            bool match = true;
            for (int j = 0; j < prefix && match; j++) match = generated[start + j] == generated[count - prefix + j];
            if (!match) continue;
            int next = generated[start + prefix];
            if (!any)
            {
                scratch ??= new float[logits.Length];
                logits.CopyTo(scratch);
                any = true;
            }
            scratch![next] = float.NegativeInfinity;
        }
        return any;
    }

    private static double LogSoftmaxAt(ReadOnlySpan<float> logits, int index)
    {
        float max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        double sum = 0;
        foreach (float v in logits) sum += Math.Exp(v - max);
        return logits[index] - max - Math.Log(sum);
    }

    private static int FirstStop(string text, IReadOnlyList<string> stops)
    {
        int best = -1;
        foreach (var s in stops)
        {
            if (s.Length == 0) continue;
            int i = text.IndexOf(s, StringComparison.Ordinal);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }
}
