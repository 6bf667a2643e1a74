using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using RunbotVsCode.Auth;
using RunbotVsCode.Containers;
using RunbotVsCode.Generation;
using RunbotVsCode.Nginx;
using RunbotVsCode.Rendering;
using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Hosting;

/// <summary>Registers the service's parts.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers settings (checked at start), the database, the generation cycle and nginx control. The worker that runs
    /// passes on a schedule is added by <see cref="AddRegenWorker"/>.
    /// </summary>
    public static IServiceCollection AddRunbotVsCode(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddCheckedOptions<RunbotOptions, RunbotOptionsValidator>(RunbotOptions.SectionName);
        services.AddCheckedOptions<RoutingOptions, RoutingOptionsValidator>(RoutingOptions.SectionName);
        services.AddCheckedOptions<UpstreamOptions, RoutingOptionsValidator>(UpstreamOptions.SectionName);
        services.AddCheckedOptions<NginxOptions, NginxOptionsValidator>(NginxOptions.SectionName);
        services.AddCheckedOptions<RegenOptions, RegenOptionsValidator>(RegenOptions.SectionName);
        services.AddCheckedOptions<HttpOptions, HttpOptionsValidator>(HttpOptions.SectionName);

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        // nginx forwards the browser's Cookie header to auth_check byte for byte. Kestrel rejects a header that is not
        // UTF-8 with 400, and auth_request turns any status but 2xx, 401 and 403 into a 500 for the browser. Latin-1
        // decodes every byte, so such a cookie reaches the verifier, which rejects it with 401.
        services.Configure<KestrelServerOptions>(options => options.RequestHeaderEncodingSelector = _ => Encoding.Latin1);
        services.AddSingleton(provider => new NpgsqlDataSourceBuilder(provider.GetRequiredService<IOptions<RunbotOptions>>().Value.ConnectionString)
            .UseLoggerFactory(provider.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())
            .Build());
        services.AddSingleton<IRunbotReader, RunbotReader>();
        services.TryAddSingleton<IContainerFactsSource, DockerContainerFacts>();
        services.AddSingleton(provider => new RouteBuilder(provider.GetRequiredService<IOptions<UpstreamOptions>>().Value));
        services.AddSingleton(provider => new NginxConfigRenderer(TemplateFile.Load(TemplatePath(provider.GetRequiredService<IOptions<NginxOptions>>().Value))));
        services.AddSingleton<INginxControl, NginxProcess>();
        services.AddSingleton<ConfigApplier>();
        services.AddSingleton<RegenMetrics>();
        services.AddSingleton<RegenPass>();
        services.AddSingleton(provider => new RegenSchedule(provider.GetRequiredService<IOptions<RegenOptions>>().Value));

        services.AddAuthOptions();
        services.AddSingleton<RunbotDirectory>();
        services.AddSingleton<TicketReplayGuard>();
        services.AddSingleton<KeyRingSource>();
        services.AddSingleton<UserAccessCache>();
        services.AddSingleton<AccessMetrics>();
        services.AddSingleton<AuthChecker>();
        services.AddSingleton<OpenLoopGuard>();
        services.AddTransient<SessionIdentity>();
        services.AddTransient<OpenFlow>();
        services.AddTransient<Pages.BuildListFlow>();
        services.AddSingleton<ExchangeFlow>();
        services.AddHttpClient<OdooSessionClient>();
        services.AddBuildContainers();
        services.AddSingleton<ReadinessMetrics>();
        services.AddSingleton<ReadinessCheck>();
        services.AddSingleton<Doctor>();
        return services;
    }

    /// <summary>
    /// Registers the worker that runs a pass at start and then on the schedule, and the monitor that runs the readiness
    /// checks on <c>Http:ReadinessInterval</c>.
    /// </summary>
    public static IServiceCollection AddRegenWorker(this IServiceCollection services)
    {
        services.AddHostedService<RegenWorker>();
        services.AddHostedService<ReadinessMonitor>();
        return services;
    }

    /// <summary>Returns the nginx template path: <c>Nginx:TemplatePath</c>, or the template shipped beside the service.</summary>
    public static string TemplatePath(NginxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TemplatePath ?? Path.Combine(AppContext.BaseDirectory, NginxConfigRenderer.DefaultTemplatePath);
    }

    private static void AddCheckedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
