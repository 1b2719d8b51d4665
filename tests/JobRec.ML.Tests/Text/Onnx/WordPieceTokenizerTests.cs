using JobRec.ML.Text.Onnx;

namespace JobRec.ML.Tests.Text.Onnx;

public sealed class WordPieceTokenizerTests(OnnxModelsFixture models) : IClassFixture<OnnxModelsFixture>
{
    private readonly string[] _vocabulary = File.ReadAllLines(Path.Combine(PretrainedEncoderModel.MiniLm.CacheDirectory, "vocab.txt"));

    private string Tokens(string text) => string.Join(' ', models.MiniLm.Tokenizer.Encode(text, 64).Select(id => _vocabulary[id]));

    [Theory]
    // "+" is kept (Microsoft.ML.Tokenizers 3.0.0 BertTokenizer drops it: "c developer").
    [InlineData("C++ Developer", "[CLS] c + + developer [SEP]")]
    // Accents are stripped as uncased BERT does (Microsoft.ML.Tokenizers needs RemoveNonSpacingMarks for this, else [UNK]).
    [InlineData("Café Résumé naïve", "[CLS] cafe resume naive [SEP]")]
    // The packages' own tokenizer maps these to [UNK]; WordPiece splits them into known pieces.
    [InlineData("QA engineer, VM admin", "[CLS] q ##a engineer , v ##m ad ##min [SEP]")]
    [InlineData("js dev K9 handler", "[CLS] j ##s dev k ##9 handler [SEP]")]
    [InlineData("", "[CLS] [SEP]")]
    public void Tokenizes_as_uncased_bert(string text, string expected) => Assert.Equal(expected, Tokens(text));

    [Fact]
    public void Truncation_cuts_between_word_pieces_and_ends_with_sep()
    {
        var ids = models.MiniLm.Tokenizer.Encode("internationalization supercalifragilistic", 6);
        Assert.Equal("[CLS] international ##ization super ##cal [SEP]", string.Join(' ', ids.Select(id => _vocabulary[id])));
        Assert.Throws<ArgumentOutOfRangeException>(() => models.MiniLm.Tokenizer.Encode("x", 2));
    }
}
