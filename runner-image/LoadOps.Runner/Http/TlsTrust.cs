using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoadOps.Core.Definitions;

namespace LoadOps.Runner.Http;

/// <summary>
/// Which certificates a shard's https target may present (<c>target.tls</c>), the same for both clients: the system's
/// trust store; or besides it the authorities of a PEM file (a chain built with them as custom roots, the host name
/// still checked); or, when the definition insists and the policy allowed it, anything.
/// </summary>
internal sealed class TlsTrust
{
    private readonly X509Certificate2Collection? _authorities;

    private TlsTrust(X509Certificate2Collection? authorities, bool insecure)
    {
        _authorities = authorities;
        Insecure = insecure;
    }

    public static TlsTrust System { get; } = new(null, false);

    public bool Insecure { get; }

    /// <summary>Reads the CA file (absolute, or relative to the working directory); a problem is added to <paramref name="errors"/>.</summary>
    public static TlsTrust From(TlsSpec? spec, List<string> errors)
    {
        if (spec is null)
            return System;
        X509Certificate2Collection? authorities = null;
        if (spec.CaFile is { } file)
        {
            try
            {
                authorities = [];
                authorities.ImportFromPemFile(Path.GetFullPath(file));
                if (authorities.Count == 0)
                    errors.Add($"target.tls.caFile '{file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                errors.Add($"target.tls.caFile '{file}' cannot be read on this runner: {e.Message}; put the PEM file there or give an absolute path");
            }
        }
        return new TlsTrust(authorities, spec.InsecureSkipVerify);
    }

    /// <summary>The handshake options for <paramref name="host"/> (SNI and the name checked), or without a host for HttpClient, which sets it per request.</summary>
    public SslClientAuthenticationOptions Options(string? host) => new()
    {
        TargetHost = host,
        RemoteCertificateValidationCallback = _authorities is null && !Insecure ? null : Validate,
    };

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (Insecure || errors == SslPolicyErrors.None)
            return true;
        if (_authorities is null || certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var presented = new X509Certificate2(certificate);
        return custom.Build(presented);
    }
}
