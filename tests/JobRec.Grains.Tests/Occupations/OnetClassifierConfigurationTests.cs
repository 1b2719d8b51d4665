using JobRec.Grains.Occupations;

namespace JobRec.Grains.Tests.Occupations;

public sealed class OnetClassifierConfigurationTests
{
    [Fact]
    public void Nothing_configured_gives_no_classifier_and_loads_no_encoder()
    {
        // An unknown encoder name would throw if the encoder were created; with neither a model nor a folder it is never read.
        var variables = new Dictionary<string, string?> { [OnetClassifierConfiguration.EncoderVariable] = "no-such-encoder" };
        Assert.Null(OnetClassifierConfiguration.From(v => variables.GetValueOrDefault(v)));
    }

    [Fact]
    public void Unknown_encoder_name_is_named_with_its_variable()
    {
        var variables = new Dictionary<string, string?>
        {
            [OnetClassifierConfiguration.DirectoryVariable] = "/no/such/onet",
            [OnetClassifierConfiguration.EncoderVariable] = "bert-huge",
        };
        var error = Assert.Throws<ArgumentException>(() => OnetClassifierConfiguration.From(v => variables.GetValueOrDefault(v)));
        Assert.Contains($"{OnetClassifierConfiguration.EncoderVariable}='bert-huge'", error.Message);
        Assert.Contains("minilm", error.Message);
    }
}
