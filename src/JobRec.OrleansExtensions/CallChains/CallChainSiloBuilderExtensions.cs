using Orleans.Hosting;

namespace JobRec.OrleansExtensions.CallChains;

/// <summary>Registers <see cref="CallChainFilter"/> on a silo.</summary>
public static class CallChainSiloBuilderExtensions
{
    /// <summary>Fails a grain call that closes a cycle through a non-reentrant grain at once with <see cref="CallChainDeadlockException"/>
    /// instead of letting it wait for its timeout (every silo of a cluster should add it: the chain travels with the calls). Opt-in (tests,
    /// development clusters): any outgoing filter takes Orleans off its filterless call path, which `jobrec bench actors --call-chain`
    /// measured at about 40% more CPU per trivial in-silo call.</summary>
    public static ISiloBuilder AddJobRecCallChainDetection(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddOutgoingGrainCallFilter<CallChainFilter>();
        return silo;
    }
}
