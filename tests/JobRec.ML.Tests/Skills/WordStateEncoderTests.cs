using JobRec.ML.Skills;
using JobRec.ML.Tests.Text.Onnx;

namespace JobRec.ML.Tests.Skills;

public sealed class WordStateEncoderTests(OnnxModelsFixture models) : IClassFixture<OnnxModelsFixture>
{
    [Fact]
    public void Word_vectors_are_the_first_and_mean_states_of_the_words_pieces()
    {
        var words = new WordStateEncoder(models.MiniLm);
        string[] sentence = ["Senior", "QA", "Engineer", "internationalization", "(", "m/f/d", ")"];
        // Per-word pieces concatenate to the whole text's tokenisation: the alignment is the tokenizer's own.
        var whole = models.MiniLm.Tokenizer.Encode(string.Join(' ', sentence), 64);
        var pieces = sentence.Select(words.Pieces).ToList();
        Assert.Equal(whole[1..^1], pieces.SelectMany(p => p).ToArray());
        Assert.Equal(2, words.Pieces("internationalization").Length);

        var vectors = words.Encode([sentence])[0];
        Assert.Equal(sentence.Length * words.Dimension, vectors.Length);
        var states = models.MiniLm.TokenStates([whole])[0];
        int d = models.MiniLm.Dimension, token = 1;
        for (int w = 0; w < sentence.Length; w++)
        {
            var v = vectors.AsSpan(w * words.Dimension, words.Dimension);
            for (int i = 0; i < d; i++)
            {
                Assert.Equal(states[token * d + i], v[i], 4);
                float mean = 0;
                for (int p = 0; p < pieces[w].Length; p++) mean += states[(token + p) * d + i];
                Assert.Equal(mean / pieces[w].Length, v[d + i], 4);
            }
            token += pieces[w].Length;
        }
        // Shape flags: "QA" is all capitals, "(" has no letter or digit.
        Assert.Equal([1f, 1f, 0f, 0f, 0f], vectors.AsSpan(1 * words.Dimension + 2 * d, WordStateEncoder.ShapeFeatures).ToArray());
        Assert.Equal([0f, 0f, 0f, 1f, 0f], vectors.AsSpan(4 * words.Dimension + 2 * d, WordStateEncoder.ShapeFeatures).ToArray());
    }

    [Fact]
    public void Long_sentences_are_encoded_in_chunks_at_word_boundaries()
    {
        var words = new WordStateEncoder(models.MiniLm);
        // 2 pieces per word: 127 words fill the first 254-piece chunk.
        var sentence = Enumerable.Repeat("internationalization", 300).ToArray();
        var vectors = words.Encode([sentence, sentence[..127], []]);
        Assert.Equal(300 * words.Dimension, vectors[0].Length);
        Assert.Empty(vectors[2]);
        Assert.All(vectors[0], x => Assert.True(float.IsFinite(x)));
        for (int i = 0; i < 127 * words.Dimension; i++) Assert.Equal(vectors[1][i], vectors[0][i], 4);
        Assert.NotEqual(0f, vectors[0][299 * words.Dimension]);
    }

    [Fact]
    public void Words_without_pieces_become_unknown_instead_of_failing()
    {
        var words = new WordStateEncoder(models.MiniLm);
        Assert.Single(words.Pieces("\u0001\u0002"));
        Assert.Equal(WordStateEncoder.MaxPiecesPerWord, words.Pieces(string.Concat(Enumerable.Repeat("qz", 60))).Length);
        var vectors = words.Encode([["\u0001", "x"]])[0];
        Assert.All(vectors, x => Assert.True(float.IsFinite(x)));
    }
}
