using JobRec.ML.Recommenders;
using JobRec.Evaluation.Tuning;
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
        => All(encoder, search, Untuned(seed) with { Fm = FmOptions(seed) with { Epochs = fmEpochs } });

    /// <summary>The FM options of a run: one training thread keeps FM runs repeatable for a seed (`jobrec bench recommend` measures the multi-threaded speed).</summary>
    public static FmTrainingOptions FmOptions(int seed) => new() { Seed = seed, Threads = 1 };

    /// <summary>The settings used without <c>--tune</c>.</summary>
    public static RecommenderTuning Untuned(int seed) => new(FmOptions(seed));

    /// <summary>Every model, with the FM, city-title and hybrid settings of <paramref name="tuning"/> (e.g. chosen on a validation split).</summary>
    /// <param name="encoder">Text encoder for content, FM text features and the hybrid.</param>
    /// <param name="search">Creates the job vector search of content models (a vector index), or null for exact search.</param>
    /// <param name="tuning">Settings; the FM options' seed seeds every randomised model.</param>
    public static IReadOnlyList<ModelSpec> All(ITextEncoder encoder, Func<IJobVectorSearch>? search, RecommenderTuning tuning)
    {
        var cached = encoder as MemoryCachedTextEncoder ?? new MemoryCachedTextEncoder(encoder);
        int seed = tuning.Fm.Seed;
        var fm = tuning.Fm;
        return
        [
            new("random", true, () => new RandomRecommender(seed)),
            new("popularity", true, () => new PopularityRecommender()),
            new("popularity-region", true, () => new RegionalPopularityRecommender()),
            new("item-knn", true, () => new ItemKnnRecommender()),
            new("title-region", true, () => new TitleRegionRecommender()),
            new("user-knn", false, () => new UserKnnRecommender()),
            new("bpr-mf", false, () => new BprMatrixFactorization(seed: seed)),
            new("city-title", false, () => CityTitle(tuning)),
            new("content", false, () => new ContentBasedRecommender(cached, search?.Invoke())),
            new("fm-notext", false, () => new FactorizationMachineRecommender(null, fm)),
            new("fm", false, () => new FactorizationMachineRecommender(cached, fm)),
            new("hybrid", false, () => Hybrid(cached, search, tuning)),
        ];
    }

    /// <summary>The city-title source with the tuned city weight and history decay (region weight 1).</summary>
    public static TitleRegionRecommender CityTitle(RecommenderTuning tuning) => new(1f, tuning.CityWeight, tuning.CityDecay);

    /// <summary>
    /// The hybrid: candidates from city-title, content, item-kNN (co-views) and popularity in region, ordered by the FM fused
    /// with the city-title order at <see cref="RecommenderTuning.HybridCityTitleWeight"/>.
    /// </summary>
    public static HybridRecommender Hybrid(ITextEncoder encoder, Func<IJobVectorSearch>? search, RecommenderTuning tuning) => new(
        [CityTitle(tuning), new ContentBasedRecommender(encoder, search?.Invoke()), new ItemKnnRecommender(), new RegionalPopularityRecommender()],
        new FactorizationMachineRecommender(encoder, tuning.Fm),
        sourceWeights: [tuning.HybridCityTitleWeight, 0f, 0f, 0f]);

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
