using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class SubwordTitleClassifierTests
{
    // A tiny taxonomy: class 0 = nursing, 1 = driving, 2 = software; test titles are unseen word forms and combinations.
    private static readonly string[] Titles =
    [
        "Staff Nurse", "Charge Nurse", "Nursing Assistant", "ICU Nurse", "Pediatric Nursing Aide",
        "Truck Driver", "Delivery Driver", "Bus Driving Instructor", "Forklift Driver", "Tractor Driver",
        "Software Developer", "Java Programmer", "Web Developer", "Application Programming Lead", "Backend Developer",
    ];
    private static readonly int[] Labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2];

    [Fact]
    public void Learns_a_small_taxonomy_and_generalises_through_character_ngrams()
    {
        var model = SubwordTitleClassifier.Train(Titles, ReadOnlySpan<float>.Empty, 0, Labels, 3,
            new SubwordClassifierOptions(Hidden: 16, Epochs: 60, LearningRate: 0.5f, BatchSize: 4));
        // "Nurses", "Drivers", "Developers", "Programmers": plural forms never seen whole, only through shared n-grams.
        string[] queries = ["Night Nurses", "Drivers", "Developers", "Programmers"];
        var p = model.PredictProbabilities(queries, ReadOnlySpan<float>.Empty);
        int[] expected = [0, 1, 2, 2];
        for (int q = 0; q < queries.Length; q++)
        {
            var row = p.AsSpan(q * 3, 3);
            Assert.True(Math.Abs(row[0] + row[1] + row[2] - 1f) < 1e-4f, $"probabilities of '{queries[q]}' do not sum to 1");
            Assert.Equal(expected[q], row.IndexOf(System.Numerics.Tensors.TensorPrimitives.Max(row)));
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_model()
    {
        var options = new SubwordClassifierOptions(Hidden: 8, Epochs: 5, BatchSize: 4);
        var a = SubwordTitleClassifier.Train(Titles, ReadOnlySpan<float>.Empty, 0, Labels, 3, options).PredictProbabilities(["Nurse"], ReadOnlySpan<float>.Empty);
        var b = SubwordTitleClassifier.Train(Titles, ReadOnlySpan<float>.Empty, 0, Labels, 3, options).PredictProbabilities(["Nurse"], ReadOnlySpan<float>.Empty);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Uses_the_dense_input_when_words_say_nothing()
    {
        // Titles share no features; only the 2-d dense input separates the classes.
        string[] titles = ["alpha", "beta", "gamma", "delta"];
        float[] dense = [1, 0, 1, 0, 0, 1, 0, 1];
        var model = SubwordTitleClassifier.Train(titles, dense, 2, [0, 0, 1, 1], 2, new SubwordClassifierOptions(Hidden: 4, Epochs: 80, BatchSize: 2));
        var p = model.PredictProbabilities(["unseen", "other"], new float[] { 1, 0, 0, 1 });
        Assert.True(p[0] > 0.8f, $"P(class 0 | dense (1,0)) = {p[0]}");
        Assert.True(p[3] > 0.8f, $"P(class 1 | dense (0,1)) = {p[3]}");
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var label = Assert.Throws<ArgumentException>(() => SubwordTitleClassifier.Train(["a", "b"], ReadOnlySpan<float>.Empty, 0, [0, 7], 3));
        Assert.Contains("label 7 of row 1", label.Message);
        var counts = Assert.Throws<ArgumentException>(() => SubwordTitleClassifier.Train(["a", "b"], new float[3], 2, [0, 1], 3));
        Assert.Contains("expected 4", counts.Message);
        Assert.Throws<ArgumentException>(() => SubwordTitleClassifier.Train(["a"], ReadOnlySpan<float>.Empty, 0, [0], 1, new SubwordClassifierOptions(Epochs: 0)));
        var model = SubwordTitleClassifier.Train(["a", "b"], new float[4], 2, [0, 1], 2, new SubwordClassifierOptions(Epochs: 1));
        Assert.Contains("need 2 embedding values", Assert.Throws<ArgumentException>(() => model.PredictProbabilities(["x"], new float[5])).Message);
    }
}
