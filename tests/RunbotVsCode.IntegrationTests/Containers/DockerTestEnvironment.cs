using Docker.DotNet;
using Docker.DotNet.Models;

namespace RunbotVsCode.Containers.Tests;

/// <summary>
/// The Docker engine and images the container tests need. tests/infra/start-dockerd.sh and
/// tests/infra/build-test-image.sh provide them; without them the tests fail when CI=true and are ignored otherwise.
/// </summary>
internal static class DockerTestEnvironment
{
    public const string Endpoint = "unix:///var/run/docker.sock";
    public const string LabelledImage = "runbot-vscode-test:bookworm";
    public const string UnlabelledImage = "runbot-vscode-test:nolabel";
    public const string FailingImage = "runbot-vscode-test:failing";

    /// <summary>The uid the test containers run as, like runbot's user; the test image has a user with it.</summary>
    public const string ContainerUser = "1000";

    /// <summary>Returns a client of the local engine after checking that it responds and the test images exist.</summary>
    public static async Task<DockerClient> ConnectAsync()
    {
        var client = new DockerClientConfiguration(new Uri(Endpoint), defaultTimeout: TimeSpan.FromSeconds(60)).CreateClient();
        try
        {
            await client.System.PingAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException or DockerApiException)
        {
            client.Dispose();
            Unavailable($"The Docker engine at {Endpoint} did not respond ({exception.Message}). Run tests/infra/start-dockerd.sh as root.");
        }

        foreach (var image in new[] { LabelledImage, UnlabelledImage, FailingImage })
        {
            try
            {
                await client.Images.InspectImageAsync(image).ConfigureAwait(false);
            }
            catch (DockerImageNotFoundException)
            {
                client.Dispose();
                Unavailable($"The test image {image} is missing. Run tests/infra/build-test-image.sh as root.");
            }
        }

        return client;
    }

    /// <summary>Runs <paramref name="command"/> in a container as root and returns its standard output.</summary>
    public static async Task<string> ExecAsync(IDockerClient client, string containerId, params string[] command)
    {
        var exec = await client.Exec.ExecCreateContainerAsync(
            containerId,
            new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true, User = "0" }).ConfigureAwait(false);
        using var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, tty: false, CancellationToken.None).ConfigureAwait(false);
        var (output, _) = await stream.ReadOutputToEndAsync(CancellationToken.None).ConfigureAwait(false);
        return output;
    }

    private static void Unavailable(string message)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
    }
}
