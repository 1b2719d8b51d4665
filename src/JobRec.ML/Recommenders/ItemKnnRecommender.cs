namespace JobRec.ML.Recommenders;

/// <summary>Item-based collaborative filtering: cosine similarity of jobs' co-interacting users, summed over the user's history.</summary>
public sealed class ItemKnnRecommender(int neighbours = 100) : Recommender
{
    // CSR: neighbours of job j are _neighbourJobs[_offsets[j].._offsets[j+1]) with similarities _neighbourSims.
    private int[] _offsets = [];
    private int[] _neighbourJobs = [];
    private float[] _neighbourSims = [];

    /// <inheritdoc />
    public override string Name => "item-knn";

    /// <summary>How many most-similar jobs are kept per job.</summary>
    public int Neighbours { get; } = neighbours > 0 ? neighbours : throw new ArgumentOutOfRangeException(nameof(neighbours));

    /// <inheritdoc />
    protected override void FitCore(RecommenderDataset data, IProgress<TrainingProgress>? progress)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int n = data.JobCount;
        var co = new float[n];
        var touched = new List<int>();
        var offsets = new int[n + 1];
        var jobs = new List<int>();
        var sims = new List<float>();
        for (int i = 0; i < n; i++)
        {
            var users = data.UsersOf(i);
            foreach (int u in users)
                foreach (int j in data.JobsOf(u))
                {
                    if (j == i) continue;
                    if (co[j] == 0) touched.Add(j);
                    co[j] += 1;
                }
            var scored = new (float Sim, int Job)[touched.Count];
            for (int t = 0; t < touched.Count; t++)
            {
                int j = touched[t];
                scored[t] = (co[j] / MathF.Sqrt((float)users.Length * data.UsersOf(j).Length), j);
                co[j] = 0;
            }
            touched.Clear();
            Array.Sort(scored, (a, b) => a.Sim != b.Sim ? b.Sim.CompareTo(a.Sim) : a.Job.CompareTo(b.Job));
            for (int t = 0; t < Math.Min(Neighbours, scored.Length); t++) { jobs.Add(scored[t].Job); sims.Add(scored[t].Sim); }
            offsets[i + 1] = jobs.Count;
            if ((i & 4095) == 0) Report(progress, "similarities", (double)i / n, clock);
        }
        _offsets = offsets;
        _neighbourJobs = [.. jobs];
        _neighbourSims = [.. sims];
        Report(progress, "similarities", 1, clock, $"{_neighbourJobs.Length} neighbour pairs");
    }

    /// <inheritdoc />
    public override void ScoreAll(int user, Span<float> scores)
    {
        CheckUser(user);
        scores.Clear();
        foreach (int i in Data.JobsOf(user))
            for (int p = _offsets[i]; p < _offsets[i + 1]; p++)
                scores[_neighbourJobs[p]] += _neighbourSims[p];
    }

    /// <inheritdoc />
    public override void Save(BinaryWriter writer)
    {
        writer.Write(Neighbours);
        ModelIO.WriteInts(writer, _offsets);
        ModelIO.WriteInts(writer, _neighbourJobs);
        ModelIO.WriteFloats(writer, _neighbourSims);
    }

    internal static ItemKnnRecommender Load(BinaryReader reader) => new(reader.ReadInt32())
    {
        _offsets = ModelIO.ReadInts(reader),
        _neighbourJobs = ModelIO.ReadInts(reader),
        _neighbourSims = ModelIO.ReadFloats(reader),
    };
}
