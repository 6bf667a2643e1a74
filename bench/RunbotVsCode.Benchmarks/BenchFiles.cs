namespace RunbotVsCode.Benchmarks;

/// <summary>The template and sample files copied beside the benchmark binary.</summary>
internal static class BenchFiles
{
    /// <summary>Gets the nginx template the service ships.</summary>
    public static string NginxTemplate => Find("templates", "nginx", "vscode.conf.scriban");

    /// <summary>Gets runbot's schema with its sample rows.</summary>
    public static string RunbotSchema => Find("samples", "runbot-schema.sql");

    /// <summary>Gets the demo Dockerfiles, layers and builds.</summary>
    public static string DemoData => Find("samples", "demo-data.sql");

    // BenchmarkDotNet runs each benchmark from a generated project whose output folder also receives these files.
    private static string Find(params string[] parts)
    {
        var path = Path.Combine([AppContext.BaseDirectory, .. parts]);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not found; build the benchmark project again.", path);
    }
}
