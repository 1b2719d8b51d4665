using JobRec.ML.Onet;

namespace JobRec.ML.Tests.Onet;

public sealed class NgramTitleIndexTests
{
    [Fact]
    public void Features_cover_words_bigrams_head_word_and_character_ngrams()
    {
        var features = TitleNgrams.Of("Senior Nurse (RN)").ToHashSet();
        Assert.Contains("w:senior", features);
        Assert.Contains("b:senior_nurse", features);
        Assert.Contains("h:nurse", features);
        Assert.Contains("c:<nu", features);
        Assert.Contains("c:urse>", features);
        Assert.DoesNotContain("h:rn", features);
        Assert.Equal("rn", TitleNgrams.HeadWord("(RN)"));
        Assert.Null(TitleNgrams.HeadWord("--"));
        Assert.Empty(TitleNgrams.Of("  "));
    }

    [Fact]
    public void Scores_each_class_by_its_best_title()
    {
        var index = new NgramTitleIndex(["truck driver", "bus driver", "staff nurse"], [0, 0, 1], 3);
        var scores = new float[2 * 3];
        index.ScoreClasses(["truck driver", "zzz"], scores);
        Assert.Equal(1f, scores[0], 4);          // identical title
        Assert.Equal(0f, scores[1]);             // nothing shared with the nurse
        Assert.Equal(0f, scores[2]);             // class without titles
        Assert.Equal([0f, 0f, 0f], scores[3..]); // unknown query
        var partial = new float[3];
        index.ScoreClasses(["drivers"], partial);
        Assert.InRange(partial[0], 0.1f, 0.99f);  // shares character n-grams only
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Contains("owner 5 of title 1", Assert.Throws<ArgumentException>(() => new NgramTitleIndex(["a", "b"], [0, 5], 2)).Message);
        Assert.Throws<ArgumentException>(() => new NgramTitleIndex(["a"], [0, 1], 2));
        var index = new NgramTitleIndex(["a"], [0], 2);
        Assert.Throws<ArgumentException>(() => index.ScoreClasses(["a"], new float[3]));
    }
}
