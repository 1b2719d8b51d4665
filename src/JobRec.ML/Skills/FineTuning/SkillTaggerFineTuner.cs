using JobRec.ML.Language.Training;
using JobRec.ML.Numerics;
using JobRec.ML.Text.Transformer;

namespace JobRec.ML.Skills.FineTuning;

/// <summary>Fine-tunes the encoder's top layers (a <see cref="BertLayerStack"/>) jointly with a <see cref="SkillTaggerHead"/>: the frozen layers'
/// token states are computed once (<see cref="FrozenTokenStates"/>); each step runs the stack on a batch of sentences, pools word pieces to word
/// vectors as <see cref="WordStateEncoder"/> does, runs the head's loss (<see cref="SkillTaggerTrainer"/>) and backpropagates it through the head,
/// the pooling and the stack. AdamW for the stack, Adam for the head, each with linear warm-up and linear decay; after each epoch the tuning
/// sentences are tagged and the weights with the best combined strict span F1 are kept (epoch 0, the starting weights, included).
/// Deterministic for a given seed, input and BLAS thread count.</summary>
public static class SkillTaggerFineTuner
{
    /// <summary>One epoch's result (epoch 0: before any step).</summary>
    /// <param name="Epoch">0-based count of epochs trained.</param>
    /// <param name="Loss">Mean training loss per word (NaN for epoch 0).</param>
    /// <param name="Tune">Span scores on the tuning sentences.</param>
    public readonly record struct EpochResult(int Epoch, double Loss, SkillSpanScores Tune);

