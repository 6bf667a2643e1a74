using BenchmarkDotNet.Running;
using RunbotVsCode.Benchmarks;

// "issue-token BUILD USER" prints a cookie value for the load script; any other arguments go to BenchmarkDotNet.
if (args is ["issue-token", var build, var user])
{
    return TokenCommand.Run(build, user);
}

BenchmarkSwitcher.FromAssembly(typeof(TokenCommand).Assembly).Run(args);
return 0;
