using System.Text.Json;

namespace RunbotVsCode.Layers;

/// <summary>Reads the jsonb dict columns and the <c>packages</c> column of runbot's Docker tables.</summary>
internal static class LayerValues
{
    /// <summary>The value key that stores the parsed <c>packages</c> column.</summary>
    public const string PackagesKey = "$packages";

    /// <summary>
    /// Parses a <c>values</c> or <c>default_values</c> column. NULL and JSON <c>null</c> are an empty dict;
    /// anything other than a JSON object returns false with the reason.
    /// </summary>
    public static bool TryParse(string? json, out IReadOnlyList<KeyValuePair<string, JsonElement>> entries, out string? error)
    {
        entries = [];
        error = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            error = $"invalid JSON: {exception.Message}";
            return false;
        }

        if (root.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, got {root.ValueKind}";
            return false;
        }

        entries = [.. PythonLiteral.LastValuePerKey(root)];
        return true;
    }

    /// <summary>
    /// Joins the package names of a <c>packages</c> column with spaces: each line is cut at its first <c>#</c> and
    /// trimmed, and empty lines are dropped.
    /// </summary>
    public static string ParsePackages(string? packages)
    {
        var lines = (packages ?? string.Empty)
            .Split('\n')
            .Select(line => TrimPythonWhitespace(line.Split('#')[0]))
            .Where(line => line.Length > 0);
        return string.Join(' ', lines);
    }

    /// <summary>Returns a JSON element holding this string.</summary>
    public static JsonElement String(string value) => JsonSerializer.SerializeToElement(value);

    /// <summary>Returns a JSON element holding this integer.</summary>
    public static JsonElement Integer(int value) => JsonSerializer.SerializeToElement(value);

    // Python's str.strip() also removes the ASCII separators U+001C to U+001F, which char.IsWhiteSpace keeps.
    private static string TrimPythonWhitespace(string text)
    {
        static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

        var start = 0;
        var end = text.Length;
        while (start < end && IsPythonSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsPythonSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }
}
