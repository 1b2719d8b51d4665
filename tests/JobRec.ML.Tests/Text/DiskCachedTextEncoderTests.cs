using JobRec.ML.Text;

namespace JobRec.ML.Tests.Text;

public sealed class DiskCachedTextEncoderTests
{
    [Fact]
    public void Vectors_persist_across_instances_and_unknown_texts_are_encoded_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobrec-cache-{Guid.NewGuid():N}.bin");
        try
        {
            var inner = new HashingTextEncoder();
            float[] first;
            using (var cache = new DiskCachedTextEncoder(inner, path))
            {
                first = cache.Encode(["nurse", "driver", "nurse"]);
                // A second user of the same file while it is held works from memory instead of corrupting it.
                using var concurrent = new DiskCachedTextEncoder(new HashingTextEncoder(), path);
                Assert.Equal(first, concurrent.Encode(["nurse", "driver", "nurse"]));
            }
            Assert.Equal(1, inner.Calls);
            var inner2 = new HashingTextEncoder();
            using (var cache = new DiskCachedTextEncoder(inner2, path))
            {
                Assert.Equal(2, cache.Count);
                Assert.Equal(first, cache.Encode(["nurse", "driver", "nurse"]));
                Assert.Equal(0, inner2.Calls);
            }
            // A torn tail record (interrupted write) is dropped, the rest survives.
            File.AppendAllBytes(path, [9, 0, 0]);
            using (var cache = new DiskCachedTextEncoder(new HashingTextEncoder(), path)) Assert.Equal(2, cache.Count);
            using (var cache = new DiskCachedTextEncoder(new HashingTextEncoder(), path)) Assert.Equal(2, cache.Count);
            Assert.Throws<InvalidDataException>(() => new DiskCachedTextEncoder(new HashingTextEncoder(32), path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Tfidf_ranks_documents_sharing_rare_terms_first()
    {
        var index = new TfIdfIndex(["registered nurse hospital", "truck driver", "nurse practitioner clinic", "software engineer"]);
        var hits = index.Search("Nurse, hospital!", 3);
        Assert.Equal(0, hits[0].Document);
        Assert.Equal(2, hits[1].Document);
        Assert.Equal(2, hits.Count);
        Assert.Empty(index.Search("zzz", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search("nurse", 0));
    }
}
