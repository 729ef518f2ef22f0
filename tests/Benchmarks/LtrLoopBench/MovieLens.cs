using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.LtrLoopBench;

/// <summary>MovieLens latest-small split per user by time: the newest 20% of each user's ratings held out.</summary>
internal sealed class MovieLens
{
    public List<int> Users { get; } = [];

    public Dictionary<string, (string Title, string[] Genres, double? Year)> Items { get; } = new(StringComparer.Ordinal);

    public Dictionary<int, HashSet<string>> TrainItems { get; } = [];

    public Dictionary<int, List<string>> Recent { get; } = [];

    public Dictionary<int, Dictionary<string, double>> HeldOut { get; } = [];

    public List<Interaction> Train { get; } = [];

    public List<(string Item, int Count)> Popular { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>1 for a held-out rating of 4 or more, else 0.</summary>
    public int Relevant(int user, string item) => HeldOut[user].TryGetValue(item, out double r) && r >= 4 ? 1 : 0;

    public static MovieLens Load(string folder)
    {
        var ci = CultureInfo.InvariantCulture;
        var data = new MovieLens();
        foreach (var line in File.ReadLines(Path.Combine(folder, "movies.csv")).Skip(1))
        {
            int a = line.IndexOf(','), b = line.LastIndexOf(',');
            string title = line[(a + 1)..b].Trim('"');
            double? year = title.Length > 6 && title[^1] == ')' && double.TryParse(title[^5..^1], NumberStyles.Integer, ci, out double y) ? y : null;
            data.Items[line[..a]] = (title, line[(b + 1)..].Split('|'), year);
        }
        var byUser = new Dictionary<int, List<(string Item, double Rating, long Time)>>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "ratings.csv")).Skip(1))
        {
            var p = line.Split(',');
            int user = int.Parse(p[0], ci);
            if (!byUser.TryGetValue(user, out var list)) byUser[user] = list = [];
            list.Add((p[1], double.Parse(p[2], ci), long.Parse(p[3], ci)));
        }
        long latest = 0;
        foreach (var (user, list) in byUser.OrderBy(u => u.Key))
        {
            list.Sort((x, y) => x.Time.CompareTo(y.Time));
            int held = Math.Max(1, list.Count / 5);
            var train = list.Take(list.Count - held).ToList();
            data.Users.Add(user);
            data.TrainItems[user] = [.. train.Select(t => t.Item)];
            data.Recent[user] = [.. train.AsEnumerable().Reverse().Select(t => t.Item)];
            data.HeldOut[user] = list.Skip(list.Count - held).ToDictionary(t => t.Item, t => t.Rating);
            foreach (var t in train)
            {
                data.Train.Add(new Interaction(user.ToString(ci), t.Item, "rating", t.Rating, DateTimeOffset.FromUnixTimeSeconds(t.Time)));
                latest = Math.Max(latest, t.Time);
            }
        }
        data.Now = DateTimeOffset.FromUnixTimeSeconds(latest);
        data.Popular = [.. data.Train.GroupBy(e => e.ItemId).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)];
        return data;
    }
}

/// <summary>The contract's services over the training split.</summary>
internal sealed class Services(MovieLens data) : IRankerServices, IItemCatalog, IInteractionReader
{
    private readonly Dictionary<string, List<Interaction>> _byItem = data.Train.GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Timestamp).ToList());
    private readonly Dictionary<string, List<Interaction>> _byUser = data.Train.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Timestamp).ToList());

    public IItemCatalog Items => this;

    public IInteractionReader Interactions => this;

    public string DataDirectory => Path.GetTempPath();

    public IRankerLog Log { get; } = new NoLog();

    public TimeProvider Clock { get; } = new Fixed(data.Now);

    public int Count => data.Items.Count;

    public bool Contains(string itemId) => data.Items.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        data.Items.TryGetValue(itemId, out var i) ? new Dictionary<string, IReadOnlyList<string>> { ["title"] = [i.Title], ["genres"] = i.Genres } : new Dictionary<string, IReadOnlyList<string>>();

    public double? Number(string itemId, string field) => field == "year" && data.Items.TryGetValue(itemId, out var i) ? i.Year : null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];

    public int DocFreq(string field, string term) => 0;

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => _byUser.TryGetValue(userId, out var l) ? l.Take(max).ToList() : [];

    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => _byItem.TryGetValue(itemId, out var l) ? l.Take(max).ToList() : [];

    private sealed class NoLog : IRankerLog
    {
        public void Info(string message) { }

        public void Warn(string message) { }
    }

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
