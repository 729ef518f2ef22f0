// The learning-to-rank loop on MovieLens latest-small, at the feature level (the SQLite log and the join are tested in
// tests/LuceneReco.Host.Tests/FeatureLog). Each user's newest 20% of ratings are held out; a rating of 4 or more is relevant.
// Candidates: the 200 most rated films the user has not rated, served by popularity. Users with even ids are "logged":
// each has 40 sessions (--sessions) of the first 20, a fifth of them with the first 10 places shuffled; a film is clicked when the user
// examines its place (probability 1 / position, which the trainer does not know) and it is relevant. Features come from
// the plugin's own extractors. LambdaMART is trained from the labelled lists with and without inverse propensity weights
// (propensities estimated from the shuffled lists), and every model is scored on the odd-id users' held-out relevance.
// Run: dotnet run -c Release --project tests/Benchmarks/LtrLoopBench -- ../shared/datasets/ml-latest-small [--seed N] [--sessions N]
using System.Globalization;
using System.Text;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Features.Extractors;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Training;
using LuceneReco.LtrLoopBench;

var ci = CultureInfo.InvariantCulture;
if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: LtrLoopBench DATASET_DIR (ml-latest-small) [--seed N]; skipped: the dataset folder is absent");
    return 2;
}
int seed = Option("--seed", 1), sessionsPerUser = Option("--sessions", 40);
int Option(string name, int fallback) => Array.IndexOf(args, name) is int at and >= 1 && at + 1 < args.Length ? int.Parse(args[at + 1], ci) : fallback;
var data = MovieLens.Load(args[0]);
var random = new Random(seed);
string work = Path.Combine(Path.GetTempPath(), "ltr-loop-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var services = new Services(data);
IFeatureExtractor[] extractors =
[
    new RecallExtractor(),
    new PopularityExtractor(TimeSpan.FromDays(365), 100_000),
    new NumericExtractor(["year"]),
    new HistoryOverlapExtractor(["genres"], 50),
    new UserExtractor(),
];

List<Candidate> Candidates(int user)
{
    var rated = data.TrainItems[user];
    var list = new List<Candidate>(200);
    foreach (var (item, count) in data.Popular)
    {
        if (rated.Contains(item)) continue;
        var c = new Candidate(item, count);
        c.StageScores["popular"] = count;
        c.Features["popular.rank"] = list.Count + 1;
        list.Add(c);
        if (list.Count == 200) break;
    }
    var request = new RankingRequest(user.ToString(ci), null, data.Recent[user], 20, new Dictionary<string, string>());
    var context = new FeatureContext(request, services);
    foreach (var e in extractors) e.Extract(context, list);
    return list;
}

double[] truth = [.. Enumerable.Range(1, 20).Select(k => 1.0 / k)];
var sessions = new List<(Candidate[] Items, int[] Clicks, bool Shuffled, int User)>();
foreach (int user in data.Users.Where(u => u % 2 == 0))
{
    var served = Candidates(user).Take(20).ToArray();
    for (int s = 0; s < sessionsPerUser; s++)
    {
        var items = (Candidate[])served.Clone();
        bool shuffled = random.NextDouble() < 0.2;
        if (shuffled) random.Shuffle(items.AsSpan(0, 10));
        var clicks = new int[items.Length];
        for (int p = 0; p < items.Length; p++)
            clicks[p] = data.Relevant(user, items[p].ItemId) > 0 && random.NextDouble() < truth[p] ? 1 : 0;
        sessions.Add((items, clicks, shuffled, user));
    }
}

// propensities from the shuffled lists: clicks at place k over clicks at place 1 (relevance is independent of place there)
var shown = new int[10];
var clicked = new int[10];
foreach (var s in sessions.Where(s => s.Shuffled))
    for (int k = 0; k < 10; k++) { shown[k]++; clicked[k] += s.Clicks[k]; }
double first = clicked[0] / (double)shown[0];
double[] propensity = [.. Enumerable.Range(0, 20).Select(k => k == 0 ? 1 : Math.Min(1, Math.Max(clicked[Math.Min(k, 9)], 0.5) / shown[Math.Min(k, 9)] / first))];
Console.WriteLine($"MovieLens latest-small: {data.Users.Count} users, {data.Items.Count} films; {sessions.Count} logged lists ({sessions.Count(s => s.Shuffled)} shuffled), {sessions.Sum(s => s.Clicks.Sum())} clicks, seed {seed}");
Console.WriteLine("position  simulated  estimated");
foreach (int k in new[] { 1, 2, 3, 5, 10 }) Console.WriteLine(string.Create(ci, $"{k,8}  {truth[k - 1],9:0.000}  {propensity[k - 1],9:0.000}"));

var names = sessions.SelectMany(s => s.Items).SelectMany(c => c.Features.Keys).Where(n => !n.StartsWith("learned.", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToArray();
string lists = Path.Combine(work, "lists.tsv");
var text = new StringBuilder("list\tserved\tlabel\tposition\tweight\t" + string.Join('\t', names) + "\n");
for (int l = 0; l < sessions.Count; l++)
    for (int p = 0; p < sessions[l].Items.Length; p++)
    {
        var c = sessions[l].Items[p];
        int label = sessions[l].Clicks[p];
        double weight = label > 0 ? Math.Min(20, 1 / propensity[p]) : 1;
        text.Append(string.Create(ci, $"{l}\t{l}\t{label}\t{p + 1}\t{weight:R}"));
        foreach (var n in names) text.Append('\t').Append(c.Features.TryGetValue(n, out double v) ? v.ToString("R", ci) : "");
        text.Append('\n');
    }
File.WriteAllText(lists, text.ToString());

string Train(string file, bool weights)
{
    var settings = new Dictionary<string, string> { ["lists"] = lists, ["model-file"] = file, ["weights"] = weights ? "true" : "false", ["seed"] = seed.ToString(ci), ["leaves"] = "7", ["min-data"] = "300", ["learning-rate"] = "0.1" };
    var outcome = LambdaMartTrainer.Train(new TrainingJob([], work, settings, TimeProvider.System, _ => { }), CancellationToken.None);
    Console.WriteLine(outcome.Summary);
    return Path.Combine(work, file);
}
var plain = LightGbmTextReader.Read(Train("plain.txt", weights: false));
var weighted = LightGbmTextReader.Read(Train("ipw.txt", weights: true));

// held-out NDCG@10 on the other users, against their held-out relevance
var sums = new double[3];
int evaluated = 0;
foreach (int user in data.Users.Where(u => u % 2 == 1))
{
    var candidates = Candidates(user);
    float[] labels = [.. candidates.Select(c => (float)data.Relevant(user, c.ItemId))];
    if (labels.All(x => x == 0)) continue;
    double[] popularity = [.. candidates.Select(c => c.Score)];
    sums[0] += Ndcg.Mean(labels, [labels.Length], popularity, 10, out _);
    sums[1] += Ndcg.Mean(labels, [labels.Length], Score(plain, candidates), 10, out _);
    sums[2] += Ndcg.Mean(labels, [labels.Length], Score(weighted, candidates), 10, out _);
    evaluated++;
}
Console.WriteLine(string.Create(ci, $"held-out NDCG@10 over {evaluated} users: popularity {sums[0] / evaluated:0.0000}, LambdaMART {sums[1] / evaluated:0.0000}, LambdaMART with IPW {sums[2] / evaluated:0.0000}"));
Directory.Delete(work, recursive: true);
return 0;

double[] Score(ScoringModel model, List<Candidate> candidates)
{
    using var rows = new FeatureMatrix(candidates.Count, names.Length);
    for (int r = 0; r < candidates.Count; r++)
        for (int f = 0; f < names.Length; f++)
            if (candidates[r].Features.TryGetValue(names[f], out double v)) rows[r, f] = v;
    var scores = new double[candidates.Count];
    model.Score(rows, scores);
    return scores;
}
