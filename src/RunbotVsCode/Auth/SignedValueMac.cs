using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RunbotVsCode.Auth;

/// <summary>HMAC-SHA256 over a value's payload, written and compared as base64url text without padding.</summary>
internal static class SignedValueMac
{
    private const int HashByteCount = 32;

    /// <summary>Computes the MAC of a payload as base64url text.</summary>
    public static string Compute(byte[] key, ReadOnlySpan<char> payload)
    {
        Span<byte> encoded = stackalloc byte[SignedValueFormat.MacLength];
        ComputeUtf8(key, payload, encoded);

        return Encoding.ASCII.GetString(encoded);
    }

    /// <summary>
    /// Returns whether <paramref name="mac"/> is the MAC of <paramref name="payload"/> under <paramref name="key"/>,
    /// comparing in constant time. Both spans must be ASCII, as <see cref="SignedValueFormat.TryParse"/> ensures.
    /// </summary>
    public static bool Matches(byte[] key, ReadOnlySpan<char> payload, ReadOnlySpan<char> mac)
    {
        if (mac.Length != SignedValueFormat.MacLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SignedValueFormat.MacLength];
        ComputeUtf8(key, payload, expected);

        Span<byte> presented = stackalloc byte[SignedValueFormat.MacLength];
        Encoding.ASCII.GetBytes(mac, presented);

        // The text, not the decoded bytes, is compared, so the one canonical encoding is the only one accepted.
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static void ComputeUtf8(byte[] key, ReadOnlySpan<char> payload, Span<byte> destination)
    {
        Span<byte> data = stackalloc byte[SignedValueFormat.MaxLength];
        var length = Encoding.ASCII.GetBytes(payload, data);

        Span<byte> hash = stackalloc byte[HashByteCount];
        HMACSHA256.HashData(key, data[..length], hash);
        Base64Url.EncodeToUtf8(hash, destination);
    }
}
