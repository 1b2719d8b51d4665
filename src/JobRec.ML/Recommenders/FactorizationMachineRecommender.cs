using System.Diagnostics;
using System.Numerics.Tensors;
using JobRec.ML.Text;

namespace JobRec.ML.Recommenders;

/// <summary>
/// Recommender on a factorization machine over user id, job id, region match, text similarities (history and profile),
/// skill overlap, O*NET match, popularity and recency; trained with BPR and sampled negatives.
/// </summary>
public sealed class FactorizationMachineRecommender : Recommender
{
    private readonly ITextEncoder? _encoder;
    private FmFeatureLayout _layout = new(0, 0, false);
    private FactorizationMachine? _model;
    private FmContext? _context;

    /// <summary>Creates the recommender; <paramref name="encoder"/> null gives the ablation without text features.</summary>
    public FactorizationMachineRecommender(ITextEncoder? encoder, FmTrainingOptions? options = null)
    {
        _encoder = encoder;
        Options = options ?? new FmTrainingOptions();
        UseText = encoder is not null;
    }

    private FactorizationMachineRecommender(bool useText, FmTrainingOptions options)
    {
        UseText = useText;
        Options = options;
    }

    /// <inheritdoc />
    public override string Name => UseText ? "fm" : "fm-notext";

    /// <summary>True when the text-similarity features are used.</summary>
    public bool UseText { get; }

    /// <summary>The training hyper-parameters.</summary>
    public FmTrainingOptions Options { get; }

    /// <summary>The trained factorization machine.</summary>
    public FactorizationMachine Model => _model ?? throw new InvalidOperationException($"recommender '{Name}' is used before Fit or Load");

    /// <summary>The feature layout of <see cref="Model"/>.</summary>
    public FmFeatureLayout Layout => _layout;

    /// <summary>BPR examples (positive, negative pairs) processed per second in the last Fit.</summary>
    public double ExamplesPerSecond { get; private set; }

    /// <summary>CPU seconds the process spent during the last Fit's training loop (all threads), for load-independent throughput.</summary>
    public double TrainingCpuSeconds { get; private set; }

    /// <summary>BPR examples processed in the last Fit.</summary>
    public long ExamplesTrained { get; private set; }

