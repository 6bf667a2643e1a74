using System.Globalization;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Auth;

/// <summary>Validates <see cref="AuthOptions"/>, collecting every failure with the full key and the value received.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    /// <summary>The shortest accepted <see cref="AuthOptions.TokenTtl"/>.</summary>
    public static readonly TimeSpan MinTokenTtl = TimeSpan.FromMinutes(1);

    /// <summary>The longest accepted <see cref="AuthOptions.UserCacheTtl"/>.</summary>
    public static readonly TimeSpan MaxUserCacheTtl = TimeSpan.FromHours(1);

    /// <summary>The longest accepted <see cref="AuthOptions.CookieName"/>.</summary>
    public const int MaxCookieNameLength = 64;

    private const string Prefix = AuthOptions.SectionName + ":";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        CheckRange(failures, nameof(AuthOptions.TokenTtl), options.TokenTtl, MinTokenTtl, AccessTokenCodec.MaxLifetime);
        CheckRange(failures, nameof(AuthOptions.TicketTtl), options.TicketTtl, AccessTokenCodec.MinLifetime, TicketCodec.MaxLifetime);
        CheckRange(failures, nameof(AuthOptions.UserCacheTtl), options.UserCacheTtl, TimeSpan.Zero, MaxUserCacheTtl);
        CheckRange(failures, nameof(AuthOptions.SecretRefreshInterval), options.SecretRefreshInterval, TimeSpan.FromSeconds(1), MaxUserCacheTtl);
        CheckCookieName(failures, options.CookieName);
        CheckSecrets(failures, options.ExtraVerificationSecrets);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(Format($"{Prefix}{key} must be from {min:c} to {max:c}; got '{value:c}'."));
        }
    }

    private static void CheckCookieName(List<string> failures, string? cookieName)
    {
        const string Key = Prefix + nameof(AuthOptions.CookieName);
        if (string.IsNullOrEmpty(cookieName))
        {
            failures.Add($"{Key} is missing; set a name such as '{AuthCookie.DefaultName}'.");
        }
        else if (!AuthCookie.IsValidName(cookieName))
        {
            failures.Add(Format(
                $"{Key} must be 1 to {MaxCookieNameLength} characters from [A-Za-z0-9_-] and must not start with '__'; got '{cookieName}'."));
        }
    }

    private static void CheckSecrets(List<string> failures, IList<string>? secrets)
    {
        if (secrets is null)
        {
            return;
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            var secret = secrets[i];
            if (string.IsNullOrWhiteSpace(secret) || secret.Length < KeyRing.MinSecretLength)
            {
                // The value is a secret, so only its length is reported.
                failures.Add(Format(
                    $"{Prefix}{nameof(AuthOptions.ExtraVerificationSecrets)}:{i} must be a non-blank secret of at least {KeyRing.MinSecretLength} characters; got {secret?.Length ?? 0} characters."));
            }
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
