using System.Globalization;
using System.Text.Json;
using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Popular;

/// <summary>
/// "popular": trained by counting each item's users into <c>popular-vN.txt</c> (item TAB count, most popular first) in its data
/// folder; its source recalls the newest file's items in that order (honouring the request's filter), and its stage adds 0.5 to
/// every candidate the file knows. Enough to show a plugin that is trained, supplies candidates and reranks through the contract.
/// </summary>
public sealed class PopularPlugin : IRankerPlugin, ICandidateSourcePlugin, ITrainablePlugin
{
    public string Name => "popular";

    public Version Version => GetType().Assembly.GetName().Version!;

    public string Description => "Most-interacted items (test plugin).";

    public IReadOnlyList<TrainingSetting> TrainingSettings { get; } = [new("min-users", "Items with fewer users are left out (default 1).")];

    public IRankerStage CreateStage(JsonElement? options, IRankerServices services) => new PopularStage(services.DataDirectory);

    public ICandidateSource CreateSource(JsonElement? options, IRankerServices services) => new PopularSourceImpl(services.DataDirectory);

    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation)
    {
        int minUsers = 1;
        if (job.Settings.TryGetValue("min-users", out var text) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out minUsers))
            throw new ArgumentException($"min-users must be an integer, got '{text}'");
        var users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in job.Events)
        {
            if (!users.TryGetValue(e.ItemId, out var set)) users[e.ItemId] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(e.UserId);
        }
        int version = PopularFile.Versions(job.DataDirectory).DefaultIfEmpty(0).Max() + 1;
        string path = Path.Combine(job.DataDirectory, $"popular-v{version}.txt");
        var lines = users.Where(p => p.Value.Count >= minUsers)
            .OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}\t{p.Value.Count}");
        File.WriteAllLines(path + ".tmp", lines);
        File.Move(path + ".tmp", path, overwrite: true);
        job.Progress($"counted {users.Count} items");
        return new TrainingOutcome($"popular: {users.Count} items -> v{version}", [path]);
    }
}
