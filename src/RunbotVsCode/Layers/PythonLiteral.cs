using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace RunbotVsCode.Layers;

/// <summary>
/// Writes JSON values the way Python 3 writes the objects <c>json.loads</c> makes of them: <c>repr()</c> for the
/// header comment of a template layer and <c>str()</c> for placeholder substitution.
/// </summary>
internal static class PythonLiteral
{
    /// <summary>Writes a dict as <c>repr(dict)</c> does: <c>{'key': value, ...}</c> in insertion order.</summary>
    public static string ReprDict(IEnumerable<KeyValuePair<string, JsonElement>> entries)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in entries)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(ReprString(key)).Append(": ").Append(Repr(value));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Writes a value as <c>str()</c> does: a string as is, anything else as <see cref="Repr"/>.</summary>
    public static string Str(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : Repr(value);

    /// <summary>Writes a value as <c>repr()</c> does.</summary>
    public static string Repr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => ReprDict(LastValuePerKey(value)),
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Repr)) + "]",
        JsonValueKind.String => ReprString(value.GetString()!),
        JsonValueKind.Number => ReprNumber(value.GetRawText()),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => "None",
    };

    /// <summary>
    /// Returns the members of a JSON object as a Python dict stores them: a repeated key keeps its first position
    /// and takes its last value.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, JsonElement>> LastValuePerKey(JsonElement jsonObject)
    {
        var members = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in jsonObject.EnumerateObject())
        {
            members[property.Name] = property.Value;
        }

        return members;
    }

    /// <summary>Writes a string as <c>repr(str)</c> does, choosing the quote and escaping as Python 3 does.</summary>
    public static string ReprString(string text)
    {
        var quote = text.Contains('\'', StringComparison.Ordinal) && !text.Contains('"', StringComparison.Ordinal)
            ? '"'
            : '\'';
        var builder = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var rune in text.EnumerateRunes())
        {
            AppendEscaped(builder, rune, quote);
        }

        return builder.Append(quote).ToString();
    }

    /// <summary>
    /// Writes a JSON number as Python does after <c>json.loads</c>: an <c>int</c> when the text has no fraction
    /// and no exponent, otherwise a <c>float</c> in its shortest round-trip form.
    /// </summary>
    public static string ReprNumber(string jsonNumber)
    {
        if (jsonNumber.AsSpan().IndexOfAny(".eE") < 0)
        {
            return BigInteger.Parse(jsonNumber, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                .ToString(CultureInfo.InvariantCulture);
        }

        return ReprFloat(double.Parse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a double as Python 3's <c>repr(float)</c>: fixed notation for exponents -4 to 15, else scientific.</summary>
    public static string ReprFloat(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = double.IsNegative(value) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0.0";
        }

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        return sign + FormatDigits(digits, pointPosition);
    }

    // Python's float_repr_style "short" switches to scientific notation when the decimal point would sit more
    // than 16 places right of the first digit or 4 or more places left of it.
    private static string FormatDigits(string digits, int pointPosition)
    {
        if (pointPosition > 16 || pointPosition <= -4)
        {
            var exponent = pointPosition - 1;
            var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
            var exponentSign = exponent < 0 ? "-" : "+";
            return $"{mantissa}e{exponentSign}{Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)}";
        }

        if (pointPosition <= 0)
        {
            return "0." + new string('0', -pointPosition) + digits;
        }

        if (pointPosition >= digits.Length)
        {
            return digits + new string('0', pointPosition - digits.Length) + ".0";
        }

        return digits[..pointPosition] + "." + digits[pointPosition..];
    }

    // Returns the significant digits of the shortest round-trip form and where the decimal point sits relative
    // to the first digit (value = 0.DIGITS * 10^pointPosition).
    private static (string Digits, int PointPosition) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponentIndex = text.IndexOfAny(['E', 'e']);
        var exponent = exponentIndex < 0 ? 0 : int.Parse(text[(exponentIndex + 1)..], CultureInfo.InvariantCulture);
        var mantissa = exponentIndex < 0 ? text : text[..exponentIndex];

        var dotIndex = mantissa.IndexOf('.', StringComparison.Ordinal);
        var pointPosition = (dotIndex < 0 ? mantissa.Length : dotIndex) + exponent;
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);

        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        return (digits.Trim('0'), pointPosition - leadingZeros);
    }

    private static void AppendEscaped(StringBuilder builder, Rune rune, char quote)
    {
        var value = rune.Value;
        switch (value)
        {
            case '\\':
                builder.Append(@"\\");
                return;
            case '\t':
                builder.Append(@"\t");
                return;
            case '\n':
                builder.Append(@"\n");
                return;
            case '\r':
                builder.Append(@"\r");
                return;
        }

        if (value == quote)
        {
            builder.Append('\\').Append(quote);
        }
        else if (value is < 0x20 or 0x7f)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{value:x2}");
        }
        else if (value < 0x7f || IsPrintable(rune))
        {
            builder.Append(rune.ToString());
        }
        else
        {
            builder.Append(value switch
            {
                <= 0xff => string.Create(CultureInfo.InvariantCulture, $"\\x{value:x2}"),
                <= 0xffff => string.Create(CultureInfo.InvariantCulture, $"\\u{value:x4}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\U{value:x8}"),
            });
        }
    }

    // Python's str.isprintable() rejects the "Other" and "Separator" categories, except the ASCII space.
    // NOTE: .NET and Python may ship different Unicode versions, so recently assigned characters can differ.
    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.SpaceSeparator => false,
        _ => true,
    };
}
