using JobRec.ML.Recommenders;
using JobRec.ML.Text;

namespace JobRec.Evaluation.Runner;

/// <summary>The model line-up of <c>jobrec evaluate recommend</c>: the five baselines, then the project's models.</summary>
public static class StandardModels
{
    /// <summary>Names of the baselines the targets compare against.</summary>
    public static IReadOnlySet<string> Baselines { get; } = new HashSet<string> { "random", "popularity", "popularity-region", "item-knn", "title-region" };

    /// <summary>Every model, with the given text encoder (shared, cached) behind the content features and vector search.</summary>
    /// <param name="encoder">Text encoder for content, FM text features and the hybrid.</param>
    /// <param name="seed">Seed of every randomised model.</param>
    /// <param name="search">Creates the job vector search of content models (a vector index), or null for exact search.</param>
    /// <param name="fmEpochs">FM training epochs.</param>
    public static IReadOnlyList<ModelSpec> All(ITextEncoder encoder, int seed = 1, Func<IJobVectorSearch>? search = null, int fmEpochs = 30)
        => All(encoder, search, FmOptions(seed) with { Epochs = fmEpochs });

    /// <summary>The FM options of a run: one training thread keeps FM runs repeatable for a seed (`jobrec bench recommend` measures the multi-threaded speed).</summary>
    public static FmTrainingOptions FmOptions(int seed) => new() { Seed = seed, Threads = 1 };

    /// <summary>Every model, with the FM (and hybrid ranker) trained with <paramref name="fm"/> (e.g. tuned on a validation split).</summary>
    /// <param name="encoder">Text encoder for content, FM text features and the hybrid.</param>
    /// <param name="search">Creates the job vector search of content models (a vector index), or null for exact search.</param>
    /// <param name="fm">FM training options; their seed seeds every randomised model.</param>
    public static IReadOnlyList<ModelSpec> All(ITextEncoder encoder, Func<IJobVectorSearch>? search, FmTrainingOptions fm)
    {
        var cached = encoder as CachingTextEncoder ?? new CachingTextEncoder(encoder);
        int seed = fm.Seed;
        return
        [
            new("random", true, () => new RandomRecommender(seed)),
            new("popularity", true, () => new PopularityRecommender()),
            new("popularity-region", true, () => new RegionalPopularityRecommender()),
            new("item-knn", true, () => new ItemKnnRecommender()),
            new("title-region", true, () => new TitleRegionRecommender()),
            new("user-knn", false, () => new UserKnnRecommender()),
            new("bpr-mf", false, () => new BprMatrixFactorization(seed: seed)),
            new("city-title", false, () => new TitleRegionRecommender(1f, 2f, 0.7f)),
            new("content", false, () => new ContentBasedRecommender(cached, search?.Invoke())),
            new("fm-notext", false, () => new FactorizationMachineRecommender(null, fm)),
            new("fm", false, () => new FactorizationMachineRecommender(cached, fm)),
            new("hybrid", false, () => new HybridRecommender(
                [new TitleRegionRecommender(1f, 2f, 0.7f), new ContentBasedRecommender(cached, search?.Invoke()), new ItemKnnRecommender(), new RegionalPopularityRecommender()],
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
