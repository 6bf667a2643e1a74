using Scriban;
using Scriban.Runtime;

namespace RunbotVsCode.Rendering;

/// <summary>
/// A Scriban template parsed once from its file. Rendering uses a fresh context with strict variables and an explicit
/// model, so a template sees only the values the service checked and gave it.
/// </summary>
public sealed class TemplateFile
{
    private readonly Template _template;

    private TemplateFile(string path, Template template)
    {
        Path = path;
        _template = template;
    }

    /// <summary>Gets the path the template was read from.</summary>
    public string Path { get; }

    /// <summary>Reads and parses the template at <paramref name="path"/>.</summary>
    /// <exception cref="TemplateLoadException">The file cannot be read or has syntax errors; the message lists each with its line.</exception>
    public static TemplateFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TemplateLoadException($"Template {path} cannot be read: {exception.Message}", exception);
        }

        var template = Template.Parse(text, path);
        if (template.HasErrors)
        {
            var messages = string.Join(Environment.NewLine, template.Messages.Select(message => message.ToString()));
            throw new TemplateLoadException($"Template {path} has errors:{Environment.NewLine}{messages}");
        }

        return new TemplateFile(path, template);
    }

    /// <summary>Renders the template with <paramref name="model"/> as its only global values.</summary>
    /// <exception cref="TemplateLoadException">The template uses a value the model lacks, or fails at run time.</exception>
    public string Render(ScriptObject model)
    {
        ArgumentNullException.ThrowIfNull(model);

        var context = new TemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            LoopLimit = 1_000_000,
            NewLine = "\n",

            // Scriban cuts a rendered string at 1 MiB by default and appends "...", which is about 600 server blocks
            // of the nginx template; 0 lifts the cut, so a host with more running builds gets a whole file.
            LimitToString = 0,
        };
        context.PushGlobal(model);

        try
        {
            return _template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException exception)
        {
            throw new TemplateLoadException($"Template {Path} failed to render: {exception.Message}", exception);
        }
    }
}
