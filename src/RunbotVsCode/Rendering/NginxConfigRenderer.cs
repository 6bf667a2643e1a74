using RunbotVsCode.Routing;
using Scriban.Runtime;

namespace RunbotVsCode.Rendering;

/// <summary>Renders the nginx include file from its template.</summary>
public sealed class NginxConfigRenderer
{
    /// <summary>The template's path relative to the service's folder when no other is set.</summary>
    public const string DefaultTemplatePath = "templates/nginx/vscode.conf.scriban";

    private readonly TemplateFile _template;

    /// <summary>Initializes the renderer with a parsed template.</summary>
    public NginxConfigRenderer(TemplateFile template)
    {
        ArgumentNullException.ThrowIfNull(template);
        _template = template;
    }

    /// <summary>Renders the config for <paramref name="model"/>; the same model always gives the same bytes.</summary>
    public string Render(NginxConfigModel model)
    {
        ArgumentNullException.ThrowIfNull(model);

        if (!NginxValues.IsCookieName(model.CookieName))
        {
            throw new ArgumentException($"Cookie name '{model.CookieName}' is invalid: expected letters, digits, '_' or '-'.", nameof(model));
        }

        var routes = new ScriptArray();
        foreach (var route in model.Routes.OrderBy(route => route.BuildId))
        {
            routes.Add(new ScriptObject
            {
                ["build_id"] = route.BuildId,
                ["dest"] = route.Dest,
                ["server_name"] = route.ServerName,
                ["host_header"] = HostHeader(route),
                ["upstream"] = route.Upstream,
                ["open_url"] = route.OpenUrl,
            });
        }

        var globals = new ScriptObject
        {
            ["listen"] = model.Listen,
            ["auth_address"] = model.AuthAddress,
            ["auth_keepalive"] = model.AuthKeepalive,
            ["cookie_name"] = model.CookieName,
            ["routes"] = routes,
        };

        return _template.Render(globals);
    }

    /// <summary>
    /// Returns the Host header code-server receives: the name and port of the editor's origin, because code-server
    /// rejects a WebSocket whose Origin differs from Host, and nginx's <c>$host</c> drops a non-default public port.
    /// </summary>
    private static string HostHeader(BuildRoute route)
    {
        if (!Uri.TryCreate(route.Origin, UriKind.Absolute, out var origin) || origin.Host != route.ServerName)
        {
            throw new ArgumentException($"Origin '{route.Origin}' of build {route.BuildId} is invalid: expected scheme://{route.ServerName}[:port].", nameof(route));
        }

        return origin.IsDefaultPort ? route.ServerName : $"{route.ServerName}:{origin.Port}";
    }
}
