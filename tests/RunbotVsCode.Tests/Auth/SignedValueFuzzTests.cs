using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Time.Testing;
using static RunbotVsCode.Auth.Tests.AuthTestValues;

namespace RunbotVsCode.Auth.Tests;

/// <summary>
/// Random and mutated inputs for the token and ticket verifiers: none may be accepted and none may throw.
/// <c>RUNBOTVSCODE_FUZZ_COUNT</c> sets the number of inputs (default 100,000) and <c>RUNBOTVSCODE_FUZZ_SEED</c>
/// replays a run from the seed it printed.
/// </summary>
public class SignedValueFuzzTests
{
    private const string CountVariable = "RUNBOTVSCODE_FUZZ_COUNT";
    private const string SeedVariable = "RUNBOTVSCODE_FUZZ_SEED";
    private const int DefaultCount = 100_000;
    private const long BuildId = 101;
    private const string Base64UrlCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Characters that occur in valid values, their near misses, and a few non-ASCII look-alikes.</summary>
    private static readonly Gen<char> NearTokenCharacter =
        Gen.Char[Base64UrlCharacters + ".+/= \t\r\n\0\u00E9\u0661\uFF11\u2024\uFF0E"];

    private static readonly Gen<string> NearTokenText =
        NearTokenCharacter.Array[0, 300].Select(characters => new string(characters));

    private static readonly Gen<string> AnyText = Gen.String[0, 300];

    /// <summary>Dot-joined fields, each shaped like one of the real fields or a near miss of it.</summary>
    private static readonly Gen<string> FieldShapedText = Gen.OneOf(
            Gen.Const("v1"),
            Gen.OneOf(Gen.Const("v2"), Gen.Const("V1"), Gen.Const(string.Empty)),
            Gen.Char["0123456789abcdefABCDEF"].Array[6, 10].Select(characters => new string(characters)),
            Gen.Select(Gen.OneOf(Gen.Const(string.Empty), Gen.Const("+"), Gen.Const("-"), Gen.Const("0"), Gen.Const(" ")), Gen.Char['0', '9'].Array[0, 12], (prefix, digits) => prefix + new string(digits)),
            Gen.Char[Base64UrlCharacters + "+/="].Array[20, 45].Select(characters => new string(characters)))
        .Array[1, 9]
        .Select(fields => string.Join('.', fields));

    private FakeTimeProvider clock = null!;
    private KeyRing keyRing = null!;
    private AccessTokenCodec tokens = null!;
    private TicketCodec tickets = null!;
    private string validToken = null!;
    private string validTicket = null!;

    [SetUp]
    public void SetUp()
    {
        clock = NewClock();
        keyRing = new KeyRing(Secret);
        tokens = new AccessTokenCodec(keyRing, clock);
        tickets = new TicketCodec(keyRing, new TicketReplayGuard(clock, new RecordingLogger<TicketReplayGuard>()), clock);
        validToken = tokens.Issue(BuildId, 7, TimeSpan.FromHours(4));
        validTicket = tickets.Issue(BuildId, 7, TicketCodec.MaxLifetime);
    }

