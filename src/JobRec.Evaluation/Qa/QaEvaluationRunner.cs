using System.Diagnostics;
using JobRec.Data.Reading;
using JobRec.Data.Synthetic;
using JobRec.ML.Language;
using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Model;
using JobRec.ML.Language.Tokenization;
using JobRec.ML.Language.Training;
using JobRec.Measurement;

namespace JobRec.Evaluation.Qa;

/// <summary>Runs the QA evaluation: reads postings, splits them, trains (or loads) the language model, then measures perplexity and answer quality beside the unigram and extractive baselines.</summary>
public static class QaEvaluationRunner
{
    /// <summary>Most documents the BPE tokenizer is trained on (it sees every document's kind of text well before this).</summary>
    public const int TokenizerDocuments = 30_000;

    /// <summary>Runs the whole evaluation and returns the report; progress goes to <paramref name="log"/>.</summary>
    /// <exception cref="InvalidDataException">The data folder holds no postings or no held-out questions.</exception>
    public static QaEvaluationReport Run(QaEvaluationOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var report = new ReadReport();
        var postings = QaPostingSources.Load(options.DataDirectory, report, log);
        if (options.SyntheticJobs > 0)
        {
            postings.AddRange(SyntheticMarket.Generate(new SyntheticMarketOptions { Jobs = options.SyntheticJobs, Users = 0 }).Jobs());
            log.WriteLine($"qa: {options.SyntheticJobs} postings from the synthetic market");
        }
        postings.AddRange(options.ExtraPostings);
        foreach (var issue in report.Issues.Take(5)) log.WriteLine($"qa: skipped row {issue}");
        var facts = postings.DistinctBy(p => p.Id).Select(p => p.ToFacts()).ToList();
        if (facts.Count == 0) throw new InvalidDataException($"no postings found under {options.DataDirectory}");
        var train = facts.Where(f => !QaPostingSources.IsHeldOut(f.JobId)).ToList();
        var heldOut = facts.Where(f => QaPostingSources.IsHeldOut(f.JobId)).ToList();
        log.WriteLine($"qa: {train.Count} training postings, {heldOut.Count} held out");

        var trainDocs = QaExampleBuilder.TrainingTexts(train, sentencesEvery: options.SentencesEvery).ToList();
        LanguageModel model;
        TrainingResult? training = null;
        long corpusTokens = 0;
        TokenCorpus? corpus = null;
        if (options.ModelPath is { } path && File.Exists(path))
        {
            model = LanguageModelCheckpoint.Load(path);
            log.WriteLine($"qa: loaded {path} ({model.Transformer.Config})");
        }
        else
        {
            (model, corpus, training) = Train(trainDocs, options, log, cancellationToken);
            corpusTokens = corpus.Tokens.Length;
            if (options.ModelPath is { } save)
            {
                LanguageModelCheckpoint.Save(model, save);
                log.WriteLine($"qa: saved {save}");
            }
        }
        corpus ??= TokenCorpus.Encode(model.Tokenizer, trainDocs, options.AnswerLossOnly);
        corpusTokens = corpus.Tokens.Length;

        var unigram = new UnigramLanguageModel(corpus.Tokens, model.Tokenizer.VocabSize);
        var rng = new Random(options.Seed);
        var perplexityDocs = heldOut.OrderBy(_ => rng.Next()).Take(options.MaxPerplexityDocuments).Select(p => PostingSerializer.ToSentences(p, 400)).ToList();
        var clock = Stopwatch.StartNew();
        var (perplexity, unigramPerplexity, perplexityTokens) = LanguageModelPerplexity.Measure(model, unigram, perplexityDocs);
        log.WriteLine($"qa: perplexity {perplexity:F2} (unigram {unigramPerplexity:F2}) on {perplexityTokens} tokens in {clock.Elapsed.TotalSeconds:F0} s");

        var questions = BalancedQuestions(heldOut, options.MaxQuestions, rng);
        if (questions.Count == 0) throw new InvalidDataException("the held-out postings yield no questions");
        var retriever = new LexicalPostingRetriever(heldOut);
        var answerer = new QuestionAnswerer(model);
        var predictions = new List<QaPrediction>(questions.Count);
        clock.Restart();
        foreach (var q in questions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var retrieved = retriever.Retrieve(q.Question, 1);
            var answer = answerer.Answer(q.Question, retrieved);
            predictions.Add(new QaPrediction(q, answer.Text, ExtractiveAnswerer.Answer(q.Question, retrieved.FirstOrDefault()), retrieved.FirstOrDefault()?.JobId ?? ""));
            if (predictions.Count % 50 == 0) log.WriteLine($"qa: answered {predictions.Count}/{questions.Count} ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        return new QaEvaluationReport
        {
            TrainPostings = train.Count,
            HeldOutPostings = heldOut.Count,
            Training = training,
            CorpusTokens = corpusTokens,
            Perplexity = perplexity,
            UnigramPerplexity = unigramPerplexity,
            PerplexityTokens = perplexityTokens,
            RetrievalAccuracy = predictions.Average(p => p.RetrievedJobId == p.Example.JobId ? 1.0 : 0.0),
            Rows = Score(predictions),
            Samples = predictions.GroupBy(p => p.Example.Kind).SelectMany(g => g.Take(2)).ToList(),
        };
    }

    /// <summary>Trains a tokenizer and a model on <paramref name="documents"/> within the options' time budget.</summary>
    public static (LanguageModel Model, TokenCorpus Corpus, TrainingResult Result) Train(IReadOnlyList<TrainingText> documents, QaEvaluationOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        ByteLevelBpeTokenizer tokenizer;
        if (options.TokenizerDirectory is { } dir)
        {
            tokenizer = ByteLevelBpeTokenizer.LoadGpt2(Path.Combine(dir, "vocab.json"), Path.Combine(dir, "merges.txt"));
            log.WriteLine($"qa: tokenizer with {tokenizer.VocabSize} ids loaded from {dir}");
        }
        else
        {
            int stride = Math.Max(1, documents.Count / TokenizerDocuments);
            tokenizer = ByteLevelBpeTokenizer.Train(documents.Where((_, i) => i % stride == 0).Select(d => d.ToString()), options.Config.VocabSize);
            log.WriteLine($"qa: tokenizer with {tokenizer.VocabSize} ids trained in {clock.Elapsed.TotalSeconds:F1} s");
        }
        clock.Restart();
        var corpus = TokenCorpus.Encode(tokenizer, documents, options.AnswerLossOnly);
        var lengths = corpus.DocumentStarts.Select((s, i) => (i + 1 < corpus.DocumentStarts.Length ? corpus.DocumentStarts[i + 1] : corpus.Tokens.Length) - s).Order().ToArray();
        log.WriteLine($"qa: {documents.Count} documents -> {corpus.Tokens.Length} tokens ({corpus.LearnedCount} learned{(options.AnswerLossOnly ? ": answers and posting sentences" : "")}) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"document tokens median {lengths[lengths.Length / 2]}, p90 {lengths[lengths.Length * 9 / 10]}, max {lengths[^1]}");
        var config = options.Config with { VocabSize = tokenizer.VocabSize };
        var transformer = new TransformerModel(config, options.Seed);
        log.WriteLine($"qa: training {config} ({transformer.Layout.Count:N0} parameters) for at most {options.TrainTime}");
        var history = new List<TrainingStep>();
        var result = LanguageModelTrainer.Train(transformer, corpus, new TrainingOptions
        {
            BatchSize = options.BatchSize,
            SequenceLength = config.ContextLength,
            LearningRate = options.LearningRate,
            WarmupSteps = Math.Max(1, Math.Min(200, options.TrainSteps / 10)),
            Steps = options.TrainSteps,
            TimeLimit = options.TrainTime,
            Seed = options.Seed,
            LogEvery = 25,
        }, new LogProgress(log, history), cancellationToken);
        if (options.LossCurvePath is { } curve)
        {
            SaveLossCurve(history, $"QA language model training loss ({config.Layers} x {config.ModelDim}, {result.Tokens:N0} tokens, {result.Elapsed.TotalMinutes:F0} min)", curve);
            log.WriteLine($"qa: loss curve written to {curve}");
        }
        return (new LanguageModel(tokenizer, transformer), corpus, result);
    }

    /// <summary>Overall and per-kind metric rows of <paramref name="predictions"/>.</summary>
    public static IReadOnlyList<QaMetricRow> Score(IReadOnlyList<QaPrediction> predictions)
    {
        var rows = new List<QaMetricRow> { Row("all", predictions) };
        foreach (var group in predictions.GroupBy(p => p.Example.Kind).OrderBy(g => g.Key))
            rows.Add(Row(group.Key.ToString(), group.ToList()));
        return rows;
    }

    private static QaMetricRow Row(string name, IReadOnlyList<QaPrediction> items)
    {
        var bleu = new Bleu();
        var extractiveBleu = new Bleu();
        foreach (var p in items)
        {
            bleu.Add(p.ModelAnswer, p.Example.Answer);
            extractiveBleu.Add(p.ExtractiveAnswer, p.Example.Answer);
        }
        double Mean(Func<QaPrediction, double> f) => items.Count == 0 ? 0 : items.Average(f);
        return new QaMetricRow(name, items.Count,
            Mean(p => AnswerOverlap.ExactMatch(p.ModelAnswer, p.Example.Answer)),
            Mean(p => AnswerOverlap.TokenF1(p.ModelAnswer, p.Example.Answer)),
            bleu.Score(),
            Mean(p => RougeL.Score(p.ModelAnswer, p.Example.Answer)),
            Mean(p => Meteor.Score(p.ModelAnswer, p.Example.Answer)),
            Mean(p => AnswerOverlap.ExactMatch(p.ExtractiveAnswer, p.Example.Answer)),
            Mean(p => AnswerOverlap.TokenF1(p.ExtractiveAnswer, p.Example.Answer)),
            extractiveBleu.Score(),
            Mean(p => RougeL.Score(p.ExtractiveAnswer, p.Example.Answer)),
            Mean(p => Meteor.Score(p.ExtractiveAnswer, p.Example.Answer)));
    }

    private static List<QaExample> BalancedQuestions(IEnumerable<PostingFacts> postings, int max, Random rng)
    {
        var byKind = postings.SelectMany(QaExampleBuilder.Build).GroupBy(e => e.Kind)
            .Select(g => new Queue<QaExample>(g.OrderBy(_ => rng.Next()))).ToList();
        var result = new List<QaExample>();
        while (result.Count < max && byKind.Any(q => q.Count > 0))
            foreach (var queue in byKind)
                if (queue.Count > 0 && result.Count < max) result.Add(queue.Dequeue());
        return result;
    }

    /// <summary>Writes each training report as one log line, on the training thread.</summary>
    private sealed class LogProgress(TextWriter log, List<TrainingStep> history) : IProgress<TrainingStep>
    {
        public void Report(TrainingStep p)
        {
            history.Add(p);
            log.WriteLine($"qa: step {p.Step} loss {p.Loss:F3} lr {p.LearningRate:G3} grad-norm {p.GradientNorm:F2} {p.TokensPerSecond:F0} tokens/s");
        }
    }

    /// <summary>Writes the training loss curve of <paramref name="history"/> as an SVG line chart to <paramref name="path"/>.</summary>
    public static void SaveLossCurve(IReadOnlyList<TrainingStep> history, string title, string path)
    {
        if (history.Count == 0) return;
        new SvgLineChart { Title = title, XLabel = "optimizer step", YLabel = "training loss (nats per learned token)" }
            .Add("training loss", history.Select(p => ((double)p.Step, (double)p.Loss)))
            .Save(path);
    }
}
