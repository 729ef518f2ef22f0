using System.Text.Json;
using System.Text.RegularExpressions;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Pipelines;

namespace LuceneReco.Host.Tests.Offline;

/// <summary>
/// Explanations a person can read, on the bundled samples with the built-in plugins trained: every word a reason shows
/// is a word of the item's own text (never a stem such as "stori"), other items appear by title (never by id), the
/// user's events by their own kind, and the arithmetic only in the debug part.
/// </summary>
public sealed partial class ExplanationWordsTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index, _store;

    public ExplanationWordsTests()
    {
        _index = _files.PathOf("index");
        _store = _files.PathOf("events.db");
        SampleIndex.Build(_index);
        CliRun.Of("interactions", "import", "--store", _store, "--file", TestFiles.Sample("interactions.tsv"), "--kind", "rating").AssertOk();
        CliRun.Of("train", "--store", _store, "--index", _index).AssertOk();
    }

    public void Dispose() => _files.Dispose();

    public static TheoryData<string[]> Requests => new()
    {
        new[] { "--user", "u01" },
        new[] { "--user", "u07" },
        new[] { "--user", "u12", "--query", "space station engineering" },
        new[] { "--user", "u03", "--query", "stories of the sea", "--pipeline", "default" },
        new[] { "--user", "nobody", "--recent", "b001,f059", "--pipeline", "default" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void EveryShownWord_IsAWordOfTheItem_AndItemsAppearByTitle(string[] request)
    {
        var items = Run(request);
        Assert.NotEmpty(items);
        var ids = AllIds();
        int reasons = 0, withTerms = 0;
        foreach (var item in items)
        {
            var words = WordsOf(item.GetProperty("fields"));
            foreach (var reason in item.GetProperty("reasons").EnumerateArray())
            {
                reasons++;
                string text = reason.GetProperty("text").GetString()!;
                if (reason.TryGetProperty("terms", out var terms) && terms.ValueKind == JsonValueKind.Array)
                {
                    foreach (var term in terms.EnumerateArray())
                    {
                        withTerms++;
                        Assert.True(words.Contains(term.GetString()!), $"'{term}' in \"{text}\" is not a word of {item.GetProperty("id")}");
                    }
                }
                foreach (string id in ids) // every sample item has a title, so no id may show
                    Assert.False(Regex.IsMatch(text, $@"\b{Regex.Escape(id)}\b"), $"id {id} in \"{text}\"");
                Assert.DoesNotMatch(@"\d\.\d{2}| = | x \d", text); // no arithmetic: that is the debug part's
            }
            Assert.NotEmpty(item.GetProperty("debug").EnumerateArray());
        }
        Assert.True(reasons > 0 && withTerms > 0, $"{reasons} reasons, {withTerms} words: the test checked nothing");
    }

    [Fact]
    public void CollaborativeAndProfileReasons_NameTheUsersRatings_AsRatings()
    {
        var lines = Run(["--user", "u01"]).SelectMany(i => i.GetProperty("explanation").EnumerateArray()).Select(l => l.GetString()!).ToList();
        Assert.Contains(lines, l => l.StartsWith("als: because you rated ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("itemknn: because you rated ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("profile: because you rated ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("viewed", StringComparison.Ordinal)); // the events are ratings
    }

    private List<JsonElement> Run(string[] request)
    {
        string output = CliRun.Of(["recommend", "--index", _index, "--store", _store, "-k", "8", "--json", "--explain", .. request]).AssertOk();
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>The item's words, case-insensitively: every run of letters and digits of its stored text, whole and split at inner punctuation.</summary>
    private static HashSet<string> WordsOf(JsonElement fields)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields.EnumerateObject())
        {
            var values = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().ToList() : [field.Value];
            foreach (var value in values.Where(v => v.ValueKind == JsonValueKind.String))
                foreach (Match m in Word().Matches(value.GetString()!))
                {
                    words.Add(m.Value);
                    foreach (string part in m.Value.Split(['\'', '’', '.', '-'])) words.Add(part);
                }
        }
        return words;
    }

    private static List<string> AllIds() =>
        File.ReadLines(TestFiles.Sample("catalogue.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToList();

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*")]
    private static partial Regex Word();
}
