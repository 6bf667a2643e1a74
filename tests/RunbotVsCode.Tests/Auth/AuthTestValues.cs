using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace RunbotVsCode.Auth.Tests;

/// <summary>Secrets, clocks and hand-made signed values shared by the Auth tests.</summary>
internal static class AuthTestValues
{
    public const string Secret = "0f3c2a9e-5b7d-4e61-9a8b-2c4d6e8f0a1b";
    public const string OtherSecret = "7d1e4b2a-9c3f-4a58-b6e0-1f2a3b4c5d6e";
    public const string ThirdSecret = "c4a1f9e2-3b6d-4c87-a0e5-9d8c7b6a5f4e";

    /// <summary>A whole second, so expiries computed from it are exact.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider NewClock() => new(Start);

    /// <summary>Signs an arbitrary payload with the ring's current key for a purpose, as only the service could.</summary>
    public static string Sign(KeyRing keyRing, SignedValuePurpose purpose, string payload)
    {
        var key = keyRing.GetSigningKeys().GetKey(purpose);
        return payload + "." + SignedValueMac.Compute(key, payload);
    }

    /// <summary>Builds a payload from raw field texts, so tests can put any text in any field.</summary>
    public static string Payload(params string[] fields) => string.Join('.', fields);

    public static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
