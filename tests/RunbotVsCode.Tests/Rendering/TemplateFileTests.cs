using RunbotVsCode.TestSupport;
using Scriban.Runtime;

namespace RunbotVsCode.Rendering.Tests;

public class TemplateFileTests
{
    private TempFolder _folder = null!;

    [SetUp]
    public void SetUp() => _folder = new TempFolder();

    [TearDown]
    public void TearDown() => _folder.Dispose();

    private string WriteTemplate(string text)
    {
        var path = _folder.Combine("test.conf.scriban");
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public void Load_ShippedTemplate_Parses()
    {
        Assert.That(() => TemplateFile.Load(RepositoryFiles.NginxTemplate), Throws.Nothing);
    }

    [Test]
    public void Load_SyntaxError_ThrowsWithLineNumber()
    {
        var path = WriteTemplate("# line 1\n# line 2\n{{ for route in }}\n{{ end }}\n");

        var exception = Assert.Throws<TemplateLoadException>(() => TemplateFile.Load(path));

        Assert.That(exception.Message, Does.Contain("(3,"));
    }

    [Test]
    public void Load_SyntaxError_MessageNamesFile()
    {
        var path = WriteTemplate("{{ if }}\n");

        var exception = Assert.Throws<TemplateLoadException>(() => TemplateFile.Load(path));

        Assert.That(exception.Message, Does.Contain(path));
    }

    [Test]
    public void Load_UnclosedBlock_Throws()
    {
        var path = WriteTemplate("{{ for route in routes }}\nserver {}\n");

        Assert.That(() => TemplateFile.Load(path), Throws.TypeOf<TemplateLoadException>());
    }

    [Test]
    public void Load_MissingFile_Throws()
    {
        Assert.That(() => TemplateFile.Load(_folder.Combine("missing.scriban")), Throws.TypeOf<TemplateLoadException>());
    }

    [Test]
    public void Render_UndefinedVariable_Throws()
    {
        var template = TemplateFile.Load(WriteTemplate("listen {{ listen }};\nserver_name {{ undefined_name }};\n"));
        var model = new ScriptObject { ["listen"] = "8080" };

        Assert.That(() => template.Render(model), Throws.TypeOf<TemplateLoadException>());
    }

    [Test]
    public void Render_UndefinedVariable_MessageNamesFile()
    {
        var path = WriteTemplate("{{ undefined_name }}\n");
        var template = TemplateFile.Load(path);

        var exception = Assert.Throws<TemplateLoadException>(() => template.Render(new ScriptObject()));

        Assert.That(exception.Message, Does.Contain(path));
    }

    [Test]
    public void Render_UndefinedMember_Throws()
    {
        var template = TemplateFile.Load(WriteTemplate("{{ route.missing_member }}\n"));
        var model = new ScriptObject { ["route"] = new ScriptObject { ["dest"] = "00001-17-0" } };

        Assert.That(() => template.Render(model), Throws.TypeOf<TemplateLoadException>());
    }

    [Test]
    public void Render_DefinedVariables_SubstitutesThem()
    {
        var template = TemplateFile.Load(WriteTemplate("listen {{ listen }};\n"));

        var output = template.Render(new ScriptObject { ["listen"] = "8080" });

        Assert.That(output, Is.EqualTo("listen 8080;\n"));
    }
}
