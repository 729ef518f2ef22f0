using System.Globalization;
using System.Text;

namespace LuceneReco.LoadTest;

/// <summary>
/// What the load sends against the sample catalogue: keyword queries that all have hits, users with a few
/// events each (so recommendations have a profile), and the pipelines: <c>staged</c> (the default: search and
/// profile recall, RRF, then the <c>good</c> test ranker) and <c>bare</c> (the same recall, no stage).
/// </summary>
public static class LoadWorkload
{
    /// <summary>The ranker the load exercises (tests/TestPlugins/GoodRanker).</summary>
    public const string Ranker = "good";

    /// <summary>The default pipeline, with the <see cref="Ranker"/> stage.</summary>
    public const string Staged = "staged";

    /// <summary>The same recall without stages.</summary>
    public const string Bare = "bare";

    /// <summary>Keyword queries; each matches items of samples/catalogue.tsv.</summary>
    public static readonly IReadOnlyList<string> Queries =
    [
        "orbit station", "detective murder", "cooking recipe", "rome empire", "medieval castle", "mountain climbing",
        "sea voyage", "climate change", "music band", "dragon accountant", "artificial intelligence", "search engine",
        "database", "recommender", "europa", "space",
    ];

    /// <summary>How many users have events.</summary>
    public const int Users = 16;

    /// <summary>The user id of user <paramref name="n"/>.</summary>
    public static string User(int n) => "load-user-" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>POST /events</c> body: 4 events per user on seeded items of the catalogue (b001-b070, f001-f060, s001-s070).</summary>
    public static string EventsJson(int seed)
    {
        var random = new Random(seed);
        var json = new StringBuilder("[");
        for (int u = 0; u < Users; u++)
        {
            for (int e = 0; e < 4; e++)
            {
                var (prefix, count) = random.Next(3) switch { 0 => ("b", 70), 1 => ("f", 60), _ => ("s", 70) };
                var item = prefix + (1 + random.Next(count)).ToString("000", CultureInfo.InvariantCulture);
                if (json.Length > 1) json.Append(',');
                json.Append(CultureInfo.InvariantCulture, $$"""{"userId":"{{User(u)}}","itemId":"{{item}}"}""");
            }
        }
        return json.Append(']').ToString();
    }

    /// <summary>The pipelines.json of the load: <see cref="Staged"/> (default) and <see cref="Bare"/>.</summary>
    public static string ConfigJson() =>
        $$"""
        {
          "defaultPipeline": "{{Staged}}",
          "pipelines": {
            "{{Staged}}": {
              "recall": [ { "source": "search", "size": 200 }, { "source": "profile", "size": 200 } ],
              "fusion": "rrf",
              "stages": [ { "ranker": "{{Ranker}}", "budgetMs": 5000 } ]
            },
            "{{Bare}}": {
              "recall": [ { "source": "search", "size": 200 }, { "source": "profile", "size": 200 } ],
              "fusion": "rrf"
            }
          }
        }
        """;
}
