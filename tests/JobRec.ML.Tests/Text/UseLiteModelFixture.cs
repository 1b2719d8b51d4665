using JobRec.ML.Text.UseLite;

namespace JobRec.ML.Tests.Text;

/// <summary>Loads the USE-Lite encoder once per test class that needs it.</summary>
public sealed class UseLiteModelFixture
{
    public UseLiteEncoder Encoder { get; } = UseLiteEncoder.Load();
}
