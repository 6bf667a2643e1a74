using System.Text.Json;

namespace RunbotVsCode.Layers.Tests;

public sealed class PythonLiteralTests
{
    // Expected texts are what CPython 3.11 prints for repr() of the same value.
    [TestCase(1.0, "1.0")]
    [TestCase(0.1, "0.1")]
    [TestCase(1.0 / 3, "0.3333333333333333")]
    [TestCase(1e15, "1000000000000000.0")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1.5e16, "1.5e+16")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(1.5e-5, "1.5e-05")]
    [TestCase(123456789.125, "123456789.125")]
    [TestCase(2.5e300, "2.5e+300")]
    [TestCase(5e-324, "5e-324")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(-42.5, "-42.5")]
    [TestCase(double.PositiveInfinity, "inf")]
    public void ReprFloat_Value_MatchesPython(double value, string expected)
    {
        Assert.That(PythonLiteral.ReprFloat(value), Is.EqualTo(expected));
    }

    [TestCase("plain", "'plain'")]
    [TestCase("it's", "\"it's\"")]
    [TestCase("say \"hi\"", "'say \"hi\"'")]
    [TestCase("it's \"x\"", "'it\\'s \"x\"'")]
    [TestCase("C:\\tmp", "'C:\\\\tmp'")]
    [TestCase("a\tb\nc\rd", "'a\\tb\\nc\\rd'")]
    [TestCase("\u0001\u007f", "'\\x01\\x7f'")]
    [TestCase("\u00a0", "'\\xa0'")]
    [TestCase("\u200b", "'\\u200b'")]
    [TestCase("café", "'café'")]
    [TestCase("\U0001F600", "'\U0001F600'")]
    [TestCase("", "''")]
    public void ReprString_Text_MatchesPython(string text, string expected)
    {
        Assert.That(PythonLiteral.ReprString(text), Is.EqualTo(expected));
    }

    [TestCase("10", "10")]
    [TestCase("-0", "0")]
    [TestCase("1e2", "100.0")]
    [TestCase("1E-7", "1e-07")]
    [TestCase("99999999999999999999", "99999999999999999999")]
    public void ReprNumber_JsonText_MatchesJsonLoads(string json, string expected)
    {
        Assert.That(PythonLiteral.ReprNumber(json), Is.EqualTo(expected));
    }

    [Test]
    public void Repr_ObjectWithRepeatedKey_KeepsFirstPositionAndLastValue()
    {
        using var document = JsonDocument.Parse("""{"a": 1, "b": 2, "a": 3}""");

        Assert.That(PythonLiteral.Repr(document.RootElement), Is.EqualTo("{'a': 3, 'b': 2}"));
    }

    [Test]
    public void Str_NestedValues_WritesPythonRepr()
    {
        using var document = JsonDocument.Parse("""{"x": [true, null, "q", {"n": 1.5}]}""");

        Assert.That(PythonLiteral.Str(document.RootElement), Is.EqualTo("{'x': [True, None, 'q', {'n': 1.5}]}"));
    }
}
