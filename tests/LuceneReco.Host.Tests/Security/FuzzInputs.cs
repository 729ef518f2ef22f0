using System.Globalization;
using System.Text;

namespace LuceneReco.Host.Tests.Security;

/// <summary>
/// Seeded random inputs for the fuzz tests: strings with control characters, surrogates, escapes and long runs, and
/// mutations of valid texts (bytes flipped, cut, repeated, invalid UTF-8 spliced in).
/// </summary>
internal sealed class FuzzInputs(int seed)
{
    /// <summary>How many inputs each fuzz test sends: <c>LUCENERECO_FUZZ_ITERATIONS</c>, else <paramref name="ci"/> (the CI run).</summary>
    public static int Iterations(int ci) =>
        int.TryParse(Environment.GetEnvironmentVariable("LUCENERECO_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : ci;

    private static readonly string[] Pieces =
    [
        "", " ", "a", "b001", "f059", "orbit", "space station", "/", "%2F", "%", "%%", "%zz", "\\", "\"", "'", "\u0000", "\u001b[2J", "\u0007",
        "\r\n", "\t", "\u00e9", "\u4e2d\u6587", "\ud83d\ude80", "\ud800", "\udfff", "\u202e", "\ufeff", "{", "}", "[", "]", ":", ",", "null",
        "true", "-1", "0", "1e308", "NaN", "9999999999999999999999", "category=books", "rating=1..5", "=", "..", "*", "?", "#", "&", "+",
    ];

    public Random Random { get; } = new(seed);

    /// <summary>A random string: pieces joined, now and then one repeated into a long run.</summary>
    public string Text(int maxPieces = 6)
    {
        var sb = new StringBuilder();
        int n = Random.Next(maxPieces + 1);
        for (int i = 0; i < n; i++) sb.Append(Pieces[Random.Next(Pieces.Length)]);
        if (Random.Next(20) == 0) sb.Append(new string((char)Random.Next(32, 0x3000), Random.Next(1, 20_000)));
        return sb.ToString();
    }

    /// <summary>A JSON value of a random kind (string, number, literal, array, object, deep nesting).</summary>
    public string JsonValue(int depth = 0)
    {
        switch (Random.Next(depth > 2 ? 5 : 8))
        {
            case 0: return System.Text.Json.JsonSerializer.Serialize(Text());
            case 1: return Random.Next(-1000, 100_000).ToString(CultureInfo.InvariantCulture);
            case 2: return Pieces[Random.Next(Pieces.Length)] is var p && p is "null" or "true" or "-1" or "0" or "1e308" ? p : "null";
            case 3: return (Random.NextDouble() * 1e6).ToString("R", CultureInfo.InvariantCulture);
            case 4: return "\"" + Text() + "\""; // possibly not valid JSON
            case 5: return "[" + string.Join(",", Enumerable.Range(0, Random.Next(4)).Select(_ => JsonValue(depth + 1))) + "]";
            case 6: return "{" + string.Join(",", Enumerable.Range(0, Random.Next(4)).Select(_ => $"\"{Key()}\":{JsonValue(depth + 1)}")) + "}";
            default: return new string('[', 200) + new string(']', 200);
        }
    }

    /// <summary>A property name: usually one the API knows.</summary>
    public string Key() => Random.Next(4) == 0 ? Text(2).Replace("\"", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal)
        : new[] { "id", "title", "body", "category", "tags", "provider", "userId", "itemId", "kind", "weight", "timestamp", "recentItems", "query", "filters", "k", "pipeline", "options", "explain" }[Random.Next(18)];

    /// <summary><paramref name="text"/> as UTF-8, mutated: bytes flipped, cut, spliced or repeated.</summary>
    public byte[] Mutate(string text)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        int edits = Random.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = Random.Next(bytes.Count);
            switch (Random.Next(5))
            {
                case 0: bytes[at] = (byte)Random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Text(2))); break;
                case 3: bytes.InsertRange(at, new byte[] { 0xC3, 0x28, 0xFF, 0xFE }[..Random.Next(1, 5)]); break;
                default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(bytes.Count - at, Random.Next(1, 50)))); break;
            }
        }
        return [.. bytes];
    }
}
