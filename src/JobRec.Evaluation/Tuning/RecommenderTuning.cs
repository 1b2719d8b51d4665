using System.Globalization;
using JobRec.ML.Recommenders;

namespace JobRec.Evaluation.Tuning;

/// <summary>The tunable settings of the model line-up: FM training, the city-title source, and the hybrid's fusion weight.</summary>
/// <param name="Fm">FM training options (their seed seeds every randomised model).</param>
/// <param name="CityWeight">City weight of the city-title source.</param>
/// <param name="CityDecay">History decay of the city-title source.</param>
/// <param name="HybridCityTitleWeight">Fusion weight of the city-title source's order against the FM's in the hybrid (0: FM order alone).</param>
public sealed record RecommenderTuning(FmTrainingOptions Fm, float CityWeight = 2f, float CityDecay = 0.7f, float HybridCityTitleWeight = 1f)
{
    /// <summary>The values as "fm ids=on epochs=30 lr=0.01 cold=0.25 k=32; city-title city=2 decay=0.7; hybrid fusion=1".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"fm {DescribeFm(Fm)}; city-title city={CityWeight:0.##} decay={CityDecay:0.##}; hybrid fusion={HybridCityTitleWeight:0.##}");

    /// <summary>The tuned FM values as "ids=on epochs=30 lr=0.01 cold=0.25 k=32".</summary>
    public static string DescribeFm(FmTrainingOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"ids={(o.IdFeatures ? "on" : "off")} epochs={o.Epochs} lr={o.LearningRate:0.###} cold={o.ColdStartShare:0.##} k={o.Factors}");
}
