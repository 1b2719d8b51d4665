using JobRec.OrleansExtensions.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Tests.Storage;

/// <summary>What every JobRec grain storage provider must do (SQLite, memory, PostgreSQL): ETag round trip, stale writes and clears rejected,
/// one winner among concurrent writers and among concurrent first inserts, grain types and all-digit keys kept apart.</summary>
public abstract class GrainStorageContract
{
    /// <summary>A store to test; each test uses fresh keys.</summary>
    protected abstract IGrainStorage Storage { get; }

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static GrainState<Counter> State(int value, string? etag = null) => new(new Counter { Value = value }, etag);

    private async Task<GrainState<Counter>> ReadAsync(string type, string key, string stateName = "state")
    {
        var state = new GrainState<Counter>(new Counter());
        await Storage.ReadStateAsync(stateName, GrainId.Create(type, key), state);
        return state;
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_version_as_the_etag()
    {
        var id = GrainId.Create("profile", Unique("k"));
        var missing = await ReadAsync("profile", id.Key.ToString()!);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var state = State(1);
        await Storage.WriteStateAsync("state", id, state);
        Assert.Equal("1", state.ETag);
        Assert.True(state.RecordExists);
        state.State!.Value = 2;
        await Storage.WriteStateAsync("state", id, state);
        Assert.Equal("2", state.ETag);

        var read = await ReadAsync("profile", id.Key.ToString()!);
        Assert.True(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Equal(2, read.State!.Value);
    }

    [Fact]
    public async Task A_stale_write_is_rejected_and_the_stored_state_is_kept()
    {
        var id = GrainId.Create("profile", Unique("k"));
        var first = State(1);
        await Storage.WriteStateAsync("state", id, first);
        var second = State(2, first.ETag);
        await Storage.WriteStateAsync("state", id, second);

        var stale = State(99, "1");
        var e = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, stale));
        var duplicate = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("state", id, State(98)));

        Assert.Contains(id.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal("2", e.StoredEtag);
        Assert.Equal("2", duplicate.StoredEtag);
        Assert.Equal(2, (await ReadAsync("profile", id.Key.ToString()!)).State!.Value);
    }

    [Fact]
    public async Task Of_many_concurrent_writers_with_one_etag_exactly_one_wins()
    {
        var id = GrainId.Create("profile", Unique("k"));
        var initial = State(0);
        await Storage.WriteStateAsync("state", id, initial);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(v => Task.Run(() => TryWriteAsync(id, State(v, initial.ETag)))));

        Assert.Equal(1, results.Count(r => r));
        var stored = await ReadAsync("profile", id.Key.ToString()!);
        Assert.Equal("2", stored.ETag);
        Assert.InRange(stored.State!.Value, 1, 8);
    }

    [Fact]
    public async Task Of_concurrent_first_inserts_exactly_one_wins()
    {
        var id = GrainId.Create("profile", Unique("k"));

        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(v => Task.Run(() => TryWriteAsync(id, State(v)))));

        Assert.Equal(1, results.Count(r => r));
        Assert.Equal("1", (await ReadAsync("profile", id.Key.ToString()!)).ETag);
    }

    [Fact]
    public async Task A_stale_clear_is_rejected_and_a_current_one_removes_the_record()
    {
        var id = GrainId.Create("profile", Unique("k"));
        var state = State(1);
        await Storage.WriteStateAsync("state", id, state);
        await Storage.WriteStateAsync("state", id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", id, State(0, "1")));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.ClearStateAsync("state", id, State(0)));
        await Storage.ClearStateAsync("state", id, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.False((await ReadAsync("profile", id.Key.ToString()!)).RecordExists);
    }

    [Fact]
    public async Task The_same_key_in_two_grain_types_and_all_digit_keys_are_kept_apart()
    {
        var digits = Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Storage.WriteStateAsync("state", GrainId.Create("job", digits), State(1));
        await Storage.WriteStateAsync("state", GrainId.Create("user", digits), State(2));
        await Storage.WriteStateAsync("state", GrainId.Create("job", "0" + digits), State(3));
        await Storage.WriteStateAsync("other", GrainId.Create("job", digits), State(4));

        Assert.Equal(1, (await ReadAsync("job", digits)).State!.Value);
        Assert.Equal(2, (await ReadAsync("user", digits)).State!.Value);
        Assert.Equal(3, (await ReadAsync("job", "0" + digits)).State!.Value);
        Assert.Equal(4, (await ReadAsync("job", digits, "other")).State!.Value);
    }

    private async Task<bool> TryWriteAsync(GrainId id, GrainState<Counter> state)
    {
        try
        {
            await Storage.WriteStateAsync("state", id, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    /// <summary>A state without Orleans serializer attributes (the stores write System.Text.Json).</summary>
    public sealed class Counter
    {
        public int Value { get; set; }
    }
}
