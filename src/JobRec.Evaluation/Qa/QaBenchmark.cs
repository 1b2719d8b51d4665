using System.Diagnostics;
using JobRec.ML.Language;
using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Generation;
using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;
using JobRec.ML.Language.Training;

namespace JobRec.Evaluation.Qa;

/// <summary>Throughput of the QA language model: training tokens per second (forward + backward + AdamW) and generated tokens per second (KV-cache decoding).</summary>
public static class QaBenchmark
{
    /// <summary>Trains a fresh model of <paramref name="config"/> for about <paramref name="trainTime"/> on a synthetic token stream, then greedily decodes <paramref name="generateTokens"/> tokens after a prompt.</summary>
    public static (double TrainTokensPerSecond, double GenerateTokensPerSecond) Run(TransformerConfig config, int batchSize, TimeSpan trainTime, int generateTokens, TextWriter log)
    {
        var rng = new Random(1);
        // token ids drawn from a Zipf-like law so the softmax sees a realistic spread; throughput does not depend on the text itself
        var tokens = new int[200_000];
        for (int i = 0; i < tokens.Length; i++) tokens[i] = (int)Math.Min(config.VocabSize - 1, Math.Floor(Math.Pow(config.VocabSize, rng.NextDouble())) - 1);
        var corpus = new TokenCorpus(tokens, Enumerable.Range(0, tokens.Length / config.ContextLength).Select(i => i * config.ContextLength).ToArray());
        var model = new TransformerModel(config, seed: 1);
        log.WriteLine($"qa_bench: {config}, {model.Layout.Count:N0} parameters, batch {batchSize} x {config.ContextLength}");
        // one warm-up step so JIT and buffer allocation are not timed
        LanguageModelTrainer.Train(model, corpus, new TrainingOptions { BatchSize = batchSize, SequenceLength = config.ContextLength, Steps = 1, WarmupSteps = 1, LogEvery = 0 });
        var result = LanguageModelTrainer.Train(model, corpus, new TrainingOptions
        {
            BatchSize = batchSize, SequenceLength = config.ContextLength, Steps = int.MaxValue, WarmupSteps = 10, TimeLimit = trainTime, LogEvery = 0,
        });
        log.WriteLine($"qa_bench: trained {result.Steps} steps, {result.Tokens} tokens in {result.Elapsed.TotalSeconds:F1} s");

        var tokenizer = ByteLevelBpeTokenizer.Train(["The job title is Data Engineer. The required skills are Python, SQL."], 300);
        var transformer = new TransformerModel(config with { VocabSize = Math.Max(config.VocabSize, tokenizer.VocabSize) }, seed: 2);
        var generator = new TextGenerator(new LanguageModel(tokenizer, transformer));
        var options = new GenerationOptions { MaxNewTokens = Math.Min(generateTokens, config.ContextLength - 8), StopAtEndOfText = false };
        generator.Generate("The", options with { MaxNewTokens = 4 });
        var clock = Stopwatch.StartNew();
        long generated = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(3) || generated == 0)
            generated += generator.Generate("The", options).Tokens.Count;
        double generateRate = generated / clock.Elapsed.TotalSeconds;
        log.WriteLine($"qa_bench: generated {generated} tokens in {clock.Elapsed.TotalSeconds:F1} s (1-token prompt, {options.MaxNewTokens} new tokens per call, greedy)");
        return (result.TokensPerSecond, generateRate);
    }
}
