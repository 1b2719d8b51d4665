using JobRec.Client;
using JobRec.Contracts.Security;

namespace JobRec.Cli.Commands;

/// <summary>A cluster's link security from the environment, read by the commands that run a silo or connect to one: JOBREC_TLS_CERT,
/// JOBREC_TLS_KEY and JOBREC_TLS_CA (PEM files: this node's certificate and key, the cluster's authority; all three or none) and
/// JOBREC_OPERATOR_KEY (the key for the grains' internal methods: bulk ingest through a gateway), JOBREC_USER_TOKEN_KEY (signing key of
/// the HTTP API's per-user bearer tokens), JOBREC_API_KEY (the HTTP API's operator key, where no --api-key option is given).</summary>
internal static class ClusterSecuritySettings
{
    /// <summary>The operator key, or null.</summary>
    public static string? OperatorKey => HostSettings.Read("JOBREC_OPERATOR_KEY");

    /// <summary>Per-user bearer tokens of the HTTP API signed with JOBREC_USER_TOKEN_KEY, or null when it is unset.</summary>
    public static JobRec.Silo.Hosting.UserTokenOptions? UserTokens =>
        HostSettings.Read("JOBREC_USER_TOKEN_KEY") is { } key ? new JobRec.Silo.Hosting.UserTokenOptions { SigningKey = key } : null;

    /// <summary>The TLS files, or null when none is set; throws <see cref="ArgumentException"/> when only some are.</summary>
    public static ClusterTlsOptions? Tls
    {
        get
        {
            var cert = HostSettings.Read("JOBREC_TLS_CERT");
            var key = HostSettings.Read("JOBREC_TLS_KEY");
            var ca = HostSettings.Read("JOBREC_TLS_CA");
            if (cert is null && key is null && ca is null)
            {
                return null;
            }

            if (cert is null || key is null || ca is null)
            {
                throw new ArgumentException("TLS needs all three of JOBREC_TLS_CERT, JOBREC_TLS_KEY and JOBREC_TLS_CA (or none)");
            }

            return new ClusterTlsOptions { CertificatePath = cert, KeyPath = key, AuthorityPath = ca };
        }
    }

    /// <summary>Applies the operator key and TLS to a client's options.</summary>
    public static void Configure(ClientOptions options)
    {
        options.OperatorKey = OperatorKey;
        options.Tls = Tls;
    }
}
