using JobRec.ML.Text;

namespace JobRec.ML.Tests.Text;

public sealed class SentencePieceTokenizerTests
{
    private static readonly SentencePieceTokenizer Tiny = new(
    [
        ("\ufffd", 0), ("<s>", 0), ("</s>", 0), ("x", 0), ("y", 0), ("z", 0),
        ("\u2581", -2), ("\u2581ab", -1), ("a", -3), ("b", -3), ("c", -3), ("\u2581a", -2.5),
    ]);

    [Fact]
    public void Viterbi_prefers_the_highest_scoring_segmentation()
    {
        // "▁ab" as one piece (-1) beats "▁a" + "b" (-5.5) and "▁" + "a" + "b" (-8).
        Assert.Equal([7], Tiny.Encode("ab"));
    }

    [Fact]
    public void Spaces_become_word_boundaries_and_unknown_runs_merge_into_one_id()
    {
        Assert.Equal([7, 6, 10], Tiny.Encode("ab c"));
        Assert.Equal([11, 0], Tiny.Encode("aqq"));
    }

    [Fact]
    public void Empty_text_gives_no_ids_and_reserved_pieces_are_never_produced()
    {
        Assert.Empty(Tiny.Encode(""));
        Assert.DoesNotContain(3, Tiny.Encode("x"));
    }

    [Fact]
    public void Nfkc_maps_no_break_space_to_a_word_boundary()
    {
        Assert.Equal(Tiny.Encode("ab c"), Tiny.Encode("ab\u00a0c"));
        Assert.Equal("fi", NfkcNormalizer.ToNfkc("\ufb01"));
    }

    [Fact]
    public void Malformed_vocabulary_file_is_reported_with_the_entry()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "[[\"a\", -1], [\"b\", \"oops\"]]");
            var ex = Assert.Throws<FormatException>(() => SentencePieceTokenizer.Load(path));
            Assert.Contains("entry 1", ex.Message);
        }
        finally { File.Delete(path); }
    }
}
