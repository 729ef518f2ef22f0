using System.Globalization;
using System.Text;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Bench;

/// <summary>
/// A real index of samples/catalogue.tsv (200 items: books, films, software) and seeded events over its ids: each of
/// <see cref="UsersPerCategory"/> users per category has 8 to 12 items of that category, the category's first items
/// drawn more often, so the collaborative models and the content profile all have something to recall.
/// </summary>
internal sealed class CatalogueEvents : IDisposable
{
    public const int UsersPerCategory = 15;

    public CatalogueEvents(int seed = 5)
    {
        var byCategory = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(TestFiles.Sample("catalogue.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            if (!byCategory.TryGetValue(cols[3], out var ids)) byCategory[cols[3]] = ids = [];
            ids.Add(cols[0]);
        }
        var random = new Random(seed);
        var events = new StringBuilder();
        int user = 0;
        foreach (var (_, ids) in byCategory)
            for (int u = 0; u < UsersPerCategory; u++, user++)
            {
                var chosen = new HashSet<string>(StringComparer.Ordinal);
                int want = random.Next(8, 13);
                while (chosen.Count < want)
                {
                    double x = random.NextDouble();
                    string id = ids[(int)(x * x * ids.Count)]; // squared: the first items are drawn more often
                    if (chosen.Add(id))
                        events.Append(CultureInfo.InvariantCulture, $"u{user:00}\t{id}\t1\t{1_700_000_000 + user * 1000 + chosen.Count}\n");
                }
            }
        Users = user;
        InteractionsFile = Files.Write("events.tsv", events.ToString());
        Index = Files.PathOf("index");
        CliRun.Of("index", "build", "--index", Index, "--items", TestFiles.Sample("catalogue.tsv")).AssertOk();
    }

    public TestFiles Files { get; } = new();

    /// <summary>How many users have events.</summary>
    public int Users { get; }

    public string InteractionsFile { get; }

    public string Index { get; }

    /// <summary>Small, fast model and timing options for the CLI.</summary>
    public static string[] Fast => ["--factors", "8", "--iterations", "3", "--lambda", "1", "--warmup", "5"];

    public void Dispose() => Files.Dispose();
}
