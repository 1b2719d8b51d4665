using System.Security.Cryptography.X509Certificates;

namespace JobRec.Contracts.Security;

/// <summary>TLS with mutual certificate authentication on a cluster's Orleans links (silo to silo, client to gateway): each side presents
/// the certificate in <see cref="CertificatePath"/> and accepts a peer only when the peer's certificate chains to the authority in
/// <see cref="AuthorityPath"/> (the cluster's own CA; host names are not checked, silos are known by address). PEM files, as
/// <c>deploy/cluster-local.sh</c> makes them with openssl.</summary>
public sealed record ClusterTlsOptions
{
    /// <summary>This node's certificate (PEM); it must allow both server and client authentication (or name no extended key usage).</summary>
    public required string CertificatePath { get; init; }

    /// <summary>The certificate's private key (PEM).</summary>
    public required string KeyPath { get; init; }

    /// <summary>The cluster's certificate authority (PEM): the only issuer whose certificates a peer may present.</summary>
    public required string AuthorityPath { get; init; }

    /// <summary>Loads this node's certificate with its key; throws <see cref="FileNotFoundException"/> or
    /// <see cref="InvalidDataException"/> naming the file.</summary>
    public X509Certificate2 LoadCertificate()
    {
        Require(CertificatePath, "certificate");
        Require(KeyPath, "key");
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
            // Exported and re-imported: SslStream needs a key it can use outside this PEM load on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidDataException($"TLS certificate '{CertificatePath}' with key '{KeyPath}': {e.Message}", e);
        }
    }

    /// <summary>Loads the authority's certificate; throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> naming the file.</summary>
    public X509Certificate2 LoadAuthority()
    {
        Require(AuthorityPath, "authority");
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(AuthorityPath);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidDataException($"TLS authority '{AuthorityPath}': {e.Message}", e);
        }
    }

    /// <summary>Whether <paramref name="peer"/> chains to <paramref name="authority"/> alone (system roots are not trusted; revocation is not
    /// checked: the authority is the cluster's own, rotate it to revoke).</summary>
    public static bool IsIssuedBy(X509Certificate2? peer, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (peer is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        if (!chain.Build(peer))
        {
            return false;
        }

        var root = chain.ChainElements[^1].Certificate;
        return root.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }

    private static void Require(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new FileNotFoundException($"TLS {what} file '{path}' does not exist", path);
        }
    }
}
