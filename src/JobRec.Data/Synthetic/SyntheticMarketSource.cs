using JobRec.Data.Reading;

namespace JobRec.Data.Synthetic;

/// <summary>
/// A <see cref="SyntheticMarket"/> as an <see cref="IDataSource"/>: occupations, jobs, users, then train interactions
/// (never the future ones), so <c>IngestPipeline.RunAsync(new SyntheticMarketSource(market), sink)</c> loads a demo without files.
/// </summary>
public sealed class SyntheticMarketSource(SyntheticMarket market) : IDataSource
{
    /// <inheritdoc />
    public string Name => "synthetic";

    /// <inheritdoc />
    public IEnumerable<SourceItem> Read(ReadReport report, CancellationToken cancellationToken = default)
    {
        foreach (var o in market.Occupations()) { report.Accept(); yield return SourceItem.Of(o); }
        foreach (var j in market.Jobs()) { cancellationToken.ThrowIfCancellationRequested(); report.Accept(); yield return SourceItem.Of(j); }
        foreach (var u in market.Users()) { cancellationToken.ThrowIfCancellationRequested(); report.Accept(); yield return SourceItem.Of(u); }
        foreach (var i in market.TrainInteractions()) { cancellationToken.ThrowIfCancellationRequested(); report.Accept(); yield return SourceItem.Of(i); }
    }
}
