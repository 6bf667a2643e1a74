namespace RunbotVsCode.Layers;

/// <summary>Levenshtein distance, for suggesting the closest names when a lookup fails.</summary>
internal static class EditDistance
{
    /// <summary>Returns the number of single-character insertions, deletions and substitutions between two strings.</summary>
    public static int Between(string source, string target)
    {
        var previous = new int[target.Length + 1];
        var current = new int[target.Length + 1];
        for (var j = 0; j <= target.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= source.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= target.Length; j++)
            {
                var substitution = previous[j - 1] + (source[i - 1] == target[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[target.Length];
    }

    /// <summary>Returns up to <paramref name="count"/> candidates nearest to the name, ignoring case, nearest first.</summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int count) =>
        [.. candidates
            .Distinct(StringComparer.Ordinal)
            .Select(candidate => (Candidate: candidate, Distance: Between(name.ToUpperInvariant(), candidate.ToUpperInvariant())))
            .OrderBy(entry => entry.Distance)
            .ThenBy(entry => entry.Candidate, StringComparer.Ordinal)
            .Take(count)
            .Select(entry => entry.Candidate)];
}
