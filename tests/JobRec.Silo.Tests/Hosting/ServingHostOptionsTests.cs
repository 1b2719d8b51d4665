using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using JobRec.ML.Text;

namespace JobRec.Silo.Tests.Hosting;

public sealed class ServingHostOptionsTests
{
    private static readonly ServingHostOptions Defaults = new() { Encoder = new HashedTextEncoder(16) };

    [Fact]
    public void The_host_binds_loopback_by_default()
    {
        Assert.Equal("127.0.0.1", Defaults.HttpUrl.Host);
        Assert.Equal("127.0.0.1", Defaults.Address);
    }

    [Fact]
    public void Allowed_hosts_default_to_loopback_names_plus_the_url_host_but_never_a_wildcard()
    {
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], Defaults.EffectiveAllowedHosts);
        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "10.0.0.5"], (Defaults with { HttpUrl = new Uri("http://10.0.0.5:8080") }).EffectiveAllowedHosts);
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], (Defaults with { HttpUrl = new Uri("http://0.0.0.0:8080") }).EffectiveAllowedHosts);
        Assert.Equal(["jobs.example"], (Defaults with { AllowedHosts = ["jobs.example"] }).EffectiveAllowedHosts);
    }

    [Fact]
    public void An_http_url_whose_host_is_not_an_ip_address_is_refused_naming_the_url()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jobrec-silo-options-" + Guid.NewGuid().ToString("N"));
        try
        {
            var e = Assert.Throws<FormatException>(() => ServingHost.Build(Defaults with { HttpUrl = new Uri("http://jobs.example:5080"), DataDirectory = dir, InMemoryState = true }));
            Assert.Contains("http://jobs.example:5080", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
