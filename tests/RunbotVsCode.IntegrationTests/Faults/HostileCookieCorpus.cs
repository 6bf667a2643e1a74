using System.Globalization;
using System.Text;

namespace RunbotVsCode.Faults.Tests;

/// <summary>Reads <c>hostile-cookies.txt</c>: one Cookie header per line, with escapes for raw bytes and repeats.</summary>
internal static class HostileCookieCorpus
{
    /// <summary>Returns each header as raw bytes with its line number, for naming failures.</summary>
    public static IReadOnlyList<(int Line, byte[] Header)> Load(string path)
    {
        var headers = new List<(int, byte[])>();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            headers.Add((index + 1, Decode(line)));
        }

        return headers;
    }

    private static byte[] Decode(string line)
    {
        var repeat = 1;
        if (line.StartsWith('*'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            repeat = int.Parse(line[1..space], CultureInfo.InvariantCulture);
            line = line[(space + 1)..];
        }

        var bytes = new List<byte>();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 == line.Length)
            {
                AddUtf8(bytes, line[i].ToString());
                continue;
            }

            var kind = line[++i];
            switch (kind)
            {
                case 'x':
                    bytes.Add(byte.Parse(line.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u':
                    AddUtf8(bytes, ((char)int.Parse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
                    i += 4;
                    break;
                case 'U':
                    AddUtf8(bytes, char.ConvertFromUtf32(int.Parse(line.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i += 8;
                    break;
                case '*':
                    var colon = line.IndexOf(':', i);
                    var count = int.Parse(line[(i + 1)..colon], CultureInfo.InvariantCulture);
                    AddUtf8(bytes, new string(line[colon + 1], count));
                    i = colon + 1;
                    break;
                default:
                    bytes.Add(kind switch
                    {
                        't' => (byte)'\t',
                        'r' => (byte)'\r',
                        'n' => (byte)'\n',
                        '\\' => (byte)'\\',
                        _ => throw new FormatException($"Unknown escape \\{kind} in the cookie corpus."),
                    });
                    break;
            }
        }

        var one = bytes.ToArray();
        return [.. Enumerable.Repeat(one, repeat).SelectMany(part => part)];
    }

    private static void AddUtf8(List<byte> bytes, string text) => bytes.AddRange(Encoding.UTF8.GetBytes(text));
}
