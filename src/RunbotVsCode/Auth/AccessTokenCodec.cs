namespace RunbotVsCode.Auth;

/// <summary>
/// Issues and verifies access tokens, the values carried in the cookie of a build's VS Code host and checked
/// on every request. The format is described in <c>docs/token-format.md</c>.
/// </summary>
public sealed class AccessTokenCodec
{
    /// <summary>The shortest lifetime <see cref="Issue"/> accepts.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromSeconds(1);

    /// <summary>The longest lifetime <see cref="Issue"/> accepts.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(30);

    private readonly SignedValueCodec codec;

    /// <summary>Creates a codec that signs with the key ring's current key and reads time from <paramref name="timeProvider"/>.</summary>
    public AccessTokenCodec(KeyRing keyRing, TimeProvider timeProvider)
    {
        codec = new SignedValueCodec(keyRing, timeProvider, SignedValuePurpose.Token);
    }

    /// <summary>Issues a token that grants <paramref name="userId"/> access to <paramref name="buildId"/>.</summary>
    /// <param name="buildId">The build id, from 1 to 2147483647.</param>
    /// <param name="userId">The runbot user id (<c>res_users.id</c>), from 1 to 2147483647.</param>
    /// <param name="lifetime">How long the token is accepted, from <see cref="MinLifetime"/> to <see cref="MaxLifetime"/>.</param>
    /// <returns>The token, at most 88 ASCII characters from <c>[A-Za-z0-9._-]</c>, usable as a cookie value as is.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id or the lifetime is out of range.</exception>
    public string Issue(long buildId, long userId, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, MinLifetime);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lifetime, MaxLifetime);

        return codec.Issue(buildId, userId, lifetime, nonce: null);
    }

    /// <summary>Verifies a token for a request to <paramref name="buildId"/>'s VS Code host.</summary>
    /// <param name="token">The token as presented, or null when there was none.</param>
    /// <param name="buildId">The build the request is for; a token for another build is <see cref="VerificationStatus.WrongBuild"/>.</param>
    public VerificationResult Verify(string? token, long buildId) => codec.Verify(token, buildId, out _);

    /// <summary>
    /// Verifies each candidate, such as every value of a cookie sent more than once, and returns the first valid
    /// result. When none is valid it returns the first failure whose MAC matched (an expired or other-build token
    /// of the user), else the first failure, else <see cref="VerificationStatus.Missing"/> for an empty list.
    /// A forged duplicate thus neither blocks the real token nor passes itself.
    /// </summary>
    public VerificationResult VerifyAny(IReadOnlyList<string> tokens, long buildId)
    {
        ArgumentNullException.ThrowIfNull(tokens);

        VerificationResult? firstFailure = null;
        VerificationResult? firstAuthenticFailure = null;
        foreach (var token in tokens)
        {
            var result = Verify(token, buildId);
            if (result.IsValid)
            {
                return result;
            }

            firstFailure ??= result;
            if (result.Claims is not null)
            {
                firstAuthenticFailure ??= result;
            }
        }

        return firstAuthenticFailure ?? firstFailure ?? Verify(null, buildId);
    }
}
