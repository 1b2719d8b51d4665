using JobRec.ML.Language;
using JobRec.ML.Language.Generation;
using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Tests.Language;

public class TextGeneratorTests
{
    private static LanguageModel RandomModel(int context = 32)
    {
        var tokenizer = ByteLevelBpeTokenizer.Train(SmallCorpus.Documents(30), 290);
        return new LanguageModel(tokenizer, new TransformerModel(new TransformerConfig(tokenizer.VocabSize, context, 16, 2, 2), seed: 5));
    }

    [Fact]
    public void Cached_decoding_gives_the_same_probabilities_as_the_full_forward_pass()
    {
        var model = RandomModel();
        var tokens = model.Tokenizer.Encode("The job title is Nurse. The hiring company");
        var transformer = model.Transformer;
        transformer.Forward(tokens, ReadOnlySpan<int>.Empty, 1, tokens.Length);
        var decoder = new IncrementalDecoder(transformer);
        for (int t = 0; t < tokens.Length; t++)
        {
            var logits = decoder.Step(tokens[t]).ToArray();
            System.Numerics.Tensors.TensorPrimitives.SoftMax(logits, logits);
            var full = transformer.Probabilities(t);
            for (int v = 0; v < logits.Length; v++) Assert.Equal(full[v], logits[v], 4);
        }
    }

    [Fact]
    public void Generation_respects_max_tokens()
    {
        var model = RandomModel();
        var result = new TextGenerator(model).Generate("The job", new GenerationOptions { MaxNewTokens = 5, StopAtEndOfText = false });
        Assert.Equal(5, result.Tokens.Count);
        Assert.Equal(StopReason.MaxTokens, result.Reason);
        var sampled = new TextGenerator(model).Generate("The job", new GenerationOptions { MaxNewTokens = 7, Temperature = 1.2f, TopK = 20, TopP = 0.9f, StopAtEndOfText = false });
        Assert.Equal(7, sampled.Tokens.Count);
    }

    [Fact]
    public void No_repeat_ngram_blocks_repeats_among_generated_tokens_only()
    {
        var model = RandomModel(64);
        var generator = new TextGenerator(model);
        var free = generator.Generate("The job", new GenerationOptions { MaxNewTokens = 40, StopAtEndOfText = false });
        Assert.True(HasRepeatedNgram(free.Tokens, 3), "greedy decoding of a random model was expected to loop"); // the premise of the check below
        foreach (int n in new[] { 1, 2, 3 })
        {
            var blocked = generator.Generate("The job", new GenerationOptions { MaxNewTokens = 40, StopAtEndOfText = false, NoRepeatNgramSize = n });
            Assert.Equal(40, blocked.Tokens.Count);
            Assert.False(HasRepeatedNgram(blocked.Tokens, n), $"a {n}-gram repeats in [{string.Join(", ", blocked.Tokens)}]");
            // the prompt does not count: the first token is the free choice even if the prompt holds it
            Assert.Equal(free.Tokens[0], blocked.Tokens[0]);
        }
    }

    private static bool HasRepeatedNgram(IReadOnlyList<int> tokens, int n)
    {
        var seen = new HashSet<string>();
        for (int i = 0; i + n <= tokens.Count; i++)
            if (!seen.Add(string.Join(",", tokens.Skip(i).Take(n)))) return true;
        return false;
    }

    [Fact]
    public void Generation_stops_at_a_stop_sequence_and_drops_it()
    {
        var model = RandomModel();
        var generator = new TextGenerator(model);
        var free = generator.Generate("The job", new GenerationOptions { MaxNewTokens = 6, StopAtEndOfText = false });
        var stop = free.Text.Length > 1 ? free.Text.Substring(1, 1) : free.Text;
        Assume(stop.Length > 0);
        var stopped = generator.Generate("The job", new GenerationOptions { MaxNewTokens = 6, StopAtEndOfText = false, StopSequences = [stop] });
        Assert.Equal(StopReason.StopSequence, stopped.Reason);
        Assert.DoesNotContain(stop, stopped.Text);
        Assert.StartsWith(stopped.Text, free.Text);
    }

    [Fact]
    public void Generation_stops_at_end_of_text()
    {
        var model = RandomModel();
        // zero final-norm gain: the last hidden state is the bias, and end-of-text's embedding equals it, so it wins
        var p = model.Transformer.Parameters;
        var layout = model.Transformer.Layout;
        layout.FinalNormGain.Of(p).Clear();
        var bias = layout.FinalNormBias.Of(p);
        var eot = layout.TokenEmbedding.Of(p).Slice(model.Tokenizer.EndOfText * 16, 16);
        for (int i = 0; i < 16; i++) { bias[i] = 3f * (i % 2 == 0 ? 1 : -1); eot[i] = bias[i]; }
        var result = new TextGenerator(model).Generate("The job", new GenerationOptions { MaxNewTokens = 10 });
        Assert.Equal(StopReason.EndOfText, result.Reason);
        Assert.Single(result.Tokens);
        Assert.Equal("", result.Text);
    }

    [Fact]
    public void Long_prompts_keep_their_tail_and_bad_limits_are_rejected()
    {
        var model = RandomModel(context: 16);
        var result = new TextGenerator(model).Generate(string.Join(" ", SmallCorpus.Documents(3)), new GenerationOptions { MaxNewTokens = 4, StopAtEndOfText = false });
        Assert.Equal(12, result.PromptTokens);
        Assert.Throws<ArgumentException>(() => new TextGenerator(model).Generate("x", new GenerationOptions { MaxNewTokens = 16 }));
    }

    [Fact]
    public void Never_emits_ids_past_the_tokenizer_vocabulary()
    {
        var tokenizer = ByteLevelBpeTokenizer.Train(SmallCorpus.Documents(30), 280);
        var model = new LanguageModel(tokenizer, new TransformerModel(new TransformerConfig(tokenizer.VocabSize + 500, 32, 16, 2, 1), seed: 8));
        // make the spare ids the most likely ones
        var layout = model.Transformer.Layout;
        var p = model.Transformer.Parameters;
        layout.FinalNormGain.Of(p).Clear();
        var bias = layout.FinalNormBias.Of(p);
        bias.Fill(1f);
        layout.TokenEmbedding.Of(p).Slice(tokenizer.VocabSize * 16).Fill(1f);
        foreach (var temperature in new[] { 0f, 1f })
        {
            var result = new TextGenerator(model).Generate("The job", new GenerationOptions { MaxNewTokens = 8, Temperature = temperature, StopAtEndOfText = false });
            Assert.All(result.Tokens, t => Assert.InRange(t, 0, tokenizer.VocabSize - 1));
        }
    }

    private static void Assume(bool condition) => Assert.True(condition, "random model produced empty text; pick another seed");
}
