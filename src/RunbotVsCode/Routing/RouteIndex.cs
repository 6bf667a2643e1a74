using RunbotVsCode.Runbot;

namespace RunbotVsCode.Routing;

/// <summary>The routes of this host's last pass that read the database, by build id, for the endpoints nginx calls.</summary>
public sealed class RouteIndex
{
    /// <summary>An index with no routes, before the first pass.</summary>
    public static RouteIndex Empty { get; } = new([], [], null);

    private readonly Dictionary<long, BuildRoute> _routes;
    private readonly Dictionary<long, RunningBuild> _builds;

    /// <summary>Initializes the index from a pass's routes and the builds they came from.</summary>
    public RouteIndex(IEnumerable<BuildRoute> routes, IEnumerable<RunningBuild> builds, RouteSettings? settings)
    {
        _routes = routes.ToDictionary(route => route.BuildId);
        _builds = builds.Where(build => _routes.ContainsKey(build.Id)).ToDictionary(build => build.Id);
        Settings = settings;
    }

    /// <summary>Gets the routing values of the pass, or null before the first pass.</summary>
    public RouteSettings? Settings { get; }

    /// <summary>Gets the number of routes.</summary>
    public int Count => _routes.Count;

    /// <summary>Returns the route of <paramref name="buildId"/> and its build, when the build is routed on this host.</summary>
    public bool TryGet(long buildId, out BuildRoute route, out RunningBuild build)
    {
        if (_routes.TryGetValue(buildId, out route!) && _builds.TryGetValue(buildId, out build!))
        {
            return true;
        }

        build = null!;
        return false;
    }
}
