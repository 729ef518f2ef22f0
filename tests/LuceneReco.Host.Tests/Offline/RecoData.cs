using System.Globalization;
using System.Text;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

/// <summary>
/// A tiny dataset with a planted structure: 24 "space" users rate only space items (s00-s14) and 16 "cooking" users
/// only cooking items (c00-c14), 10 items each, seeded. Popularity therefore pushes space items at cooking users,
/// while collaborative models keep each user in their group. Item text says which group an item belongs to.
/// </summary>
internal sealed class RecoData : IDisposable
{
    public const int SpaceUsers = 24, CookingUsers = 16, ItemsPerGroup = 15, PerUser = 10;

    public RecoData(int seed = 11)
    {
        var items = new StringBuilder("id\ttitle\tbody\tcategory\n");
        string[] space = ["orbit", "rocket", "station", "planet", "comet", "nebula", "galaxy"];
        string[] cooking = ["recipe", "kitchen", "bread", "sauce", "oven", "spice", "soup"];
        for (int i = 0; i < ItemsPerGroup; i++)
        {
            items.Append(CultureInfo.InvariantCulture, $"s{i:00}\tSpace story {i}\t{space[i % 7]} {space[(i + 2) % 7]} {space[(i + 4) % 7]} voyage\tspace\n");
            items.Append(CultureInfo.InvariantCulture, $"c{i:00}\tCooking book {i}\t{cooking[i % 7]} {cooking[(i + 2) % 7]} {cooking[(i + 4) % 7]} meal\tcooking\n");
        }
        var events = new StringBuilder();
        var random = new Random(seed);
        for (int u = 0; u < SpaceUsers + CookingUsers; u++)
        {
            string prefix = u < SpaceUsers ? "s" : "c";
            var order = Enumerable.Range(0, ItemsPerGroup).ToArray();
            random.Shuffle(order);
            for (int e = 0; e < PerUser; e++)
                events.Append(CultureInfo.InvariantCulture, $"u{u:00}\t{prefix}{order[e]:00}\t{1 + random.Next(5)}\t{1_600_000_000 + u * 1000 + e}\n");
        }
        ItemsFile = Files.Write("items.tsv", items.ToString());
        InteractionsFile = Files.Write("interactions.tsv", events.ToString());
        Index = Files.PathOf("index");
        CliRun.Of("index", "build", "--index", Index, "--items", ItemsFile).AssertOk();
    }

    public TestFiles Files { get; } = new();

    public string ItemsFile { get; }

    public string InteractionsFile { get; }

    public string Index { get; }

    /// <summary>Small, fast model options for the CLI.</summary>
    public static string[] FastModel => ["--factors", "8", "--iterations", "5", "--lambda", "1"];

    public void Dispose() => Files.Dispose();
}
