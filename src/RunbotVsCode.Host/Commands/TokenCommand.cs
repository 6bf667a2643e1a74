using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbotVsCode.Auth;

namespace RunbotVsCode.Host.Commands;

/// <summary><c>runbot-vscode token issue|verify</c>: tokens for admins and scripts, signed with runbot's <c>database.secret</c>.</summary>
internal static class TokenCommand
{
    /// <summary>The exit code when a token is rejected.</summary>
    public const int RejectedExitCode = 3;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("token", "Issue or verify the access tokens the per-build cookie carries.");
        command.Subcommands.Add(CreateIssue());
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateIssue()
    {
        var build = new Option<long>("--build") { Description = "The build id the token opens.", Required = true };
        var user = new Option<long>("--user") { Description = "The runbot user id (res_users.id) the token names.", Required = true };
        var ttl = new Option<TimeSpan?>("--ttl") { Description = "How long the token is accepted, as hh:mm:ss or d.hh:mm:ss. Default: Auth:TokenTtl." };
        var command = new Command("issue", "Print a token for a build and user. It is not checked that the user may open VS Code; auth_check checks that on use.")
        {
            build,
            user,
            ttl,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => IssueAsync(parseResult, parseResult.GetValue(build), parseResult.GetValue(user), parseResult.GetValue(ttl), cancellationToken));
        return command;
    }

    private static Command CreateVerify()
    {
        var token = new Argument<string>("token") { Description = "The token, as found in the cookie." };
        var build = new Option<long>("--build") { Description = "The build the token is presented to.", Required = true };
        var command = new Command("verify", $"Print whether a token opens a build, and why. Exit codes: 0 valid, {RejectedExitCode} rejected.")
        {
            token,
            build,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => VerifyAsync(parseResult, parseResult.GetValue(token)!, parseResult.GetValue(build), cancellationToken));
        return command;
    }

    private static async Task<int> IssueAsync(ParseResult parseResult, long buildId, long userId, TimeSpan? ttl, CancellationToken cancellationToken)
    {
        using var host = CommandHost.Build(parseResult);
        if (await LoadCodecsAsync(host.Services, cancellationToken) is not { } codecs)
        {
            return 1;
        }

        var lifetime = ttl ?? host.Services.GetRequiredService<IOptions<AuthOptions>>().Value.TokenTtl;
        try
        {
            Console.Out.WriteLine(codecs.Tokens.Issue(buildId, userId, lifetime));
        }
        catch (ArgumentOutOfRangeException exception)
        {
            Console.Error.WriteLine($"token issue: invalid value: {exception.Message}");
            return 1;
        }

        Console.Error.WriteLine($"token issue: issued for build {buildId}, user {userId}, key {codecs.KeyRing.CurrentKeyId}, valid for {lifetime}.");
        return 0;
    }

    private static async Task<int> VerifyAsync(ParseResult parseResult, string token, long buildId, CancellationToken cancellationToken)
    {
        using var host = CommandHost.Build(parseResult);
        if (await LoadCodecsAsync(host.Services, cancellationToken) is not { } codecs)
        {
            return 1;
        }

        var result = codecs.Tokens.Verify(token, buildId);
        var claims = result.Claims is { } found
            ? string.Create(CultureInfo.InvariantCulture, $" (build {found.BuildId}, user {found.UserId}, key {found.KeyId}, expires {found.ExpiresAt:u})")
            : "";
        Console.Out.WriteLine($"{result.Status}: {result.Reason}{claims}");
        return result.IsValid ? 0 : RejectedExitCode;
    }

    private static async Task<AccessCodecs?> LoadCodecsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            CommandHost.ValidateSettings(services);
            return await services.GetRequiredService<KeyRingSource>().GetAsync(cancellationToken);
        }
        catch (Exception exception) when (CommandHost.IsSettingsError(exception))
        {
            CommandHost.ReportInvalidSettings(exception);
            return null;
        }
        catch (AccessUnavailableException exception)
        {
            Console.Error.WriteLine($"token: {exception.Message}");
            return null;
        }
    }
}
