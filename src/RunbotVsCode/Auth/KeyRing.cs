using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RunbotVsCode.Auth;

/// <summary>
/// The keys that sign and verify access tokens and tickets. Signing always uses the current secret
/// (runbot's <c>database.secret</c>); extra secrets, for rotation, only verify. Replacing the current
/// secret drops its keys, so every value it signed stops verifying unless it is also an extra secret.
/// </summary>
/// <remarks>Thread safe: <see cref="UpdateCurrentSecret"/> swaps an immutable key set that readers pick up whole.</remarks>
public sealed partial class KeyRing
{
    /// <summary>The minimum length of a secret; Odoo's <c>database.secret</c> is a 36-character UUID.</summary>
    public const int MinSecretLength = 16;

    private readonly ILogger<KeyRing> logger;
    private readonly KeyMaterial[] verificationOnlyKeys;
    private KeyMaterial current;

    /// <summary>Creates a key ring that signs with <paramref name="currentSecret"/> and verifies with it alone.</summary>
    public KeyRing(string currentSecret)
        : this(currentSecret, [], NullLogger<KeyRing>.Instance)
    {
    }

    /// <summary>Creates a key ring.</summary>
    /// <param name="currentSecret">The secret that signs, runbot's <c>database.secret</c>.</param>
    /// <param name="verificationSecrets">Extra secrets whose values still verify, such as a previous <c>database.secret</c>.</param>
    /// <param name="logger">The logger for key changes; it receives key ids, never secrets.</param>
    /// <exception cref="ArgumentException">A secret is empty, blank or shorter than <see cref="MinSecretLength"/>.</exception>
    public KeyRing(string currentSecret, IEnumerable<string> verificationSecrets, ILogger<KeyRing> logger)
    {
        ValidateSecret(currentSecret, nameof(currentSecret));
        ArgumentNullException.ThrowIfNull(verificationSecrets);
        ArgumentNullException.ThrowIfNull(logger);

        this.logger = logger;
        current = KeyMaterial.Derive(currentSecret);
        verificationOnlyKeys = DeriveVerificationKeys(verificationSecrets);
        Log.KeyRingCreated(logger, current.KeyId, VerificationKeyIds.Count);
    }

    /// <summary>Gets the id of the key that signs, 8 lowercase hex digits.</summary>
    public string CurrentKeyId => Volatile.Read(ref current).KeyId;

    /// <summary>Gets the ids of the verification-only keys, in configuration order.</summary>
    public IReadOnlyList<string> VerificationKeyIds => Array.ConvertAll(verificationOnlyKeys, key => key.KeyId);

    /// <summary>
    /// Replaces the secret that signs, for instance after <c>database.secret</c> was reloaded. Values signed
    /// with the previous secret stop verifying at once, unless that secret is also a verification secret.
    /// </summary>
    /// <returns>True when the secret changed; false when it is the one already in use.</returns>
    /// <exception cref="ArgumentException">The secret is empty, blank or shorter than <see cref="MinSecretLength"/>.</exception>
    public bool UpdateCurrentSecret(string secret)
    {
        ValidateSecret(secret, nameof(secret));

        var next = KeyMaterial.Derive(secret);
        var previous = Interlocked.Exchange(ref current, next);
        if (previous.HasSameKeys(next))
        {
            return false;
        }

        Log.CurrentKeyChanged(logger, previous.KeyId, next.KeyId);
        return true;
    }

    /// <summary>Returns the keys that sign new values.</summary>
    internal KeyMaterial GetSigningKeys() => Volatile.Read(ref current);

    /// <summary>Checks a MAC against every key with the given key id: the current key first, then the verification-only keys.</summary>
    internal MacCheck CheckMac(SignedValuePurpose purpose, in ParsedSignedValue value)
    {
        var known = false;
        var signing = Volatile.Read(ref current);
        if (signing.KeyId == value.KeyId)
        {
            known = true;
            if (SignedValueMac.Matches(signing.GetKey(purpose), value.Payload, value.Mac))
            {
                return MacCheck.Match;
            }
        }

        foreach (var keys in verificationOnlyKeys)
        {
            if (keys.KeyId != value.KeyId)
            {
                continue;
            }

            known = true;
            if (SignedValueMac.Matches(keys.GetKey(purpose), value.Payload, value.Mac))
            {
                return MacCheck.Match;
            }
        }

        return known ? MacCheck.Mismatch : MacCheck.UnknownKey;
    }

    private static KeyMaterial[] DeriveVerificationKeys(IEnumerable<string> secrets)
    {
        var keys = new List<KeyMaterial>();
        var index = 0;
        foreach (var secret in secrets)
        {
            ValidateSecret(secret, $"verificationSecrets[{index}]");
            var derived = KeyMaterial.Derive(secret);
            // A secret equal to the current one is kept, so its values still verify after the current secret changes.
            if (!keys.Exists(derived.HasSameKeys))
            {
                keys.Add(derived);
            }

            index++;
        }

        return [.. keys];
    }

    private static void ValidateSecret(string secret, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret, parameterName);
        if (secret.Length < MinSecretLength)
        {
            throw new ArgumentException(
                $"The secret is {secret.Length} characters long; at least {MinSecretLength} are required.", parameterName);
        }
    }
}