    private FmContext Context => _context ?? throw new InvalidOperationException($"recommender '{Name}' is used before Fit or Load");

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        if (UseText) Report(progress, "encoding texts", 0, clock);
        _context = FmContext.Build(data, UseText ? _encoder : null);
        _context.TitleCityFeatures = Options.TitleCityFeatures;
        // Without id features the layout has no one-hot slots: ids outside 0..-1 are skipped by Write.
        _layout = Options.IdFeatures ? new FmFeatureLayout(data.UserCount, data.JobCount, UseText) : new FmFeatureLayout(0, 0, UseText);
        _model = new FactorizationMachine(_layout.FeatureCount, Options.Factors, Options.Seed);
        Report(progress, "features ready", 0.05, clock, $"{_layout.FeatureCount} features, k={Options.Factors}");
        Train(data, progress, clock);
    }

    private void Train(RecommenderDataset data, IProgress<TrainingProgress>? progress, Stopwatch clock)
    {
        int pairs = data.PairCount;
        if (pairs == 0 || data.JobCount < 2) return;
        var pairUsers = new int[pairs];
        for (int u = 0; u < data.UserCount; u++)
            for (int p = data.UserOffsets[u]; p < data.UserOffsets[u + 1]; p++) pairUsers[p] = u;
        int threads = Math.Max(1, Options.Threads);
        var order = new int[pairs];
        var activeUsers = Enumerable.Range(0, data.UserCount).Where(u => data.UserOffsets[u + 1] > data.UserOffsets[u]).ToArray();
        var shuffler = new Random(Options.Seed);
        var model = Model;
        var context = Context;
        long examples = 0;
        double lossSum = 0;
        // Negatives come from jobs with training interactions: a job nobody touched in training is, in an offline split,
        // usually a held-out target, and learning to push such jobs down would be learning the split, not the users.
        var negatives = context.InteractedJobs.ToArray();
        var trainClock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
        {
            // Users in random order, each user's pairs together in random order: the user's history and profile
            // vectors stay in cache across their examples (a large share of the memory traffic of a step).
            shuffler.Shuffle(activeUsers);
            int next = 0;
            foreach (int u in activeUsers)
            {
                int from = data.UserOffsets[u], count = data.UserOffsets[u + 1] - from;
                for (int i = 0; i < count; i++) order[next + i] = from + i;
                shuffler.Shuffle(order.AsSpan(next, count));
                next += count;
            }
            var losses = new double[threads];
            var counts = new long[threads];
            int e = epoch;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                var rng = new Random(unchecked(Options.Seed * 1_000_003 + e * 7_919 + t)); // HashCode.Combine is randomised per process
                var scratch = new float[model.ScratchLength(FmFeatureLayout.MaxNonZeros)];
                var posIdx = new int[FmFeatureLayout.MaxNonZeros];
                var posVal = new float[FmFeatureLayout.MaxNonZeros];
                var negIdx = new int[FmFeatureLayout.MaxNonZeros];
                var negVal = new float[FmFeatureLayout.MaxNonZeros];
                int from = (int)((long)pairs * t / threads), to = (int)((long)pairs * (t + 1) / threads);
                double loss = 0;
                long count = 0;
                for (int n = from; n < to; n++)
                {
                    int p = order[n];
                    int u = pairUsers[p], pos = data.UserJobs[p];
                    if (context.SortedJobsOf(u).Length >= negatives.Length) continue;
                    bool cold = rng.NextDouble() < Options.ColdStartShare;
                    int np = _layout.Write(context.Inputs(u, pos, p, cold), posIdx, posVal);
                    for (int s = 0; s < Options.NegativesPerPositive; s++)
                    {
                        int neg;
                        do neg = negatives[rng.Next(negatives.Length)]; while (context.SortedJobsOf(u).BinarySearch(neg) >= 0);
                        int nn = _layout.Write(context.Inputs(u, neg, p, cold), negIdx, negVal);
                        loss += model.BprStep(posIdx.AsSpan(0, np), posVal.AsSpan(0, np), negIdx.AsSpan(0, nn), negVal.AsSpan(0, nn),
                            Options.LearningRate, Options.WeightRegularization, Options.FactorRegularization, scratch);
                        count++;
                    }
                }
                losses[t] = loss;
                counts[t] = count;
            });
            long epochExamples = counts.Sum();
            examples += epochExamples;
            lossSum = losses.Sum() / Math.Max(1, epochExamples);
            Report(progress, $"epoch {epoch + 1}/{Options.Epochs}", 0.05 + 0.95 * (epoch + 1) / Options.Epochs, clock,
                $"loss={lossSum:F4} examples/s={examples / trainClock.Elapsed.TotalSeconds:N0}");
        }
        TrainingCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        ExamplesTrained = examples;
        ExamplesPerSecond = examples / Math.Max(1e-9, trainClock.Elapsed.TotalSeconds);
    }

    /// <summary>The title/city featurizer of the fitted catalog's title vocabulary (what a served model needs to compute those inputs).</summary>
    public TitleCityFeaturizer TitleCity => new(Context.Titles);

    /// <summary>The raw feature inputs of a catalog (user, job) pair at serving time (the whole history counts).</summary>
    public FmFeatureInputs FeatureInputs(int user, int job) => Context.Inputs(user, job, -1);

    /// <summary>Scores a batch of candidates from their raw feature inputs: scores[i] belongs to inputs[i]. Allocation-free.</summary>
    public void ScoreCandidates(ReadOnlySpan<FmFeatureInputs> inputs, Span<float> scores)
    {
        if (scores.Length < inputs.Length) throw new ArgumentException($"scores has {scores.Length} slots for {inputs.Length} inputs", nameof(scores));
        var model = Model;
        Span<int> idx = stackalloc int[FmFeatureLayout.MaxNonZeros];
        Span<float> val = stackalloc float[FmFeatureLayout.MaxNonZeros];
        for (int i = 0; i < inputs.Length; i++)
        {
            int n = _layout.Write(inputs[i], idx, val);
            scores[i] = model.Score(idx[..n], val[..n]);
        }
    }

    /// <inheritdoc />
    public override void Score(int user, ReadOnlySpan<int> jobs, Span<float> scores)
    {
        CheckUser(user);
        if (scores.Length < jobs.Length) throw new ArgumentException($"scores has {scores.Length} slots for {jobs.Length} jobs", nameof(scores));
        var context = Context;
        var model = Model;
        Span<int> idx = stackalloc int[FmFeatureLayout.MaxNonZeros];
        Span<float> val = stackalloc float[FmFeatureLayout.MaxNonZeros];
        for (int i = 0; i < jobs.Length; i++)
        {
            int n = _layout.Write(context.Inputs(user, jobs[i], -1), idx, val);
            scores[i] = model.Score(idx[..n], val[..n]);
        }
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        var all = new int[Data.JobCount];
        for (int j = 0; j < all.Length; j++) all[j] = j;
        Score(user, all, scores);
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        writer.Write(UseText);
        writer.Write(Options.Factors);
        writer.Write(Options.IdFeatures);
        writer.Write(Options.TitleCityFeatures);
        Model.Save(writer);
        Context.Save(writer);
    }

    internal static FactorizationMachineRecommender Load(BinaryReader reader, RecommenderDataset data)
    {
        bool useText = reader.ReadBoolean();
        int factors = reader.ReadInt32();
        bool ids = reader.ReadBoolean();
        bool titleCity = reader.ReadBoolean();
        var recommender = new FactorizationMachineRecommender(useText, new FmTrainingOptions { Factors = factors, IdFeatures = ids, TitleCityFeatures = titleCity })
        {
            _model = FactorizationMachine.Load(reader),
            _layout = ids ? new FmFeatureLayout(data.UserCount, data.JobCount, useText) : new FmFeatureLayout(0, 0, useText),
        };
        recommender._context = FmContext.Load(reader, data);
        recommender._context.TitleCityFeatures = titleCity;
        if (recommender._model.FeatureCount != recommender._layout.FeatureCount)
            throw new InvalidDataException($"model file has {recommender._model.FeatureCount} features, the dataset needs {recommender._layout.FeatureCount}");
        return recommender;
    }
}
