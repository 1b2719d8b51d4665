using System.CommandLine;
using System.Globalization;
using JobRec.Evaluation.Qa;
using JobRec.ML.Language.Answering;
using JobRec.ML.Language.Corpus;
using JobRec.ML.Language.Model;
using JobRec.ML.Search;
using JobRec.ML.Text;
using JobRec.ML.Text.UseLite;
using JobRec.Data.Reading;

namespace JobRec.Cli.Commands;

/// <summary>Commands of the QA language model: <c>jobrec evaluate qa</c>, <c>jobrec bench qa</c>, <c>jobrec ask</c>.</summary>
internal static class QaCommands
{
    /// <summary>Adds <c>ask</c> under <paramref name="root"/>, <c>bench qa</c> and <c>evaluate qa</c>.</summary>
    public static void Register(RootCommand root, Command bench, Command evaluate)
    {
        evaluate.Subcommands.Add(EvaluateCommand());
        bench.Subcommands.Add(BenchCommand());
        root.Subcommands.Add(AskCommand());
    }

    /// <summary>QA training and decoding run many small matrix products, where OpenBLAS's own threads mostly wait on each other
    /// (a loaded machine makes it worse: 14 s against 34 s for the training unit test at load 22); one BLAS thread unless
    /// OPENBLAS_NUM_THREADS says otherwise.</summary>
    private static void UseOneBlasThreadUnlessSet()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS"))) JobRec.ML.Numerics.Blas.SetThreads(1);
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "Folder laid out like ../shared/data (dice_jobs_2016, linkedin_arshkon_2024_sample, linkedin_asaniczka_2024_sample)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("JOBREC_SHARED_DATA") ?? Path.Combine("..", "shared", "data"),
    };

    private static Command EvaluateCommand()
    {
        var data = DataOption();
        var model = new Option<string?>("--model") { Description = "Checkpoint to evaluate; trained and saved there when missing" };
        var minutes = new Option<double>("--train-minutes") { Description = "Training time budget when training", DefaultValueFactory = _ => 30 }.Positive();
        var steps = new Option<int>("--steps") { Description = "Optimizer steps of the schedule (training stops earlier at the time budget)", DefaultValueFactory = _ => 6000 }.AtLeast(1);
        var size = SizeOption("Model shape: default (4 x 128, context 192, 2048 ids), wide (4 x 192, context 256, 4096 ids), small (2 x 128, context 192, 2048 ids) or tiny (2 x 96, context 160, 2048 ids)");
        var questions = new Option<int>("--questions") { Description = "Held-out questions to answer", DefaultValueFactory = _ => 300 }.AtLeast(0);
        var docs = new Option<int>("--perplexity-docs") { Description = "Held-out postings scored for perplexity", DefaultValueFactory = _ => 200 }.AtLeast(0);
        var tokenizer = new Option<string?>("--tokenizer") { Description = "Folder with GPT-2 vocab.json + merges.txt to use instead of training a BPE tokenizer" };
        var synthetic = new Option<int>("--synthetic-jobs") { Description = "Synthetic-market jobs added to the data (0 = none)", DefaultValueFactory = _ => 10_000 }.AtLeast(0);
        var loss = new ChoiceOption<bool>("--loss", "answers: QA examples are learned on their answer tokens only (posting sentences in full); all: every token", "all",
            ("answers", true), ("all", false));
        var sentencesEvery = new Option<int>("--sentences-every") { Description = "Add the sentences (with description) of one training posting in this many as whole documents", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var rate = new Option<float>("--learning-rate") { Description = "Peak learning rate (warm-up, then cosine decay)", DefaultValueFactory = _ => 2e-3f }.Positive();
        var batch = new Option<int>("--batch") { Description = "Sequences per training step", DefaultValueFactory = _ => 16 }.AtLeast(1);
        var curve = new Option<string?>("--loss-curve") { Description = "Write the training loss curve here as SVG (when training)" };
        var command = new Command("qa", "Train (or load) the QA language model and measure perplexity, EM, token F1, BLEU-4, ROUGE-L, METEOR beside unigram and extractive baselines");
        foreach (var o in new Option[] { data, model, minutes, steps, size, questions, docs, synthetic, tokenizer, loss, sentencesEvery, rate, batch, curve }) command.Options.Add(o);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var options = new QaEvaluationOptions
            {
                DataDirectory = parseResult.GetValue(data)!,
                ModelPath = parseResult.GetValue(model),
                Config = size.Get(parseResult),
                TrainTime = TimeSpan.FromMinutes(parseResult.GetValue(minutes)),
                TrainSteps = parseResult.GetValue(steps),
                MaxQuestions = parseResult.GetValue(questions),
                MaxPerplexityDocuments = parseResult.GetValue(docs),
                SyntheticJobs = parseResult.GetValue(synthetic),
                TokenizerDirectory = parseResult.GetValue(tokenizer),
                AnswerLossOnly = loss.Get(parseResult),
                SentencesEvery = parseResult.GetValue(sentencesEvery),
                LearningRate = parseResult.GetValue(rate),
                BatchSize = parseResult.GetValue(batch),
                LossCurvePath = parseResult.GetValue(curve),
            };
            UseOneBlasThreadUnlessSet();
            var report = QaEvaluationRunner.Run(options, Console.Error, cancellationToken);
            Console.WriteLine(report.ToString());
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command BenchCommand()
    {
        var seconds = CliOptions.Seconds(20, "Training seconds to time");
        var size = SizeOption("Model shape: default, wide, small or tiny");
        var batch = new Option<int>("--batch") { Description = "Sequences per training step", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var tokens = new Option<int>("--generate-tokens") { Description = "New tokens per generation call", DefaultValueFactory = _ => 128 }.AtLeast(1);
        var command = new Command("qa", "Training and generation throughput of the QA language model");
        foreach (var o in new Option[] { seconds, size, batch, tokens }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            UseOneBlasThreadUnlessSet();
            var (train, generate) = QaBenchmark.Run(size.Get(parseResult), parseResult.GetValue(batch),
                TimeSpan.FromSeconds(parseResult.GetValue(seconds)), parseResult.GetValue(tokens), Console.Error);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"qa_bench: train_tokens_per_s={train:F0} generate_tokens_per_s={generate:F0}"));
            return 0;
        });
        return command;
    }

    private static Command AskCommand()
    {
        var question = new Argument<string>("question") { Description = "The question, e.g. \"What skills does the Data Engineer job at Acme require?\"" };
        var model = new Option<string?>("--model") { Description = "Checkpoint written by `jobrec evaluate qa --model` (default: $JOBREC_QA_CHECKPOINT, else $JOBREC_CACHE/models/qa/qa.jrlm)" };
        var data = DataOption();
        data.Description = "Folder of job postings in any format the readers know (generated CSV, LinkedIn 2024, arshkon, Dice, CareerBuilder)";
        var read = new Option<int>("--read") { Description = "Top retrieved postings the model reads (the most confident answer wins; the model's confidence does not weigh how well a posting matches the question, so 1 trusts the retrieval)", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var retrieval = new ChoiceOption<Retrieval>("--retrieval", "semantic (USE-Lite search, embeddings cached under $JOBREC_CACHE) or lexical (title/company/location overlap)", "semantic",
            ("semantic", Retrieval.Semantic), ("lexical", Retrieval.Lexical));
        var maxJobs = new Option<int>("--max-jobs") { Description = "Most postings loaded from --data", DefaultValueFactory = _ => int.MaxValue }.AtLeast(1);
        var command = new Command("ask", "Answer a question from retrieved job postings, citing their ids");
        command.Arguments.Add(question);
        foreach (var o in new Option[] { model, data, read, retrieval, maxJobs }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var text = parseResult.GetValue(question)!;
            try { QuestionAnswerer.Validate(text); }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"jobrec ask: {e.Message}");
                return 2;
            }
            var checkpoint = parseResult.GetValue(model) ?? JobRec.Grains.Inference.QaCheckpointLocation.Resolve(HostSettings.Read(JobRec.Grains.Inference.QaCheckpointLocation.EnvironmentVariable));
            if (checkpoint is null)
            {
                Console.Error.WriteLine($"jobrec ask: no QA checkpoint: pass --model, set {JobRec.Grains.Inference.QaCheckpointLocation.EnvironmentVariable} or train one into {LanguageModelCheckpoint.DefaultPath} with `jobrec evaluate qa --model {LanguageModelCheckpoint.DefaultPath}`");
                return 2;
            }
            UseOneBlasThreadUnlessSet();
            JobRec.ML.Language.LanguageModel lm;
            try { lm = LanguageModelCheckpoint.Load(checkpoint); }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
            {
                Console.Error.WriteLine($"jobrec ask: {e.Message}");
                return 2;
            }
            Console.Error.WriteLine($"jobrec ask: model {checkpoint}");
            var jobs = JobCorpus.Load(parseResult.GetValue(data)!, line => Console.Error.WriteLine(line), parseResult.GetValue(maxJobs));
            int k = parseResult.GetValue(read);
            IReadOnlyList<PostingFacts> retrieved;
            switch (retrieval.Get(parseResult))
            {
                case Retrieval.Semantic:
                    using (var encoder = new DiskCachedTextEncoder(UseLiteEncoder.Load(), Path.Combine(ModelCache.Root, "embeddings", "use-lite.bin")))
                    {
                        var search = new SemanticJobSearch(jobs, encoder);
                        retrieved = search.Search(text, k).Select(hit => PostingFacts.From(hit.Job)).ToList();
                    }
                    break;
                case Retrieval.Lexical:
                    retrieved = new LexicalPostingRetriever(jobs.Select(PostingFacts.From).ToList()).Retrieve(text, k);
                    break;
                default:
                    throw new System.Diagnostics.UnreachableException($"--retrieval {parseResult.GetValue(retrieval.Option)}");
            }
            var answer = new QuestionAnswerer(lm, k).Answer(text, retrieved);
            Console.WriteLine(answer.Text);
            Console.WriteLine($"cited: {string.Join(", ", answer.CitedJobIds)}");
            return 0;
        });
        return command;
    }

    private static ChoiceOption<TransformerConfig> SizeOption(string description) => new("--size", description, "default",
        ("default", QaEvaluationOptions.DefaultConfig),
        ("wide", new TransformerConfig(VocabSize: 4096, ContextLength: 256, ModelDim: 192, Heads: 6, Layers: 4)),
        ("small", QaEvaluationOptions.DefaultConfig with { Layers = 2 }),
        ("tiny", new TransformerConfig(VocabSize: 2048, ContextLength: 160, ModelDim: 96, Heads: 4, Layers: 2)));

    /// <summary>How <c>jobrec ask</c> finds the postings it reads.</summary>
    private enum Retrieval
    {
        Semantic,
        Lexical,
    }
}
