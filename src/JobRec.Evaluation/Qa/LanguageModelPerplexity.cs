using JobRec.ML.Language;

namespace JobRec.Evaluation.Qa;

/// <summary>Per-token perplexity of documents under the transformer and, on the very same target tokens, under a unigram baseline.</summary>
public static class LanguageModelPerplexity
{
    /// <summary>Encodes each document (+ end-of-text), cuts it into context-sized windows and returns (model perplexity, unigram perplexity, target tokens).</summary>
    public static (double Model, double Unigram, long Tokens) Measure(LanguageModel model, UnigramLanguageModel unigram, IEnumerable<string> documents, int batch = 4)
    {
        int seqLen = model.Transformer.Config.ContextLength;
        var inputs = new int[batch * seqLen];
        var targets = new int[batch * seqLen];
        double modelNll = 0, unigramNll = 0;
        long count = 0;
        int filled = 0;
        void Flush()
        {
            if (filled == 0) return;
            for (int r = filled; r < batch; r++) { inputs.AsSpan(r * seqLen, seqLen).Fill(0); targets.AsSpan(r * seqLen, seqLen).Fill(-1); }
            int n = targets.Count(t => t >= 0);
            modelNll += model.Transformer.Forward(inputs, targets, batch, seqLen) * (double)n;
            foreach (int t in targets) if (t >= 0) unigramNll += unigram.NegativeLogLikelihood([t]);
            count += n;
            filled = 0;
        }
        foreach (var doc in documents)
        {
            var tokens = model.Tokenizer.Encode(doc).Append(model.Tokenizer.EndOfText).ToArray();
            for (int start = 0; start + 1 < tokens.Length; start += seqLen)
            {
                var input = inputs.AsSpan(filled * seqLen, seqLen);
                var target = targets.AsSpan(filled * seqLen, seqLen);
                input.Fill(0);
                target.Fill(-1);
                int len = Math.Min(seqLen, tokens.Length - 1 - start);
                tokens.AsSpan(start, len).CopyTo(input);
                tokens.AsSpan(start + 1, len).CopyTo(target);
                if (++filled == batch) Flush();
            }
        }
        Flush();
        if (count == 0) throw new ArgumentException("no tokens to measure perplexity on", nameof(documents));
        return (Math.Exp(modelNll / count), Math.Exp(unigramNll / count), count);
    }
}
