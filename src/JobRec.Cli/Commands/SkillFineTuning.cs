using System.CommandLine;
using System.Diagnostics;
using JobRec.ML.Numerics;
using JobRec.ML.Skills;
using JobRec.ML.Skills.FineTuning;
using JobRec.ML.Text.Onnx;
using JobRec.ML.Text.Transformer;

namespace JobRec.Cli.Commands;

/// <summary>The fine-tuning part of <c>evaluate skills</c> and <c>train skills</c>: the options, and a run that fine-tunes the encoder's top layers with
/// a head (<see cref="SkillTaggerFineTuner"/>) on the training sentences, choosing the epoch on the tuning sentences.</summary>
internal sealed class SkillFineTuning
{
    public Option<int> Layers { get; } = new Option<int>("--fine-tune-layers") { Description = "Fine-tune the encoder's top k layers jointly with the head (0: frozen encoder). Starts from --start-model, else from a head first trained on the frozen states", DefaultValueFactory = _ => new FineTuneOptions().Layers }.AtLeast(0);

    /// <summary>Epochs of the frozen-state head in the default pipeline (a CRF head trained 9 epochs, then fine-tuned with the top layers): the
    /// measured best on the tune split (docs/EVALUATION.md).</summary>
    public const int FrozenEpochs = 9;

    /// <summary>Whether the default head is a CRF (see <see cref="FrozenEpochs"/>).</summary>
    public const bool FrozenCrf = true;
    public Option<string?> StartModel { get; } = new("--start-model") { Description = "With --fine-tune-layers: a tagger trained on the frozen encoder to start from (its head shape is kept); 'fresh': a new head trained jointly with the layers from the start" };

    /// <summary>The <see cref="StartModel"/> value that trains a new head jointly with the layers.</summary>
    public const string Fresh = "fresh";
    public Option<int> Epochs { get; } = new Option<int>("--fine-tune-epochs") { Description = "Most fine-tuning epochs (step sizes decay linearly to 0 over them)", DefaultValueFactory = _ => new FineTuneOptions().Epochs }.AtLeast(1);
    public Option<int> Patience { get; } = new Option<int>("--fine-tune-patience") { Description = "Stop fine-tuning after this many epochs without a better tune F1", DefaultValueFactory = _ => new FineTuneOptions().Patience }.AtLeast(1);
    public Option<float> StackLearningRate { get; } = new("--stack-learning-rate") { Description = "Peak AdamW step size of the fine-tuned layers", DefaultValueFactory = _ => new FineTuneOptions().StackLearningRate };
    public Option<float> HeadLearningRate { get; } = new("--head-learning-rate") { Description = "Peak Adam step size of the head while fine-tuning", DefaultValueFactory = _ => new FineTuneOptions().HeadLearningRate };
    public Option<int> Threads { get; } = new Option<int>("--train-threads") { Description = "BLAS threads of fine-tuning (the result depends on it)", DefaultValueFactory = _ => 1 }.AtLeast(1);

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [Layers, StartModel, Epochs, Patience, StackLearningRate, HeadLearningRate, Threads];

    /// <summary>The fine-tuning settings given on the command line.</summary>
    public FineTuneOptions Options(ParseResult parseResult) => new(Layers: Math.Max(1, parseResult.GetValue(Layers)), Epochs: parseResult.GetValue(Epochs),
        Patience: parseResult.GetValue(Patience), StackLearningRate: parseResult.GetValue(StackLearningRate), HeadLearningRate: parseResult.GetValue(HeadLearningRate));

    /// <summary>A trainable copy of the top <c>fine.Layers</c> layers of <paramref name="model"/>'s ONNX graph.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The model has fewer layers than asked for.</exception>
    public static BertLayerStack FreshStack(PretrainedEncoderModel model, FineTuneOptions fine)
    {
        var graph = BertOnnxGraph.Load(Path.Combine(model.CacheDirectory, "model.onnx"));
        if (fine.Layers > graph.LayerCount)
            throw new ArgumentOutOfRangeException(nameof(fine), fine.Layers, $"{model.Name} has {graph.LayerCount} layers; at most that many can be fine-tuned");
        return BertLayerStack.FromOnnx(graph, fine.Layers);
    }

    /// <summary>Fine-tunes <paramref name="stack"/> and a head started from <paramref name="startHead"/> (or fresh) on <paramref name="train"/>, choosing the
    /// epoch on <paramref name="tune"/>.</summary>
    public static SkillTaggerHead Run(OnnxSentenceEncoder lower, BertLayerStack stack, SkillTaggerHead? startHead, List<TaggedSentence> train, List<TaggedSentence> tune,
        SkillTaggerOptions options, FineTuneOptions fine, int blasThreads, Action<string> log)
    {
        Blas.SetThreads(blasThreads);
        var words = new WordStateEncoder(lower);
        FrozenTokenStates States(List<TaggedSentence> sentences, string name)
        {
            var watch = Stopwatch.StartNew();
            var states = FrozenTokenStates.Compute(words, sentences.Select(s => s.Tokens).ToList(),
                n => { if (n % 1024 == 0 || n == sentences.Count) log($"{name}: token states after layer {stack.FirstLayer} of {n}/{sentences.Count} sentences ({watch.Elapsed.TotalSeconds:F0} s)"); });
            return states;
        }
        var trainStates = States(train, "train");
        var tuneStates = States(tune, "tune");
        log($"fine-tuning layers {stack.FirstLayer}..{stack.FirstLayer + stack.LayerCount - 1} with the head on {train.Count} sentences ({trainStates.Values / stack.Dim:N0} tokens), {blasThreads} BLAS thread(s): {fine}");
        var watch = Stopwatch.StartNew();
        var (head, history) = SkillTaggerFineTuner.Train(words, stack, startHead, (train, trainStates), (tune, tuneStates), options, fine, log);
        var best = history.Skip(startHead is null ? 1 : 0).MaxBy(h => h.Tune.Combined.F1);
        log($"fine-tuned in {watch.Elapsed.TotalSeconds:F0} s; kept epoch {best.Epoch} (tune combined F1 {best.Tune.Combined.F1:F3})");
        return head;
    }
}
