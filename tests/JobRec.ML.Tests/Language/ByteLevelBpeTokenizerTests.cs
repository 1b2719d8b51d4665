using System.Text;
using JobRec.ML.Language.Tokenization;

namespace JobRec.ML.Tests.Language;

public class ByteLevelBpeTokenizerTests
{
    private static readonly string[] Corpus =
    [
        "The job title is Data Engineer. The required skills are Python, Spark, SQL.",
        "The job title is Senior Data Engineer. The hiring company is Acme. The job is located at Austin, TX.",
        "The job title is Software Engineer. The required skills are Java, Spring, SQL.",
        "Question: What skills does the Data Engineer job at Acme require? Answer: Python, Spark, SQL",
    ];

    private static ByteLevelBpeTokenizer Trained() => ByteLevelBpeTokenizer.Train(Enumerable.Repeat(Corpus, 5).SelectMany(x => x), 400);

    [Fact]
    public void Training_learns_merges_that_shorten_the_corpus()
    {
        var tokenizer = Trained();
        Assert.True(tokenizer.MergeCount > 50, $"only {tokenizer.MergeCount} merges");
        Assert.Equal(tokenizer.VocabSize - 1, tokenizer.EndOfText);
        var ids = tokenizer.Encode(Corpus[0]);
        Assert.True(ids.Length * 3 < Encoding.UTF8.GetByteCount(Corpus[0]), $"{ids.Length} tokens for {Corpus[0].Length} chars");
        Assert.Equal(Corpus[0], tokenizer.Decode(ids));
    }

    [Fact]
    public void Arbitrary_bytes_round_trip_exactly()
    {
        var tokenizer = Trained();
        var rng = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            var bytes = new byte[rng.Next(0, 64)];
            rng.NextBytes(bytes);
            if (trial % 3 == 0)
            {
                var text = Encoding.UTF8.GetBytes("The job é漢字🙂 is " + trial);
                text.AsSpan(0, Math.Min(bytes.Length, text.Length)).CopyTo(bytes);
            }
            var ids = tokenizer.EncodeBytes(bytes);
            Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabSize - 1));
            Assert.Equal(bytes, tokenizer.DecodeBytes(ids));
        }
        const string unicode = "Ünïcödé  spaces\t\ttabs\n\nnewlines 漢字 🙂🙂 it's they'll 12345";
        Assert.Equal(unicode, tokenizer.Decode(tokenizer.Encode(unicode)));
    }

    [Fact]
    public void Gpt2_text_format_round_trips_and_encodes_identically()
    {
        var tokenizer = Trained();
        var (vocab, merges) = tokenizer.ToGpt2Text();
        var loaded = ByteLevelBpeTokenizer.FromGpt2Text(vocab, merges);
        Assert.Equal(tokenizer.VocabSize, loaded.VocabSize);
        Assert.Equal(tokenizer.EndOfText, loaded.EndOfText);
        foreach (var text in Corpus) Assert.Equal(tokenizer.Encode(text), loaded.Encode(text));
    }

    [Fact]
    public void Loads_hand_written_gpt2_files_with_their_own_id_order()
    {
        // GPT-2 style: byte tokens written in the byte-to-unicode alphabet, ids not in byte order, "Ġ" = space.
        var vocab = new Dictionary<string, int>();
        int next = 0;
        for (int b = 255; b >= 0; b--) vocab[ByteUnicodeAlphabet.Encode([(byte)b])] = next++;
        vocab["Ġt"] = next++;
        vocab["Ġth"] = next++;
        vocab["Ġthe"] = next++;
        vocab["<|endoftext|>"] = next++;
        var dir = Directory.CreateTempSubdirectory("gpt2tok");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "vocab.json"), System.Text.Json.JsonSerializer.Serialize(vocab));
            File.WriteAllText(Path.Combine(dir.FullName, "merges.txt"), "#version: 0.2\nĠ t\nĠt h\nĠth e\n");
            var tokenizer = ByteLevelBpeTokenizer.LoadGpt2(Path.Combine(dir.FullName, "vocab.json"), Path.Combine(dir.FullName, "merges.txt"));
            Assert.Equal(vocab["<|endoftext|>"], tokenizer.EndOfText);
            Assert.Equal([vocab["a"], vocab["Ġthe"], vocab["Ġth"], vocab["a"]], tokenizer.Encode("a the tha"));
            Assert.Equal("a the tha", tokenizer.Decode(tokenizer.Encode("a the tha")));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Malformed_merges_name_the_file_and_line()
    {
        var (vocab, merges) = Trained().ToGpt2Text();
        var firstMerge = merges.Split('\n')[1];
        var e = Assert.Throws<FormatException>(() => ByteLevelBpeTokenizer.FromGpt2Text(vocab, $"#version: 0.2\n{firstMerge}\nonlyone\n", "v.json", "m.txt"));
        Assert.Contains("m.txt:3", e.Message);
    }
}