    /// <summary>Trains <paramref name="stack"/> (in place) and a head.</summary>
    /// <param name="words">The word encoder whose model stops where the stack starts (no stack of its own); gives pooling and dimensions.</param>
    /// <param name="stack">The top layers, initialised from the pretrained model (<see cref="BertLayerStack.FromOnnx"/>); trained in place, left at the best epoch's weights.</param>
    /// <param name="startHead">A head trained on the frozen word vectors to start from (its standardisation is kept), or null to train one from scratch.</param>
    /// <param name="train">Training sentences with their frozen token states.</param>
    /// <param name="tune">Sentences used to choose the epoch, with their frozen token states.</param>
    /// <param name="options">Head shape and settings (a start head's shape wins); <see cref="SkillTaggerOptions.Epochs"/> is not used.</param>
    /// <param name="fine">Fine-tuning settings.</param>
    /// <param name="log">Progress lines.</param>
    /// <exception cref="ArgumentException">No training sentence, states of other sentences, a head for other word vectors.</exception>
    public static (SkillTaggerHead Head, IReadOnlyList<EpochResult> History) Train(WordStateEncoder words, BertLayerStack stack, SkillTaggerHead? startHead,
        (IReadOnlyList<TaggedSentence> Sentences, FrozenTokenStates States) train, (IReadOnlyList<TaggedSentence> Sentences, FrozenTokenStates States) tune,
        SkillTaggerOptions options, FineTuneOptions fine, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(stack);
        options.Validate();
        fine.Validate();
        if (words.Stack is not null) throw new ArgumentException("the word encoder must not carry a stack of its own", nameof(words));
        if (train.Sentences.Count == 0) throw new ArgumentException("no training sentences", nameof(train));
        foreach (var (sentences, states, name) in new[] { (train.Sentences, train.States, nameof(train)), (tune.Sentences, tune.States, nameof(tune)) })
            if (states.Count != sentences.Count || sentences.Where((s, i) => s.Tokens.Length != states.Sentences[i].Length).Any())
                throw new ArgumentException($"the {name} token states are of other sentences", name);
        var random = new Random(options.Seed);
        SkillTaggerHead head;
        if (startHead is not null)
        {
            if (startHead.InputDimension != words.Dimension)
                throw new ArgumentException($"the start head reads {startHead.InputDimension}-d word vectors, the encoder gives {words.Dimension}", nameof(startHead));
            head = Clone(startHead);
        }
        else
        {
            head = new SkillTaggerHead(words.Encoder.Model.Name, words.Dimension, options.Radius, options.Hidden, options.Lstm, options.LstmLayers, options.Crf);
            head.FitStandardisation(Vectors(words, stack, train.States));
            SkillTaggerTrainer.Initialise(head, random);
        }
        var headOptions = options with { Radius = head.Radius, Hidden = head.Hidden, Lstm = head.Lstm, LstmLayers = Math.Max(1, head.LstmLayerCount), Crf = head.Crf };
        var headAdam = new AdamOptimizer(head.Parameters.Length, fine.HeadLearningRate, weightDecay: options.WeightDecay);
        var stackAdam = new AdamWOptimizer(stack.Segments, stack.Parameters.Length, beta2: 0.999f, weightDecay: fine.WeightDecay);
        var gradient = new float[head.Parameters.Length];
        var workspace = new SkillTaggerTrainer.Workspace();
        BertStackPass? pass = null;
        var order = Enumerable.Range(0, train.Sentences.Count).ToArray();
        int stepsPerEpoch = (order.Length + options.BatchSentences - 1) / options.BatchSentences;
        long totalSteps = (long)stepsPerEpoch * fine.Epochs, warmup = (long)Math.Round(fine.WarmupShare * totalSteps), step = 0;

        var history = new List<EpochResult>();
        var bestHead = (float[])head.Parameters.Clone();
        var bestStack = (float[])stack.Parameters.Clone();
        var initial = Evaluate(words, stack, head, tune);
        history.Add(new EpochResult(0, double.NaN, initial));
        log?.Invoke($"fine-tune {stack.LayerCount} layer(s) from layer {stack.FirstLayer}: epoch 0 ({(startHead is null ? "fresh head" : "start head")}): tune skill F1 {initial.Skill.F1:F3} knowledge F1 {initial.Knowledge.F1:F3} combined F1 {initial.Combined.F1:F3}");
        double bestF1 = startHead is null ? -1 : initial.Combined.F1;
        int sinceBest = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 1; epoch <= fine.Epochs && sinceBest < fine.Patience; epoch++)
        {
            random.Shuffle(order);
            double loss = 0;
            long wordCount = 0;
            for (int start = 0; start < order.Length; start += options.BatchSentences, step++)
            {
                float scale = step < warmup ? (step + 1f) / warmup : (float)(totalSteps - step) / Math.Max(1, totalSteps - warmup);
                var batch = order.AsSpan(start, Math.Min(options.BatchSentences, order.Length - start)).ToArray();
                int n = batch.Sum(i => train.Sentences[i].Tokens.Length);
                if (n == 0) continue;
                loss += Step(words, stack, head, headOptions, train, batch, n, random, gradient, workspace, ref pass);
                wordCount += n;
                headAdam.LearningRate = fine.HeadLearningRate * scale;
                headAdam.Step(head.Parameters, gradient);
                stackAdam.Update(stack.Parameters, stack.Gradients, fine.StackLearningRate * scale);
            }
            var scores = Evaluate(words, stack, head, tune);
            history.Add(new EpochResult(epoch, loss / Math.Max(1, wordCount), scores));
            log?.Invoke($"fine-tune epoch {epoch}: loss {loss / Math.Max(1, wordCount):F4}, tune skill F1 {scores.Skill.F1:F3} knowledge F1 {scores.Knowledge.F1:F3} combined F1 {scores.Combined.F1:F3} ({watch.Elapsed.TotalSeconds:F0} s)");
            if (scores.Combined.F1 > bestF1)
            {
                (bestF1, sinceBest) = (scores.Combined.F1, 0);
                Array.Copy(head.Parameters, bestHead, bestHead.Length);
                Array.Copy(stack.Parameters, bestStack, bestStack.Length);
            }
            else sinceBest++;
        }
        Array.Copy(bestHead, head.Parameters, bestHead.Length);
        Array.Copy(bestStack, stack.Parameters, bestStack.Length);
        return (head, history);
    }

    /// <summary>The word vectors of <paramref name="states"/>' sentences with <paramref name="stack"/> on top: the same blocks, stack passes and pooling as
    /// <see cref="WordStateEncoder.Encode"/> with that stack, so the values equal the served ones.</summary>
    public static float[][] Vectors(WordStateEncoder words, BertLayerStack stack, FrozenTokenStates states)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(states);
        var result = new float[states.Count][];
        for (int s = 0; s < states.Count; s++) result[s] = new float[(states.Sentences[s]?.Length ?? 0) * words.Dimension];
        for (int b = 0; b < states.BlockChunks.Length; b++)
            words.Pool(states.Sentences, states.BlockChunks[b], WordStateEncoder.RunStack(stack, states.BlockStates[b]), result);
        return result;
    }

    /// <summary>Strict span scores of <paramref name="head"/> over <paramref name="stack"/> on tagged sentences with their frozen token states.</summary>
    public static SkillSpanScores Evaluate(WordStateEncoder words, BertLayerStack stack, SkillTaggerHead head, (IReadOnlyList<TaggedSentence> Sentences, FrozenTokenStates States) data)
    {
        var vectors = Vectors(words, stack, data.States);
        return SkillTaggerTrainer.Evaluate(head, data.Sentences.Select((s, i) => (s, vectors[i])).ToList());
    }

    /// <summary>Forward and backward over one batch: fills the head's gradient (mean per word) and the stack's <see cref="BertLayerStack.Gradients"/>;
    /// returns the summed loss. <paramref name="pass"/> holds the stack's buffers from one step to the next (null at first).</summary>
    internal static double Step(WordStateEncoder words, BertLayerStack stack, SkillTaggerHead head, SkillTaggerOptions options,
        (IReadOnlyList<TaggedSentence> Sentences, FrozenTokenStates States) data, int[] batch, int n, Random random, float[] gradient, SkillTaggerTrainer.Workspace workspace,
        ref BertStackPass? pass)
    {
        int d = stack.Dim, dim = words.Dimension;
        var rows = new List<float[]>();
        var chunks = new List<(int Sentence, WordStateEncoder.Chunk Chunk)>();
        foreach (int s in batch)
            foreach (var (block, index) in data.States.SentenceChunks[s])
            {
                rows.Add(data.States.BlockStates[block][index]);
                chunks.Add((s, data.States.BlockChunks[block][index]));
            }
        var (input, lengths) = PackedRows.Pack(rows, d);
        pass = stack.Forward(input, lengths, pass);
        var vectors = new Dictionary<int, float[]>();
        foreach (int s in batch) vectors[s] = new float[data.Sentences[s].Tokens.Length * dim];
        for (int c = 0, at = 0; c < chunks.Count; at += lengths[c] * d, c++)
            words.Fill(data.States.Sentences[chunks[c].Sentence], chunks[c].Chunk.FirstWord, chunks[c].Chunk.Words, pass.Output.AsSpan(at, lengths[c] * d), vectors[chunks[c].Sentence]);
        var headBatch = batch.Select(s => (data.Sentences[s], vectors[s])).ToList();
        var dContext = new float[n * head.ContextDimension];
        double loss = SkillTaggerTrainer.Step(head, headBatch, n, options, random, gradient, workspace, dContext);
        // Through the standardisation and the neighbour window: context row w, slot o + R holds word w + o's standardised vector.
        var dVectors = new Dictionary<int, float[]>();
        int row = 0, radius = head.Radius, cd = head.ContextDimension;
        foreach (int s in batch)
        {
            int count = data.Sentences[s].Tokens.Length;
            var dv = dVectors[s] = new float[count * dim];
            for (int w = 0; w < count; w++)
                for (int o = -radius; o <= radius; o++)
                {
                    int j = w + o;
                    if (j < 0 || j >= count) continue;
                    var source = dContext.AsSpan((row + w) * cd + (o + radius) * dim, dim);
                    var target = dv.AsSpan(j * dim, dim);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(source, head.Scale, target, target);
                }
            row += count;
        }
        var dStates = new float[input.Length];
        for (int c = 0, at = 0; c < chunks.Count; at += lengths[c] * d, c++)
            words.PoolBackward(data.States.Sentences[chunks[c].Sentence], chunks[c].Chunk, dVectors[chunks[c].Sentence], dStates.AsSpan(at, lengths[c] * d));
        stack.ZeroGradients();
        stack.Backward(pass, dStates);
        return loss;
    }

    private static SkillTaggerHead Clone(SkillTaggerHead source)
    {
        var head = new SkillTaggerHead(source.EncoderName, source.InputDimension, source.Radius, source.Hidden, source.Lstm, Math.Max(1, source.LstmLayerCount), source.Crf);
        source.Mean.CopyTo(head.Mean, 0);
        source.Scale.CopyTo(head.Scale, 0);
        source.Parameters.CopyTo(head.Parameters, 0);
        return head;
    }
}
