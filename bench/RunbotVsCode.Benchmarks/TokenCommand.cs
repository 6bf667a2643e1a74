using System.Globalization;
using RunbotVsCode.Auth;

namespace RunbotVsCode.Benchmarks;

/// <summary>Issues an access token signed with the sample database's secret, as the exchange does after a login.</summary>
internal static class TokenCommand
{
    /// <summary>The <c>database.secret</c> of <c>samples/runbot-schema.sql</c>.</summary>
    public const string SampleSecret = "5f0c6f1e-2b7d-4c59-9a3e-0d5b2f8c9e11";

    /// <summary>Prints a token for <paramref name="build"/> and <paramref name="user"/>, valid for one hour.</summary>
    public static int Run(string build, string user)
    {
        if (!long.TryParse(build, NumberStyles.None, CultureInfo.InvariantCulture, out var buildId)
            || !long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            Console.Error.WriteLine($"Build '{build}' or user '{user}' is not a positive integer.");
            return 2;
        }

        var codec = new AccessTokenCodec(new KeyRing(SampleSecret), TimeProvider.System);
        Console.WriteLine(codec.Issue(buildId, userId, TimeSpan.FromHours(1)));
        return 0;
    }
}
