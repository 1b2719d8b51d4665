using JobRec.Data.Hashing;

namespace JobRec.Data.Tests.Hashing;

public class Fnv1aTests
{
    [Fact]
    public void Ascii_text_hashes_to_the_published_fnv1a_test_vectors()
    {
        Assert.Equal(0x811c9dc5u, Fnv1a.Hash32(""));
        Assert.Equal(0xe40c292cu, Fnv1a.Hash32("a"));
        Assert.Equal(0xbf9cf968u, Fnv1a.Hash32("foobar"));
        Assert.Equal(0xcbf29ce484222325UL, Fnv1a.Hash64(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, Fnv1a.Hash64("a"));
        Assert.Equal(0x85944171f73967e8UL, Fnv1a.Hash64("foobar"));
    }

    [Fact]
    public void Appending_continues_the_hash_and_a_separator_changes_it()
    {
        Assert.Equal(Fnv1a.Hash64("foobar"), Fnv1a.Append64(Fnv1a.Hash64("foo"), "bar"));
        Assert.NotEqual(Fnv1a.Hash64("foobar"), Fnv1a.Append64(Fnv1a.Append64(Fnv1a.Hash64("foo"), 0xFFu), "bar"));
        Assert.NotEqual(Fnv1a.Hash32("a"), Fnv1a.Hash32("a", Fnv1a.OffsetBasis32 ^ 1));
    }
}
