using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using JobRec.Client;
using JobRec.Contracts.Benchmarks;
using JobRec.Contracts.Security;
using JobRec.ML.Recommenders;
using JobRec.Silo.Extensions;
using JobRec.Silo.Hosting;
using JobRec.ML.Text;

namespace JobRec.IntegrationTests.Serving;

/// <summary>TLS with client certificates on the gateway: a silo off loopback refuses to start without it; with it, only clients holding a
/// certificate of the cluster's authority get through.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("jobrec-tls-").FullName;

    [Fact]
    public void A_silo_off_loopback_without_tls_refuses_to_start_naming_the_setting()
    {
        var ex = Assert.Throws<ArgumentException>(() => ServingHost.Build(Options("10.11.12.13", 0, tls: null)));
        Assert.Contains("10.11.12.13 is not loopback", ex.Message);
        Assert.Contains("JOBREC_TLS_CERT", ex.Message);
    }

    [Fact]
    public async Task A_tls_gateway_admits_only_clients_with_a_certificate_of_the_cluster_authority()
    {
        var cluster = Authority("jobrec-test-ca", "cluster");
        var stranger = Authority("stranger-ca", "stranger");
        var gatewayPort = FreePort.Next();
        await using var app = ServingHost.Build(Options("127.0.0.1", gatewayPort, cluster));
        await app.StartAsync();
        try
        {
            await using (var trusted = await JobRecClient.ConnectAsync($"127.0.0.1:{gatewayPort}", o => { o.Tls = cluster; o.ConnectAttempts = 1; }))
            {
                Assert.Equal(42, await trusted.GetGrain<IPingGrain>("tls").Ping(41));
            }

            await Assert.ThrowsAsync<GatewayUnavailableException>(() =>
                JobRecClient.ConnectAsync($"127.0.0.1:{gatewayPort}", o => { o.ConnectAttempts = 1; o.ResponseTimeout = TimeSpan.FromSeconds(5); }));
            await Assert.ThrowsAsync<GatewayUnavailableException>(() =>
                JobRecClient.ConnectAsync($"127.0.0.1:{gatewayPort}", o => { o.Tls = stranger with { AuthorityPath = cluster.AuthorityPath }; o.ConnectAttempts = 1; o.ResponseTimeout = TimeSpan.FromSeconds(5); }));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void Only_certificates_issued_by_the_authority_are_trusted()
    {
        var cluster = Authority("jobrec-test-ca", "cluster");
        var stranger = Authority("stranger-ca", "stranger");
        var authority = cluster.LoadAuthority();
        Assert.True(ClusterTlsOptions.IsIssuedBy(cluster.LoadCertificate(), authority));
        Assert.False(ClusterTlsOptions.IsIssuedBy(stranger.LoadCertificate(), authority));
        Assert.False(ClusterTlsOptions.IsIssuedBy(null, authority));
        var missing = Assert.Throws<FileNotFoundException>(() => (cluster with { KeyPath = Path.Combine(_dir, "none.key") }).LoadCertificate());
        Assert.Contains("none.key", missing.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ServingHostOptions Options(string address, int gatewayPort, ClusterTlsOptions? tls) => new()
    {
        DataDirectory = _dir,
        HttpUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}"),
        Address = address,
        GatewayPort = gatewayPort,
        InMemoryState = true,
        Dashboard = false,
        Metrics = false,
        Tls = tls,
        Encoder = new HashedTextEncoder(64),
    };

    /// <summary>A throwaway authority and one node certificate it issued (server and client use), as PEM files.</summary>
    private ClusterTlsOptions Authority(string caName, string node)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest($"CN={node}", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var leaf = nodeRequest.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));

        var options = new ClusterTlsOptions
        {
            CertificatePath = Path.Combine(_dir, node + ".crt"),
            KeyPath = Path.Combine(_dir, node + ".key"),
            AuthorityPath = Path.Combine(_dir, node + "-ca.crt"),
        };
        File.WriteAllText(options.CertificatePath, leaf.ExportCertificatePem());
        File.WriteAllText(options.KeyPath, nodeKey.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(options.AuthorityPath, ca.ExportCertificatePem());
        return options;
    }
}
