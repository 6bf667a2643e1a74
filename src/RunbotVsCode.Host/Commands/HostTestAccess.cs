using System.Runtime.CompilerServices;

// The integration tests run the command tree in-process through the internal CliRoot.
[assembly: InternalsVisibleTo("RunbotVsCode.IntegrationTests")]
