using LuceneReco.Index.Documents;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>
/// A small random catalogue for the contract tests: titles and bodies drawn (Zipf-like) from words that no analyzer
/// here stems or drops, a category keyword and a price. Held in memory so expected hit sets can be computed by brute force.
/// </summary>
internal sealed class TestCorpus
{
    public static readonly string[] Words =
    [
        "orbit", "station", "rocket", "garden", "violin", "kernel", "packet", "harbor", "lantern", "meadow",
        "copper", "glacier", "tundra", "pixel", "saddle", "falcon", "marble", "cactus", "beacon", "walnut",
        "ember", "quartz", "velvet", "zephyr", "nectar", "basalt", "cobalt", "willow", "ferret", "mosaic",
    ];

    public static readonly string[] Categories = ["alpha", "beta", "gamma"];

    public static IndexSchema Schema { get; } = new(
    [
        new FieldDefinition("title", FieldKind.Text),
        new FieldDefinition("body", FieldKind.Text),
        new FieldDefinition("category", FieldKind.Keyword),
        new FieldDefinition("price", FieldKind.Numeric),
    ]);

    public TestCorpus(int seed, int count)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++) Items.Add(Item(random, "item-" + i));
    }

    public List<Document> Items { get; } = new();

    /// <summary>A random item with id <paramref name="id"/>.</summary>
    public static Document Item(Random random, string id) => new Document(id)
        .Add("title", Text(random, 2 + random.Next(4)))
        .Add("body", Text(random, 5 + random.Next(30)))
        .Add("category", Categories[random.Next(Categories.Length)])
        .Add("price", random.Next(1, 100));

    private static string Text(Random random, int n)
    {
        var words = new string[n];
        for (int i = 0; i < n; i++)
        {
            // Zipf-like: low indices are common, so document frequencies spread out
            double u = random.NextDouble();
            words[i] = Words[(int)(Words.Length * u * u * u)];
        }
        return string.Join(' ', words);
    }
}
