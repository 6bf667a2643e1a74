using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace RunbotVsCode.Auth;

/// <summary>Strict parsing of build ids taken from URLs.</summary>
public static class BuildIds
{
    /// <summary>
    /// Returns the build id when <paramref name="values"/> holds exactly one value of 1 to 10 ASCII digits, without a
    /// leading zero, no greater than <see cref="int.MaxValue"/> (runbot's ids are PostgreSQL <c>serial</c>); otherwise null.
    /// </summary>
    public static long? Parse(StringValues values) => values.Count == 1 ? Parse(values[0]) : null;

    /// <summary>Parses one value by the rules of <see cref="Parse(StringValues)"/>.</summary>
    public static long? Parse(string? value)
    {
        if (value is not { Length: >= 1 and <= 10 } || value[0] == '0' || !value.All(char.IsAsciiDigit))
        {
            return null;
        }

        var id = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return id <= int.MaxValue ? id : null;
    }
}
