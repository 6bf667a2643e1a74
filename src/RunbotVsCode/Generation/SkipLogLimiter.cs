using RunbotVsCode.Routing;

namespace RunbotVsCode.Generation;

/// <summary>
/// Lets each skipped build be logged once per reason while it stays skipped, so a bad row is reported without
/// repeating every few seconds; a build that leaves and comes back is reported again.
/// </summary>
internal sealed class SkipLogLimiter
{
    private readonly HashSet<(long BuildId, SkipReason Reason)> _logged = [];

    /// <summary>Returns whether <paramref name="skipped"/> has not been logged since it was last absent.</summary>
    public bool ShouldLog(SkippedBuild skipped) => _logged.Add((skipped.BuildId, skipped.Reason));

    /// <summary>Forgets builds that are no longer skipped; a null list (a failed pass) keeps everything.</summary>
    public void Forget(IReadOnlyList<SkippedBuild>? current)
    {
        if (current is null)
        {
            return;
        }

        var present = current.Select(skipped => (skipped.BuildId, skipped.Reason)).ToHashSet();
        _logged.IntersectWith(present);
    }
}
