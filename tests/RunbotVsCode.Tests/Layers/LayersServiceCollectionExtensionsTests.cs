using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RunbotVsCode.Layers.Tests;

public sealed class LayersServiceCollectionExtensionsTests
{
    [Test]
    public void AddLayers_ValidSection_LoadsTemplateFromContentRoot()
    {
        using var host = BuildHost(new() { ["Layer:Version"] = "4.99.3", ["Layer:Extensions:0"] = "ms-python.python" });

        var layer = host.Services.GetRequiredService<CodeServerLayerRenderer>()
            .Render(host.Services.GetRequiredService<IOptions<LayerOptions>>().Value);

        Assert.That(layer.Values, Is.EqualTo("""{"CODE_SERVER_VERSION":"4.99.3"}"""));
        Assert.That(layer.Content, Does.Contain("--install-extension ms-python.python"));
    }

    [Test]
    public void AddLayers_InvalidSection_FailsOnOptionsAccess()
    {
        using var host = BuildHost(new() { ["Layer:Extensions:0"] = "bad id" });

        var exception = Assert.Throws<OptionsValidationException>(
            () => _ = host.Services.GetRequiredService<IOptions<LayerOptions>>().Value);

        Assert.That(exception.Failures, Has.One.Contains("Layer:Extensions:0 is invalid: got 'bad id'"));
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Path.GetDirectoryName(RepositoryFiles.PathOf("RunbotVsCode.sln")),
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLayers();
        return builder.Build();
    }
}
