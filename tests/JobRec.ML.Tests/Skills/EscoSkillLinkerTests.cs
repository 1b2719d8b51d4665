using JobRec.ML.Skills;
using JobRec.ML.Tests.Text.Onnx;

namespace JobRec.ML.Tests.Skills;

public sealed class EscoSkillLinkerTests(OnnxModelsFixture models) : IClassFixture<OnnxModelsFixture>
{
    [Fact]
    public void Links_spans_to_the_closest_label_and_scores_the_annotations()
    {
        string[] labels = ["Python (computer programming)", "manage staff", "prepare meals", "drive vehicles"];
        var linker = new EscoSkillLinker(models.MiniLm, labels);
        var top = linker.Link(["python", "cooking dinner for guests"], 2);
        Assert.Equal("Python (computer programming)", top[0][0].Label);
        Assert.Equal("prepare meals", top[1][0].Label);
        Assert.True(top[0][0].Cosine >= top[0][1].Cosine);

        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "sentence,span,sub_span,label\n" +
                "\"We cook, we drive\",cook,,prepare meals\n" +
                "\"We cook, we drive\",drive,,drive vehicles\n" +
                "\"We cook, we drive\",drive,,manage staff\n" +
                "x,smart,,LABEL NOT PRESENT\n" +
                "y,python,,manage staff\n");
            var queries = EscoLinkingEvaluation.ReadAnnotations(path, labels.ToHashSet());
            Assert.Equal(3, queries.Count);
            Assert.Equal(2, queries[1].Gold.Count);
            var result = EscoLinkingEvaluation.Evaluate(linker, queries);
            Assert.Equal(3, result.Queries);
            Assert.Equal(2 / 3.0, result.AccuracyAt1, 9); // "python" is not about managing staff
            File.WriteAllText(path, "a,b\n");
            Assert.Throws<InvalidDataException>(() => EscoLinkingEvaluation.ReadAnnotations(path, labels.ToHashSet()));
        }
        finally { File.Delete(path); }
    }
}
