using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class SocHierarchyTests
{
    [Fact]
    public void Groups_codes_by_shared_major_minor_broad_and_detailed_prefix()
    {
        var (groups, count) = SocHierarchy.Groups(["51-9061.00", "51-9061.01", "51-9199.00", "11-1011.00", "not-a-code"]);
        Assert.Equal(4, count);                    // 51, 51-9, 51-906, 51-9061 (groups of one member are dropped)
        Assert.Equal(4, groups[0].Length);
        Assert.Equal(groups[0], groups[1]);
        Assert.Equal(groups[0][..2], groups[2]);   // 51-9199 shares only 51 and 51-9
        Assert.Empty(groups[3]);
        Assert.Empty(groups[4]);
    }

    [Fact]
    public void Classifier_trains_with_shared_group_weights_and_names_a_bad_group()
    {
        string[] titles = ["Staff Nurse", "Charge Nurse", "Nurse Aide", "Truck Driver", "Bus Driver", "Van Driver"];
        int[] labels = [0, 0, 1, 2, 2, 2];
        int[][] groupsOfClass = [[0], [0], []];
        var model = SubwordTitleClassifier.Train(titles, ReadOnlySpan<float>.Empty, 0, labels, 3,
            new SubwordClassifierOptions(Hidden: 8, Epochs: 60, LearningRate: 0.5f, BatchSize: 2), groupsOfClass: groupsOfClass, groups: 1);
        Assert.Equal(1, model.Groups);
        var p = model.PredictProbabilities(["Night Driver", "Night Nurse"], ReadOnlySpan<float>.Empty);
        Assert.True(p[2] > 0.5f, $"P(driver | Night Driver) = {p[2]}");
        Assert.True(p[3] + p[4] > 0.5f, $"P(nursing group | Night Nurse) = {p[3] + p[4]}");
        var ex = Assert.Throws<ArgumentException>(() => SubwordTitleClassifier.Train(titles, ReadOnlySpan<float>.Empty, 0, labels, 3,
            groupsOfClass: [[0], [3], []], groups: 1));
        Assert.Contains("group 3 of class 1", ex.Message);
    }
}
