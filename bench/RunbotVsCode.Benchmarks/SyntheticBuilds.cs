using RunbotVsCode.Routing;
using RunbotVsCode.Runbot;

namespace RunbotVsCode.Benchmarks;

/// <summary>Running builds shaped like the rows a pass reads: ids from 101, runbot's dest format and three ports each.</summary>
internal static class SyntheticBuilds
{
    /// <summary>The routing values of the sample database.</summary>
    public static RouteSettings Settings { get; } = new("vscode", "https", "https://runbot.example.com");

    /// <summary>Returns <paramref name="count"/> attachable builds on one host.</summary>
    public static List<RunningBuild> Create(int count) =>
        [.. Enumerable.Range(0, count).Select(index => Build(101 + index, index))];

    private static RunningBuild Build(long id, int index) => new(
        id,
        $"{id:00000}-17-0",
        "runbot-host-1.example.com",
        3000 + (3 * index),
        "run",
        "17.0",
        1,
        "DockerDefault",
        "odoo:DockerDefault",
        HasCodeServerLayer: true,
        new DateTime(2025, 1, 3, 9, 0, 0, DateTimeKind.Utc));
}
