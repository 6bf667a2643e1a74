namespace RunbotVsCode.Infrastructure;

/// <summary>
/// Where the real services of the integration tests are, from the environment set by <c>tests/run.sh</c>.
/// A missing service fails the test under CI and skips it elsewhere, so CI can never pass without running it.
/// </summary>
public static class TestServices
{
    /// <summary>Gets the socket folder of the test PostgreSQL server.</summary>
    public static string PostgresHost => Require("RUNBOTVSCODE_TEST_PG_HOST", "PostgreSQL");

    /// <summary>Gets the nginx binary.</summary>
    public static string NginxBinary
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("RUNBOTVSCODE_TEST_NGINX");
            var binary = string.IsNullOrEmpty(configured) ? "/usr/sbin/nginx" : configured;
            if (!File.Exists(binary))
            {
                Unavailable("nginx", $"{binary} is not found");
            }

            return binary;
        }
    }

    /// <summary>Gets the Chromium binary browser tests drive, <c>/usr/bin/chromium</c> unless <c>RUNBOTVSCODE_TEST_CHROMIUM</c> names another.</summary>
    public static string ChromiumBinary
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("RUNBOTVSCODE_TEST_CHROMIUM");
            var binary = string.IsNullOrEmpty(configured) ? "/usr/bin/chromium" : configured;
            if (!File.Exists(binary))
            {
                Unavailable("Chromium", $"{binary} is not found; install the 'chromium' package");
            }

            return binary;
        }
    }

    /// <summary>Gets the repository's top folder, found by walking up to <c>RunbotVsCode.sln</c>.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "RunbotVsCode.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("RunbotVsCode.sln is not found above the test folder.");
        }
    }

    private static string Require(string variable, string service)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(value))
        {
            Unavailable(service, $"{variable} is not set; run the tests with tests/run.sh");
        }

        return value!;
    }

    /// <summary>Fails the test under CI (<c>CI=true</c>) and skips it elsewhere, saying which service is missing and why.</summary>
    public static void Unavailable(string service, string reason)
    {
        var message = $"{service} is not available: {reason}.";
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
