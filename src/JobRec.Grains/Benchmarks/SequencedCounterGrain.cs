using JobRec.Contracts.Benchmarks;
using Orleans;
using Orleans.Runtime;

namespace JobRec.Grains.Benchmarks;

/// <summary>Persistent sequenced counter (state "counter" in the silo's default storage: SQLite alone, PostgreSQL in a cluster).</summary>
[GrainType("sequencedcounter")]
public sealed class SequencedCounterGrain : Grain, ISequencedCounterGrain
{
    private readonly IPersistentState<CounterState> _state;
    private readonly string _silo;
    private readonly string _activation = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates the grain over its persisted count; the reading names the silo (its name in the membership table).</summary>
    public SequencedCounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, ILocalSiloDetails silo)
    {
        _state = state;
        _silo = silo.Name;
    }

    /// <inheritdoc />
    public async Task<CounterReading> AddAsync(long sequence)
    {
        var count = _state.State.Count;
        if (sequence > count + 1 || sequence < 1)
        {
            throw new ArgumentException($"Increment {sequence} of counter {this.GetPrimaryKeyString()} does not follow its count {count}.", nameof(sequence));
        }

        if (sequence == count + 1)
        {
            _state.State.Count = sequence;
            try
            {
                await _state.WriteStateAsync();
            }
            catch
            {
                await _state.ReadStateAsync(); // the write was rejected (another activation wrote first): forget the unsaved increment
                throw;
            }
        }

        return Reading();
    }

    /// <inheritdoc />
    public Task<CounterReading> GetAsync() => Task.FromResult(Reading());

    private CounterReading Reading() => new(_state.State.Count, _silo, _activation);

    /// <summary>The persisted count.</summary>
    public sealed class CounterState
    {
        /// <summary>Increments applied.</summary>
        public long Count { get; set; }
    }
}
