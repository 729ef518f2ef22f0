// Learned-ranker scoring benchmark.
//
// What: our flattened tree scorer on 1,000 candidates x 500 XGBoost trees of depth 6 (20 features, 10% missing), against a
// baseline walk of the same arrays one row and one node at a time; TreeSHAP contributions for 10 items; and the whole
// "learned" stage (features read from 1,000 candidates' dictionaries, scored, sorted, the first 10 explained).
// Corpus: the model and rows written by make_bench_model.py (seeded), whose XGBoost margins are checked before timing.
// Run:
//   /usr/bin/python3 tests/Benchmarks/LearnedBench/make_bench_model.py /tmp/learned-bench
//   dotnet run -c Release --project tests/Benchmarks/LearnedBench -- /tmp/learned-bench [--runs 500]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Ranking;
using LuceneReco.Rankers.Learned.Trees;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: LearnedBench DIR [--runs N]   (DIR from make_bench_model.py)");
    return 2;
}
string dir = args[0];
int runs = args.Length >= 3 && args[1] == "--runs" ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;

var model = (TreeEnsemble)XgboostJsonReader.Read(Path.Combine(dir, "model.json"));
(string[] names, double[][] rows) = ReadTsv(Path.Combine(dir, "rows.tsv"));
double[] expected = Array.ConvertAll(ReadTsv(Path.Combine(dir, "margins.tsv")).Rows, r => r[0]);
Check(model.TreeCount == 500, $"expected 500 trees, found {model.TreeCount}");
Check(model.MaxDepth == 6, $"expected depth 6, found {model.MaxDepth}");
Check(rows.Length == 1000 && names.Length == model.FeatureCount, $"expected 1000 rows of {model.FeatureCount} features");
using var matrix = new FeatureMatrix(rows.Length, names.Length);
for (int r = 0; r < rows.Length; r++) rows[r].CopyTo(matrix.Row(r));
var margins = new double[rows.Length];
model.Score(matrix, margins);
double worst = 0;
for (int r = 0; r < rows.Length; r++) worst = Math.Max(worst, Math.Abs(margins[r] - expected[r]));
Check(worst <= 1e-5, $"margins differ from XGBoost's by up to {worst}");
var baseline = new double[rows.Length];
Baseline(model, matrix, baseline);
for (int r = 0; r < rows.Length; r++) Check(Math.Abs(baseline[r] - margins[r]) < 1e-9, "the baseline walk disagrees");

Console.WriteLine($"model: {model.TreeCount} trees, depth {model.MaxDepth}, {model.NodeCount} nodes, {model.FeatureCount} features; "
    + $"{rows.Length} rows; margins equal XGBoost's within {worst:0.0e0}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; {runs} timed runs after 50 warm-up");

Report("score, blocked walk (ours)", runs, () => model.Score(matrix, margins));
Report("score, one row and node at a time (baseline)", runs, () => Baseline(model, matrix, baseline));
var phi = new double[model.FeatureCount];
Report("TreeSHAP, 10 items", Math.Max(20, runs / 5), () =>
{
    for (int r = 0; r < 10; r++) model.Contributions(matrix, r, phi);
});

// the whole stage as the host runs it
string stageDir = Path.Combine(Path.GetTempPath(), "learned-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(stageDir);
try
{
    File.Copy(Path.Combine(dir, "model.json"), Path.Combine(stageDir, "model.json"), overwrite: true);
    using JsonDocument options = JsonDocument.Parse("""{"model": "model.json", "explainTop": 3}""");
    IRankerStage stage = new LearnedRanker().CreateStage(options.RootElement.Clone(), new BenchServices(stageDir));
    var template = new List<Candidate>(rows.Length);
    for (int r = 0; r < rows.Length; r++)
    {
        var c = new Candidate("item" + r.ToString(CultureInfo.InvariantCulture), 0);
        for (int f = 0; f < names.Length; f++)
            if (!double.IsNaN(rows[r][f])) c.Features[names[f]] = rows[r][f];
        template.Add(c);
    }
    var request = new RankingRequest("u", null, [], 10, new Dictionary<string, string>());
    Report("learned stage, 1,000 candidates, first 10 explained", Math.Max(20, runs / 5),
        () => stage.RerankAsync(request, template.ConvertAll(c => c.Clone()), CancellationToken.None).AsTask().GetAwaiter().GetResult(),
        setupNote: " (includes cloning the candidates)");
}
finally
{
    Directory.Delete(stageDir, recursive: true);
}

string xgboost = Path.Combine(dir, "xgboost.txt");
if (File.Exists(xgboost))
{
    Console.WriteLine("XGBoost on the same model and rows (make_bench_model.py):");
    foreach (string line in File.ReadAllLines(xgboost)) Console.WriteLine("  " + line);
}
return 0;

static void Report(string what, int runs, Action run, string setupNote = "")
{
    for (int k = 0; k < 50; k++) run();
    var times = new double[runs];
    TimeSpan cpuBefore = Environment.CpuUsage.TotalTime;
    for (int k = 0; k < runs; k++)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    // CPU time of the process per run: on a machine shared with other builds, wall time includes waiting for a core
    double cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds / runs;
    Array.Sort(times);
    double p50 = times[(int)(0.50 * (runs - 1))], p99 = times[(int)Math.Ceiling(0.99 * (runs - 1))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: p50 {p50:0.00} ms, p99 {p99:0.00} ms wall; {cpu:0.00} ms CPU per run{setupNote}"));
}

// The straightforward walk: every row, every tree, node by node until a leaf.
static void Baseline(TreeEnsemble model, FeatureMatrix matrix, double[] sums)
{
    ReadOnlySpan<TreeNode> nodes = model.Nodes;
    ReadOnlySpan<double> values = model.Values;
    ReadOnlySpan<int> roots = model.Roots;
    for (int r = 0; r < matrix.Rows; r++)
    {
        ReadOnlySpan<double> x = matrix.Row(r);
        double sum = model.BaseMargin;
        foreach (int root in roots)
        {
            int i = root;
            while (!nodes[i].IsLeaf) i = nodes[i].Next(x[nodes[i].Feature]);
            sum += values[i];
        }
        sums[r] = sum;
    }
}

static (string[] Header, double[][] Rows) ReadTsv(string path)
{
    string[] lines = File.ReadAllLines(path);
    var result = new double[lines.Length - 1][];
    for (int k = 1; k < lines.Length; k++)
        result[k - 1] = Array.ConvertAll(lines[k].Split('\t'), c => c.Length == 0 ? double.NaN : double.Parse(c, CultureInfo.InvariantCulture));
    return (lines[0].Split('\t'), result);
}

static void Check(bool ok, string problem)
{
    if (!ok) throw new InvalidOperationException("benchmark setup: " + problem);
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

internal sealed class BenchServices(string dataDirectory) : IRankerServices
{
    public IItemCatalog Items => throw new NotSupportedException("the learned stage reads no items");

    public IInteractionReader Interactions => throw new NotSupportedException("the learned stage reads no interactions");

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log { get; } = new ConsoleLog();

    public TimeProvider Clock => TimeProvider.System;

    private sealed class ConsoleLog : IRankerLog
    {
        public void Info(string message) => Console.WriteLine("info: " + message);

        public void Warn(string message) => Console.WriteLine("warn: " + message);
    }
}
