using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Auth;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Pages;

/// <summary>
/// <c>GET /runbot/vscode/</c> on runbot's main site: for a logged-in internal user, the running builds of every host
/// whose VS Code can be opened, each with a button to the open route.
/// </summary>
public sealed class BuildListFlow
{
    private readonly SessionIdentity _identity;
    private readonly IRunbotReader _reader;
    private readonly RunbotDirectory _directory;
    private readonly RunbotOptions _runbot;
    private readonly RoutingOptions _routing;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes the flow.</summary>
    public BuildListFlow(SessionIdentity identity, IRunbotReader reader, RunbotDirectory directory, IOptions<RunbotOptions> runbot, IOptions<RoutingOptions> routing, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(runbot);
        ArgumentNullException.ThrowIfNull(routing);

        _identity = identity ?? throw new ArgumentNullException(nameof(identity));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _runbot = runbot.Value;
        _routing = routing.Value;
    }

    /// <summary>Handles the request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        try
        {
            if (await _identity.FindUserAsync(request, cancellationToken) is not { } user)
            {
                return Results.Redirect(SessionIdentity.LoginRedirect("/runbot/vscode/"));
            }

            if (!user.IsActiveInternal)
            {
                return ErrorPage.Result(request, PageKind.Forbidden, 0, null);
            }

            var snapshot = await _reader.ReadAllHostsAsync(_runbot.CodeServerLayerXmlId, cancellationToken);
            var settings = RouteSettings.Resolve(_routing, await _directory.ReadParametersAsync(RunbotReader.ParameterKeys, cancellationToken));
            var openable = snapshot.Builds
                .Where(build => build.HasCodeServerLayer && RouteBuilder.CheckServerName(build, settings, out _) is null)
                .ToList();

            var html = BuildListPage.Render(openable, PageLanguage.Pick(request), user.Login, _timeProvider.GetUtcNow().UtcDateTime);
            return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8);
        }
        catch (Exception exception) when (exception is AccessUnavailableException or NpgsqlException or InvalidRouteSettingsException)
        {
            return ErrorPage.Result(request, PageKind.Unavailable, 0, null);
        }
    }
}
