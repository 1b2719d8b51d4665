using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Evaluation.Runner;

/// <summary>The model line-up of <c>jobrec evaluate recommend</c>: the four baselines, then the project's models.</summary>
public static class StandardModels
{
    /// <summary>Names of the baselines the targets compare against.</summary>
    public static IReadOnlySet<string> Baselines { get; } = new HashSet<string> { "random", "popularity", "popularity-region", "item-knn" };

    /// <summary>Every model, with the given text encoder (shared, cached) behind the content features and vector search.</summary>
    /// <param name="encoder">Text encoder for content, FM text features and the hybrid.</param>
    /// <param name="seed">Seed of every randomised model.</param>
    /// <param name="search">Creates the job vector search of content models (a vector index), or null for exact search.</param>
    /// <param name="fmEpochs">FM training epochs.</param>
    public static IReadOnlyList<ModelSpec> All(ITextEncoder encoder, int seed = 1, Func<IJobVectorSearch>? search = null, int fmEpochs = 30)
    {
        var cached = encoder as CachingTextEncoder ?? new CachingTextEncoder(encoder);
        // One training thread keeps FM runs repeatable for a seed; `jobrec bench recommend` measures the multi-threaded speed.
        var fm = new FmTrainingOptions { Seed = seed, Threads = 1, Epochs = fmEpochs };
        return
        [
            new("random", true, () => new RandomRecommender(seed)),
            new("popularity", true, () => new PopularityRecommender()),
            new("popularity-region", true, () => new RegionalPopularityRecommender()),
            new("item-knn", true, () => new ItemKnnRecommender()),
            new("user-knn", false, () => new UserKnnRecommender()),
            new("bpr-mf", false, () => new BprMatrixFactorization(seed: seed)),
            new("content", false, () => new ContentBasedRecommender(cached, search?.Invoke())),
            new("fm-notext", false, () => new FactorizationMachineRecommender(null, fm)),
            new("fm", false, () => new FactorizationMachineRecommender(cached, fm)),
            new("hybrid", false, () => new HybridRecommender(
                [new ContentBasedRecommender(cached, search?.Invoke()), new ItemKnnRecommender(), new RegionalPopularityRecommender()],
                new FactorizationMachineRecommender(cached, fm))),
        ];
    }

    /// <summary>The models whose names are listed (all when the list is empty).</summary>
    /// <exception cref="ArgumentException">A name is not a known model.</exception>
    public static IReadOnlyList<ModelSpec> Select(IReadOnlyList<ModelSpec> all, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0) return all;
        var unknown = names.Where(n => all.All(m => m.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown model(s) {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(m => m.Name))}", nameof(names));
        return all.Where(m => names.Contains(m.Name)).ToList();
    }
}
