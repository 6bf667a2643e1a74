using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Scriban;
using Scriban.Runtime;

namespace RunbotVsCode.Layers;

/// <summary>
/// Renders the code-server layer template into the content and values of a runbot <c>template</c> layer.
/// The template is parsed once; each render validates the options first and rejects any value it cannot trust.
/// </summary>
public sealed class CodeServerLayerRenderer
{
    /// <summary>The name the layer gets in <c>runbot_docker_layer</c>.</summary>
    public const string DefaultLayerName = "code-server";

    /// <summary>The runbot value key of the code-server version, <c>{CODE_SERVER_VERSION}</c> in the content.</summary>
    public const string VersionKey = "CODE_SERVER_VERSION";

    /// <summary>The runbot value key of the .deb's SHA-256, present only when one is configured.</summary>
    public const string Sha256Key = "CODE_SERVER_SHA256";

    /// <summary>The folder in the image holding the preinstalled extensions, owned by the runbot user; pass it to code-server as <c>--extensions-dir</c>.</summary>
    public const string ExtensionsDirectory = "/opt/code-server/extensions";

    private readonly Template _template;
    private readonly LayerOptionsValidator _validator = new();

    private CodeServerLayerRenderer(Template template)
    {
        _template = template;
    }

    /// <summary>
    /// Reads and parses the template file; throws <see cref="InvalidDataException"/> with every parse message,
    /// each naming the file, line and column.
    /// </summary>
    public static CodeServerLayerRenderer Load(string templatePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(templatePath);

        var fullPath = Path.GetFullPath(templatePath);
        return Parse(File.ReadAllText(fullPath), fullPath);
    }

    /// <summary>Parses template text; <paramref name="sourcePath"/> names it in error messages.</summary>
    internal static CodeServerLayerRenderer Parse(string text, string sourcePath)
    {
        var template = Template.Parse(text, sourcePath);
        if (template.HasErrors)
        {
            var messages = string.Join(Environment.NewLine, template.Messages.Select(message => message.ToString()));
            throw new InvalidDataException($"The code-server layer template {sourcePath} is invalid:{Environment.NewLine}{messages}");
        }

        return new CodeServerLayerRenderer(template);
    }

    /// <summary>Renders the layer; throws <see cref="OptionsValidationException"/> listing every invalid option.</summary>
    public CodeServerLayer Render(LayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var validation = _validator.Validate(LayerOptions.SectionName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(LayerOptions.SectionName, typeof(LayerOptions), validation.Failures);
        }

        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1000,
            NewLine = "\n",
        };
        context.PushGlobal(BuildModel(options));

        var content = _template.Render(context).TrimEnd('\n');
        return new CodeServerLayer(DefaultLayerName, content, BuildValues(options));
    }

    // Only validated option values and constants reach the template.
    private static ScriptObject BuildModel(LayerOptions options) => new()
    {
        ["cache_seconds"] = (long)options.CacheDuration.TotalSeconds,
        ["has_sha256"] = !string.IsNullOrEmpty(options.Sha256),
        ["node_js"] = options.NodeJs,
        ["cli_tools"] = new ScriptArray(options.CliTools),
        ["extensions"] = new ScriptArray(options.Extensions),
        ["extensions_dir"] = ExtensionsDirectory,
        ["version_label"] = CodeServerImageLabels.Version,
        ["extensions_dir_label"] = CodeServerImageLabels.ExtensionsDirectory,
    };

    private static string BuildValues(LayerOptions options)
    {
        var values = new JsonObject { [VersionKey] = options.Version };
        if (!string.IsNullOrEmpty(options.Sha256))
        {
            values[Sha256Key] = options.Sha256.ToLowerInvariant();
        }

        return values.ToJsonString();
    }
}
