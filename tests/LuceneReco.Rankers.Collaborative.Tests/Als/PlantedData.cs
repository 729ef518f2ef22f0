using LuceneReco.Plugins;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Als;

/// <summary>
/// A planted low-rank preference structure: Gaussian user and item vectors of a small rank; each user's positives are
/// their top items by the planted score, some of them held out. A good implicit model recovers the held-out ones.
/// </summary>
internal sealed class PlantedData
{
    public PlantedData(int seed, int users = 150, int items = 120, int rank = 3, int positives = 20, int heldOut = 5)
    {
        var random = new Random(seed);
        double[,] u = Gaussian(random, users, rank), v = Gaussian(random, items, rank);
        for (int user = 0; user < users; user++)
        {
            var score = new double[items];
            for (int i = 0; i < items; i++)
                for (int k = 0; k < rank; k++) score[i] += u[user, k] * v[i, k];
            int[] order = Enumerable.Range(0, items).OrderByDescending(i => score[i]).ToArray();
            int[] mine = order[..positives];
            random.Shuffle(mine);
            var set = new HashSet<string>();
            foreach (int i in mine) set.Add(Item(i));
            Positives.Add(Id(user), set);
            HeldOut.Add(Id(user), mine[..heldOut].Select(Item).ToHashSet());
            foreach (int i in mine[heldOut..]) Train.Add(E(Id(user), Item(i)));
        }
        ItemIds = Enumerable.Range(0, items).Select(Item).ToArray();
    }

    public List<Interaction> Train { get; } = [];

    public Dictionary<string, HashSet<string>> Positives { get; } = [];

    public Dictionary<string, HashSet<string>> HeldOut { get; } = [];

    public string[] ItemIds { get; }

    public static string Id(int user) => "u" + user;

    public static string Item(int item) => "i" + item;

    private static double[,] Gaussian(Random random, int rows, int columns)
    {
        var m = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
                m[r, c] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return m;
    }
}
