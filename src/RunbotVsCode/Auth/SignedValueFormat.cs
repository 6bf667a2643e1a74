using System.Globalization;

namespace RunbotVsCode.Auth;

/// <summary>
/// The text layout shared by access tokens and tickets, described in <c>docs/token-format.md</c>:
/// <c>v1.&lt;key id&gt;.&lt;build id&gt;.&lt;user id&gt;.&lt;expiry&gt;[.&lt;nonce&gt;].&lt;mac&gt;</c>.
/// </summary>
internal static class SignedValueFormat
{
    /// <summary>The version literal that starts every value.</summary>
    public const string Version = "v1";

    /// <summary>The maximum length of a value; longer input is rejected before any other work.</summary>
    public const int MaxLength = 256;

    /// <summary>The length of a key id: 8 lowercase hex digits.</summary>
    public const int KeyIdLength = 8;

    /// <summary>The maximum number of digits of a build id, a user id or an expiry.</summary>
    public const int MaxDigits = 10;

    /// <summary>The largest build or user id: PostgreSQL's <c>integer</c>, the type of Odoo's <c>id</c> columns.</summary>
    public const long MaxId = int.MaxValue;

    /// <summary>The largest expiry, in seconds since the Unix epoch (10 digits, in the year 2286).</summary>
    public const long MaxExpiryUnixSeconds = 9_999_999_999;

    /// <summary>The number of random bytes in a ticket's nonce.</summary>
    public const int NonceByteCount = 16;

    /// <summary>The length of a nonce in base64url without padding.</summary>
    public const int NonceLength = 22;

    /// <summary>The length of an HMAC-SHA256 in base64url without padding.</summary>
    public const int MacLength = 43;

    private const char Separator = '.';

    /// <summary>Returns how many dot-separated fields a value of the given purpose has.</summary>
    public static int FieldCount(SignedValuePurpose purpose) => purpose == SignedValuePurpose.Ticket ? 7 : 6;

    /// <summary>Formats the signed part of a value: every field but the MAC.</summary>
    public static string FormatPayload(string keyId, long buildId, long userId, long expiresAtUnixSeconds, string? nonce)
    {
        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $"{Version}{Separator}{keyId}{Separator}{buildId}{Separator}{userId}{Separator}{expiresAtUnixSeconds}");

        return nonce is null ? payload : payload + Separator + nonce;
    }

    /// <summary>Joins a payload and its MAC into the full value.</summary>
    public static string Join(string payload, string mac) => payload + Separator + mac;

    /// <summary>
    /// Parses a value strictly: exact field count, version literal, ASCII digits without sign or leading zero,
    /// bounded lengths, and base64url nonce and MAC of exact length. The MAC itself is not checked here.
    /// </summary>
    /// <param name="text">The value, at most <see cref="MaxLength"/> characters.</param>
    /// <param name="purpose">Whether the value must have the token's or the ticket's fields.</param>
    /// <param name="value">The parsed fields when the layout is valid.</param>
    /// <param name="failure">Why the layout is invalid, safe to log because it never contains the input.</param>
    public static bool TryParse(string text, SignedValuePurpose purpose, out ParsedSignedValue value, out string failure)
    {
        value = default;
        if (text.Length > MaxLength)
        {
            failure = $"The value is longer than {MaxLength} characters.";
            return false;
        }

        var expectedFields = FieldCount(purpose);
        Span<Range> fields = stackalloc Range[expectedFields + 1];
        var fieldCount = text.AsSpan().Split(fields, Separator);
        if (fieldCount != expectedFields)
        {
            failure = $"The value does not have exactly {expectedFields} dot-separated fields.";
            return false;
        }

        return TryParseFields(text, fields[..expectedFields], out value, out failure);
    }

    private static bool TryParseFields(string text, ReadOnlySpan<Range> fields, out ParsedSignedValue value, out string failure)
    {
        value = default;
        var span = text.AsSpan();
        if (!span[fields[0]].SequenceEqual(Version))
        {
            failure = $"The version field is not '{Version}'.";
            return false;
        }

        var keyId = span[fields[1]];
        if (keyId.Length != KeyIdLength || !IsLowerHex(keyId))
        {
            failure = $"The key id is not {KeyIdLength} lowercase hex digits.";
            return false;
        }

        if (!TryParsePositive(span[fields[2]], MaxId, out var buildId))
        {
            failure = $"The build id is not a decimal number from 1 to {MaxId} without sign or leading zero.";
            return false;
        }

        if (!TryParsePositive(span[fields[3]], MaxId, out var userId))
        {
            failure = $"The user id is not a decimal number from 1 to {MaxId} without sign or leading zero.";
            return false;
        }

        if (!TryParsePositive(span[fields[4]], MaxExpiryUnixSeconds, out var expiry))
        {
            failure = $"The expiry is not a decimal number of 1 to {MaxDigits} digits without sign or leading zero.";
            return false;
        }

        string? nonce = null;
        if (fields.Length == 7)
        {
            var nonceField = span[fields[5]];
            if (nonceField.Length != NonceLength || !IsBase64Url(nonceField))
            {
                failure = $"The nonce is not {NonceLength} base64url characters.";
                return false;
            }

            nonce = nonceField.ToString();
        }

        var mac = span[fields[^1]];
        if (mac.Length != MacLength || !IsBase64Url(mac))
        {
            failure = $"The MAC is not {MacLength} base64url characters.";
            return false;
        }

        failure = string.Empty;
        value = new ParsedSignedValue(text, keyId.ToString(), buildId, userId, expiry, nonce, fields[^1].Start.Value - 1);
        return true;
    }

    /// <summary>Parses 1 to <see cref="MaxDigits"/> ASCII digits, the first one not zero, up to <paramref name="max"/>.</summary>
    private static bool TryParsePositive(ReadOnlySpan<char> field, long max, out long value)
    {
        value = 0;
        if (field.Length is 0 or > MaxDigits || field[0] == '0')
        {
            return false;
        }

        foreach (var c in field)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> field)
    {
        foreach (var c in field)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBase64Url(ReadOnlySpan<char> field)
    {
        foreach (var c in field)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
