using JobRec.OrleansExtensions.Storage;
using Orleans.Storage;

namespace JobRec.OrleansExtensions.Tests.Storage;

public sealed class MemoryGrainStorageTests : GrainStorageContract
{
    protected override IGrainStorage Storage { get; } = new InMemoryGrainStorage();
}