    [Test]
    public void Verify_RandomAndMutatedInputs_AcceptsNone()
    {
        var count = ReadCount();
        var pcg = ReadSeed();
        var seed = pcg.ToString();
        TestContext.Out.WriteLine($"Fuzzing {count} inputs; replay with {SeedVariable}={seed} {CountVariable}={count}.");

        var inputs = Gen.Frequency(
            (2, NearTokenText),
            (1, AnyText),
            (2, FieldShapedText),
            (3, Mutations(validToken)),
            (3, Mutations(validTicket)));

        var statuses = new Dictionary<VerificationStatus, int>();
        for (var i = 0; i < count; i++)
        {
            var input = inputs.Generate(pcg, null!, out _);
            var status = AssertRejected(input, i, seed);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        TestContext.Out.WriteLine(string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}")));
        if (count >= 1000)
        {
            // Without these, the inputs would never get past the parser and the MAC check would go untested.
            Assert.That(statuses.Keys, Is.SupersetOf(new[] { VerificationStatus.Malformed, VerificationStatus.BadSignature }));
        }
    }

    [Test]
    public void Issue_AnyIdsAndLifetime_RoundTrips()
    {
        var cases = Gen.Select(Gen.Long[1, int.MaxValue], Gen.Long[1, int.MaxValue], Gen.Int[1, (int)AccessTokenCodec.MaxLifetime.TotalSeconds]);

        cases.Sample((buildId, userId, lifetimeSeconds) =>
        {
            var lifetime = TimeSpan.FromSeconds(lifetimeSeconds);
            var token = tokens.Issue(buildId, userId, lifetime);

            var result = tokens.Verify(token, buildId);
            var otherBuild = tokens.Verify(token, buildId == 1 ? 2 : buildId - 1);

            return result.Claims == new AccessClaims(keyRing.CurrentKeyId, buildId, userId, Start + lifetime)
                && result.IsValid
                && otherBuild.Status == VerificationStatus.WrongBuild
                && token.Length <= 88;
        }, iter: 10_000);
    }

    /// <summary>Fails when either verifier throws on the input or accepts it; returns the access token verifier's status.</summary>
    private VerificationStatus AssertRejected(string input, int index, string seed)
    {
        VerificationResult tokenResult;
        VerificationResult ticketResult;
        try
        {
            tokenResult = tokens.Verify(input, BuildId);
            ticketResult = input == validTicket ? VerificationResult.Malformed("skipped") : tickets.Redeem(input, BuildId);
        }
        catch (Exception exception)
        {
            Assert.Fail($"Input {index} of seed {seed} threw: {Describe(input)}\n{exception}");
            throw;
        }

        if ((tokenResult.IsValid && input != validToken) || ticketResult.IsValid)
        {
            Assert.Fail($"Input {index} of seed {seed} was accepted: {Describe(input)}");
        }

        return tokenResult.Status;
    }

    /// <summary>
    /// One to four edits of a valid value: replace a character, delete, insert, swap, truncate, or repeat part of it.
    /// Kind 6 replaces a character with one of the same class, so the layout stays valid and the MAC check is reached.
    /// </summary>
    private static Gen<string> Mutations(string original) =>
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 1000], NearTokenCharacter)
            .Array[1, 4]
            .Select(edits => edits.Aggregate(original, (text, edit) => Mutate(text, edit.Item1, edit.Item2, edit.Item3)));

    private static string Mutate(string text, int kind, int position, char character)
    {
        if (text.Length == 0)
        {
            return character.ToString();
        }

        var at = position % text.Length;
        return kind switch
        {
            0 => text[..at] + character + text[(at + 1)..],
            1 => text.Remove(at, 1),
            2 => text.Insert(at, character.ToString()),
            3 when at + 1 < text.Length => text[..at] + text[at + 1] + text[at] + text[(at + 2)..],
            4 => text[..at],
            6 => text[..at] + SameClass(text[at], position) + text[(at + 1)..],
            _ => text.Insert(at, text[at..Math.Min(text.Length, at + 1 + (position % 24))]),
        };
    }

    private static char SameClass(char original, int position) => original switch
    {
        >= '0' and <= '9' => (char)('0' + (position % 10)),
        '.' => '.',
        _ => Base64UrlCharacters[position % Base64UrlCharacters.Length],
    };

    private static int ReadCount()
    {
        var text = Environment.GetEnvironmentVariable(CountVariable);
        if (string.IsNullOrEmpty(text))
        {
            return DefaultCount;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new InvalidOperationException($"{CountVariable} must be a positive whole number; got '{text}'.");
        }

        return count;
    }

    private static PCG ReadSeed()
    {
        var text = Environment.GetEnvironmentVariable(SeedVariable);
        return string.IsNullOrEmpty(text) ? new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()) : PCG.Parse(text);
    }

    private static string Describe(string input)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in input)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || ".-_+/=".Contains(c) ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return builder.Append('"').ToString();
    }
}
