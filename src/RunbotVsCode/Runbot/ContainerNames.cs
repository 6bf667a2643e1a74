using System.Text;

namespace RunbotVsCode.Runbot;

/// <summary>Container naming as runbot does it.</summary>
public static class ContainerNames
{
    /// <summary>Removes every character outside <c>[a-zA-Z0-9_.-]</c>, as runbot does for container names.</summary>
    public static string Sanitize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
