using System.CommandLine;
using RunbotVsCode.Host.Commands;

var configuration = new InvocationConfiguration
{
    // serve handles SIGTERM and Ctrl+C through the generic host, which stops gracefully and tells systemd.
    ProcessTerminationTimeout = null,
};

return await CliRoot.Create().Parse(args).InvokeAsync(configuration);
