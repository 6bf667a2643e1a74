using System.Security.Cryptography;
using System.Text;

namespace RunbotVsCode.Auth;

/// <summary>The keys derived from one secret: a public key id and one HMAC key per purpose.</summary>
internal sealed class KeyMaterial
{
    private const string KeyIdLabel = "runbot-vscode/key-id/v1";
    private const string TokenLabel = "runbot-vscode/token/v1";
    private const string TicketLabel = "runbot-vscode/ticket/v1";
    private const int KeyByteCount = 32;

    private readonly byte[] tokenKey;
    private readonly byte[] ticketKey;

    private KeyMaterial(string keyId, byte[] tokenKey, byte[] ticketKey)
    {
        KeyId = keyId;
        this.tokenKey = tokenKey;
        this.ticketKey = ticketKey;
    }

    /// <summary>Gets the key id: 8 lowercase hex digits derived from the secret, which they do not reveal.</summary>
    public string KeyId { get; }

    /// <summary>
    /// Derives the key id and the purpose keys from a secret with HKDF-SHA256, one info label each.
    /// The labels make the token and ticket keys independent, and the key id reveals nothing about either.
    /// </summary>
    public static KeyMaterial Derive(string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        try
        {
            var keyIdBytes = Derive(secretBytes, KeyIdLabel, SignedValueFormat.KeyIdLength / 2);
            var keyId = Convert.ToHexStringLower(keyIdBytes);

            return new KeyMaterial(keyId, Derive(secretBytes, TokenLabel, KeyByteCount), Derive(secretBytes, TicketLabel, KeyByteCount));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
        }
    }

    /// <summary>Returns the HMAC key for a purpose.</summary>
    public byte[] GetKey(SignedValuePurpose purpose) => purpose == SignedValuePurpose.Ticket ? ticketKey : tokenKey;

    /// <summary>Returns whether both were derived from the same secret.</summary>
    public bool HasSameKeys(KeyMaterial other) =>
        KeyId == other.KeyId && CryptographicOperations.FixedTimeEquals(tokenKey, other.tokenKey);

    private static byte[] Derive(byte[] secret, string label, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, length, salt: [], info: Encoding.ASCII.GetBytes(label));
}
