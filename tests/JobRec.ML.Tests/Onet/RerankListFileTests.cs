using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class RerankListFileTests
{
    [Fact]
    public void Lists_round_trip_and_project_to_fewer_candidates_and_columns()
    {
        var path = Path.Combine(Path.GetTempPath(), "lists-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            var a = new RerankList([4, 2, 7], [1, 2, 3, 4, 5, 6], Relevant: 2);
            var b = new RerankList([1, 0], [7, 8, 9, 10], Relevant: -1);
            RerankListFile.Write(path, 2, [a], [b, a]);
            var (features, training, scored) = RerankListFile.Read(path);
            Assert.Equal(2, features);
            Assert.Equal(a.Candidates, Assert.Single(training).Candidates);
            Assert.Equal(a.Features, training[0].Features);
            Assert.Equal([-1, 2], scored.Select(l => l.Relevant));

            var cut = RerankListFile.Project(a, 2, candidates: 2, columns: [1]);
            Assert.Equal([4, 2], cut.Candidates);
            Assert.Equal([2f, 4f], cut.Features);
            Assert.Equal(-1, cut.Relevant);   // the relevant candidate was third

            File.WriteAllBytes(path, File.ReadAllBytes(path)[..30]);
            var ex = Assert.Throws<InvalidDataException>(() => RerankListFile.Read(path));
            Assert.Contains(path, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
