using JobRec.Data.Model;
using JobRec.Grains.Ingest;
using ContractKind = JobRec.Contracts.Interactions.InteractionKind;
using DataKind = JobRec.Data.Model.InteractionKind;

namespace JobRec.Grains.Tests.Ingest;

/// <summary>The data model and the wire contract each keep an InteractionKind (Contracts references no JobRec project); the import
/// maps one to the other by value, so both must list the same names with the same values.</summary>
public class InteractionKindMappingTests
{
    [Fact]
    public void Every_data_kind_maps_to_the_contract_kind_of_the_same_name()
    {
        Assert.Equal(Enum.GetNames<DataKind>(), Enum.GetNames<ContractKind>());
        foreach (var kind in Enum.GetValues<DataKind>())
        {
            var record = DomainMapping.ToRecord(new Interaction("u", "j", kind, DateTimeOffset.UnixEpoch));
            Assert.Equal(kind.ToString(), record.Kind.ToString());
        }
    }
}
