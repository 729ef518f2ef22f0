using System.Text.Json;
using System.Text.RegularExpressions;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Stages;

/// <summary>
/// A small film catalogue: three near-identical "Alien" films from one provider at the top of the list, then films of
/// other kinds; helpers that create stages through the plugin entry point with JSON options, and run them.
/// </summary>
internal static partial class StageFixture
{
    public static FakeCatalog Films() => new FakeCatalog()
        .Add("m1", ("title", "Alien"), ("body", "a crew in deep space meets an alien creature on their ship"), ("category", "SciFi"), ("provider", "Fox"))
        .Add("m2", ("title", "Aliens"), ("body", "marines in deep space fight the alien creature on a ship"), ("category", "SciFi"), ("provider", "Fox"))
        .Add("m3", ("title", "Alien 3"), ("body", "the alien creature hunts prisoners after a ship crash in space"), ("category", "SciFi"), ("provider", "Fox"))
        .Add("m4", ("title", "Amelie"), ("body", "a shy waitress in paris changes the lives of the people around her"), ("category", "Comedy"), ("provider", "Miramax"))
        .Add("m5", ("title", "Before Sunrise"), ("body", "two strangers walk through vienna at night and fall in love"), ("category", "Drama"), ("provider", "Columbia"))
        .Add("m6", ("title", "Heat"), ("body", "a detective hunts a crew of thieves across los angeles"), ("category", "Crime"), ("provider", "Warner"))
        .Add("m7", ("title", "Prometheus"), ("body", "explorers in deep space find an alien ship"), ("category", "SciFi"), ("provider", "Fox"));

    /// <summary>m1..m7 with falling scores 7..1.</summary>
    public static List<Candidate> Candidates() => [.. Enumerable.Range(1, 7).Select(k => new Candidate("m" + k, 8 - k))];

    public static RankingRequest Request(params (string Key, string Value)[] options) =>
        new(null, null, [], 10, options.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal));

    public static IRankerStage Stage(IRankerPlugin plugin, FakeCatalog catalog, string optionsJson = "{}")
    {
        using JsonDocument doc = JsonDocument.Parse(optionsJson);
        return plugin.CreateStage(doc.RootElement.Clone(), new FakeServices(catalog));
    }

    public static async Task<List<Candidate>> Run(IRankerStage stage, List<Candidate> candidates, RankingRequest? request = null)
    {
        await stage.RerankAsync(request ?? Request(), candidates, CancellationToken.None);
        return candidates;
    }

    /// <summary>Explanations are for people: no operators between numbers, no decimals, no equations.</summary>
    public static void AssertNoArithmetic(IEnumerable<Candidate> candidates)
    {
        foreach (string line in candidates.SelectMany(c => c.Explanations))
            Assert.False(Arithmetic().IsMatch(line), $"explanation with arithmetic: {line}");
    }

    [GeneratedRegex(@"[=+*^]|\d\s*[x/-]\s*\d|\d[.,]\d|\be\d|sqrt|log")]
    private static partial Regex Arithmetic();
}
