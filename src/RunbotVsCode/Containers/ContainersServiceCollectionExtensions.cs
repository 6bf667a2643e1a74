using Docker.DotNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RunbotVsCode.Routing;

namespace RunbotVsCode.Containers;

/// <summary>Registers the services that start code-server in build containers.</summary>
public static class ContainersServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ICodeServerLauncher"/>, <see cref="ICodeServerActivity"/>, <see cref="BuildContainerLocator"/>,
    /// <see cref="CodeServerMetrics"/>, the idle stop, and the <c>Docker</c> and <c>CodeServer</c> options, validated at start.
    /// </summary>
    public static IServiceCollection AddBuildContainers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<DockerOptions>().BindConfiguration(DockerOptions.SectionName).ValidateOnStart();
        services.AddOptions<CodeServerOptions>().BindConfiguration(CodeServerOptions.SectionName).ValidateOnStart();
        services.AddOptions<UpstreamOptions>().BindConfiguration(UpstreamOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CodeServerOptions>, CodeServerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DockerOptions>, DockerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();

        services.TryAddSingleton<IDockerClient>(CreateDockerClient);
        services.TryAddSingleton<BuildContainerLocator>();
        services.TryAddSingleton<ContainerExecutor>();
        services.TryAddSingleton<CodeServerProbe>();
        services.TryAddSingleton<CodeServerReadiness>();
        services.TryAddSingleton<CodeServerUpstreamResolver>();
        services.TryAddSingleton<BuildLocks>();
        services.TryAddSingleton<CodeServerActivity>();
        services.TryAddSingleton<ICodeServerActivity>(provider => provider.GetRequiredService<CodeServerActivity>());
        services.TryAddSingleton<CodeServerMetrics>();
        services.TryAddSingleton<ICodeServerLauncher, CodeServerLauncher>();
        services.AddHostedService<IdleStopper>();
        return services;
    }

    private static IDockerClient CreateDockerClient(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<DockerOptions>>().Value;
        // The client keeps using the configuration, so it is not disposed here; the container disposes the client.
        var configuration = new DockerClientConfiguration(new Uri(options.Endpoint), defaultTimeout: options.RequestTimeout);
        return configuration.CreateClient();
    }
}
