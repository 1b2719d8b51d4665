using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobRec.Silo.Hosting;

/// <summary>Per-user bearer tokens on the HTTP API: HMAC-SHA256 signed JWTs whose "sub" claim is a user id. A request with a valid token
/// may act only on that user (its profile, interactions and recommendations) and read the public catalogue (jobs, similar jobs, search,
/// ask); everything else needs the API key (operator scope). Tokens are minted with <see cref="Issue"/> (<c>jobrec user-token</c>) by
/// whoever holds the signing key, e.g. the site's login service.</summary>
public sealed record UserTokenOptions
{
    /// <summary>Smallest signing key in bytes (HMAC-SHA256 wants at least its 256-bit output).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The shared signing key (UTF-8, at least <see cref="MinKeyBytes"/> bytes); from configuration, never from a request.</summary>
    public required string SigningKey { get; init; }

    /// <summary>The issuer a token must name ("iss").</summary>
    public string Issuer { get; init; } = "jobrec";

    /// <summary>The audience a token must name ("aud").</summary>
    public string Audience { get; init; } = "jobrec-api";

    /// <summary>The signing key; throws <see cref="ArgumentException"/> when it is shorter than <see cref="MinKeyBytes"/>.</summary>
    public SymmetricSecurityKey Key()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey ?? "");
        if (bytes.Length < MinKeyBytes)
        {
            throw new ArgumentException($"user token signing key is {bytes.Length} bytes; at least {MinKeyBytes} required (e.g. openssl rand -hex 32)");
        }

        return new SymmetricSecurityKey(bytes);
    }

    /// <summary>How a token is checked: signature, issuer, audience, lifetime (30 s clock skew), a "sub" claim.</summary>
    public TokenValidationParameters Validation() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Sub,
    };

    /// <summary>A token for <paramref name="userId"/> valid for <paramref name="lifetime"/> from <paramref name="now"/> (default: the clock).</summary>
    public string Issue(string userId, TimeSpan lifetime, DateTimeOffset? now = null)
    {
        JobRec.Contracts.RequestValidation.Id("userId", userId);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "a token lifetime must be positive");
        }

        var start = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = start,
            NotBefore = start,
            Expires = start + lifetime,
            SigningCredentials = new SigningCredentials(Key(), SecurityAlgorithms.HmacSha256),
        });
    }
}
