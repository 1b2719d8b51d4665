using System.Numerics.Tensors;

namespace JobRec.ML.Recommenders;

/// <summary>Matrix factorization trained with BPR (Rendle et al. 2009): score = user factors · job factors + job bias.</summary>
public sealed class BprMatrixFactorization(int factors = 32, int epochs = 40, float learningRate = 0.05f, float regularization = 0.01f, int seed = 1) : Recommender
{
    private float[] _userFactors = [];
    private float[] _jobFactors = [];
    private float[] _jobBias = [];

    /// <inheritdoc />
    public override string Name => "bpr-mf";

    /// <summary>Length of each factor vector.</summary>
    public int Factors { get; } = factors > 0 ? factors : throw new ArgumentOutOfRangeException(nameof(factors));

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rng = new Random(seed);
        int k = Factors;
        _userFactors = new float[data.UserCount * k];
        _jobFactors = new float[data.JobCount * k];
        _jobBias = new float[data.JobCount];
        for (int i = 0; i < _userFactors.Length; i++) _userFactors[i] = (float)(rng.NextDouble() - 0.5) * 0.1f;
        for (int i = 0; i < _jobFactors.Length; i++) _jobFactors[i] = (float)(rng.NextDouble() - 0.5) * 0.1f;
        if (data.PairCount == 0 || data.JobCount < 2) return;

        var pairUsers = new int[data.PairCount];
        for (int u = 0; u < data.UserCount; u++)
            for (int p = data.UserOffsets[u]; p < data.UserOffsets[u + 1]; p++) pairUsers[p] = u;
        var order = Enumerable.Range(0, data.PairCount).ToArray();
        var gu = new float[k];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order);
            double loss = 0;
            foreach (int p in order)
            {
                int u = pairUsers[p], i = data.UserJobs[p], j;
                var seen = data.JobsOf(u);
                if (seen.Length >= data.JobCount) continue;
                do j = rng.Next(data.JobCount); while (seen.Contains(j)); // histories are short: rejection is cheap
                var pu = _userFactors.AsSpan(u * k, k);
                var qi = _jobFactors.AsSpan(i * k, k);
                var qj = _jobFactors.AsSpan(j * k, k);
                float x = _jobBias[i] - _jobBias[j] + TensorPrimitives.Dot(pu, qi) - TensorPrimitives.Dot(pu, qj);
                float g = 1f / (1f + MathF.Exp(x)); // d(-ln sigmoid(x))/dx = -(1 - sigmoid(x))
                loss += Math.Log(1 + Math.Exp(-x));
                _jobBias[i] += learningRate * (g - regularization * _jobBias[i]);
                _jobBias[j] += learningRate * (-g - regularization * _jobBias[j]);
                for (int f = 0; f < k; f++)
                {
                    float uf = pu[f];
                    gu[f] = g * (qi[f] - qj[f]) - regularization * uf;
                    qi[f] += learningRate * (g * uf - regularization * qi[f]);
                    qj[f] += learningRate * (-g * uf - regularization * qj[f]);
                }
                TensorPrimitives.MultiplyAdd(gu, learningRate, pu, pu);
            }
            Report(progress, $"epoch {epoch + 1}/{epochs}", (epoch + 1.0) / epochs, clock, $"loss={loss / order.Length:F4}");
        }
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        CheckUser(user);
        int k = Factors;
        var pu = _userFactors.AsSpan(user * k, k);
        for (int j = 0; j < scores.Length; j++) scores[j] = _jobBias[j] + TensorPrimitives.Dot(pu, _jobFactors.AsSpan(j * k, k));
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        writer.Write(Factors);
        ModelIO.WriteFloats(writer, _userFactors);
        ModelIO.WriteFloats(writer, _jobFactors);
        ModelIO.WriteFloats(writer, _jobBias);
    }

    internal static BprMatrixFactorization Load(BinaryReader reader) => new(reader.ReadInt32())
    {
        _userFactors = ModelIO.ReadFloats(reader),
        _jobFactors = ModelIO.ReadFloats(reader),
        _jobBias = ModelIO.ReadFloats(reader),
    };
}
