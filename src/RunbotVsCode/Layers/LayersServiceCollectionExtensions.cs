using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Layers;

/// <summary>Registers the Dockerfile layer services.</summary>
public static class LayersServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Layer</c> section at start, and registers <see cref="DockerfileGraphReader"/>,
    /// <see cref="DockerfileListReader"/> and <see cref="LayerInstaller"/> (which need an <c>NpgsqlDataSource</c>
    /// and, for the last two, the <c>Runbot</c> options) and <see cref="CodeServerLayerRenderer"/>, whose template
    /// path is relative to the host's content root.
    /// </summary>
    public static IServiceCollection AddLayers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<LayerOptions>().BindConfiguration(LayerOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LayerOptions>, LayerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DockerfileGraphReader>();
        services.AddSingleton<DockerfileListReader>();
        services.AddSingleton<LayerInstaller>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<LayerOptions>>().Value;
            var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return CodeServerLayerRenderer.Load(Path.GetFullPath(options.TemplatePath, contentRoot));
        });
        return services;
    }
}
