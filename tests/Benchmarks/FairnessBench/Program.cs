// FairnessBench: the latency of the fairness stages on 1,000 candidates, as the host calls them (the stage reranks a fresh
// copy of the candidate list each request; the copy is made outside the timed part, like the host's clone).
//
// Corpus: 1,000 synthetic candidates with scores 1000..1, every fifth from the protected provider "indie" (20%, below the
// target p = 0.5, so the constraint moves items), 12 categories; the user's history is 200 views over 4 of them. Each case runs 500 warm-up requests,
// then --requests timed ones, and reports p50, p99 and max per request in microseconds of wall time, p50 and p99 of the
// thread's CPU time per request (on shared cores the gap between the two is waiting), and the first (cold) request,
// which for "fair" includes computing and adjusting the table (then cached), and the gen0 collections per 1,000 requests
// (the untimed copy of 1,000 candidates per request allocates too).
//
//     dotnet run -c Release --project tests/Benchmarks/FairnessBench -- [--requests 5000]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LuceneReco.FairnessBench;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Calibration;
using LuceneReco.Rankers.Fairness.Exposure;
using LuceneReco.Rankers.Fairness.Fair;

int requests = 5000;
for (int a = 0; a < args.Length; a++)
{
    if (args[a] == "--requests" && a + 1 < args.Length && int.TryParse(args[a + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r > 0) { requests = r; a++; }
    else { Console.Error.WriteLine("usage: FairnessBench [--requests N]"); return 2; }
}

const int N = 1000;
string data = Path.Combine(Path.GetTempPath(), "fairness-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
var services = new BenchServices(data);
var template = new List<Candidate>(N);
int protectedCount = 0;
for (int i = 0; i < N; i++)
{
    bool indie = i % 5 == 4;
    protectedCount += indie ? 1 : 0;
    services.Add("i" + i, "Item " + i, indie ? "indie" : "big" + (i % 5), "cat" + (i % 12));
    template.Add(new Candidate("i" + i, N - i));
}
for (int h = 0; h < 200; h++) services.AddHistory("u", "i" + (h * 12 % N + h % 4)); // categories cat0..cat3

var cases = new (string Label, IRankerPlugin Plugin, string Options, int K)[]
{
    ("fair k=100 (p=0.5, adjusted)", new FairRanker(), """{ "protectedValues": "indie", "p": 0.5, "alpha": 0.1 }""", 100),
    ("fair k=1000 (p=0.5, adjusted)", new FairRanker(), """{ "protectedValues": "indie", "p": 0.5, "alpha": 0.1 }""", 1000),
    ("fair 2 groups k=100", new FairRanker(), """{ "groups": "indie=0.25,big0=0.25", "alpha": 0.1 }""", 100),
    ("exposure k=100", new ExposureRanker(), """{ "saveEverySeconds": null, "saveEveryRequests": null }""", 100),
    ("calibration k=10", new CalibrationRanker(), """{ "lambda": 0.5 }""", 10),
    ("calibration k=100", new CalibrationRanker(), """{ "lambda": 0.5 }""", 100),
};

Console.WriteLine(F($"{N} candidates, {protectedCount} protected; {requests} timed requests per case after 500 warm-up; .NET {Environment.Version}, {Environment.ProcessorCount} cores"));
Console.WriteLine();
Console.WriteLine("| case | cold first request (ms) | p50 (us) | p99 (us) | max (us) | CPU p50 (us) | CPU p99 (us) | gen0 GCs per 1,000 requests |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (label, plugin, json, k) in cases)
{
    using JsonDocument doc = JsonDocument.Parse(json);
    IRankerStage stage = plugin.CreateStage(doc.RootElement.Clone(), services);
    var request = new RankingRequest("u", null, [], k, new Dictionary<string, string>()) { Offline = plugin is not ExposureRanker };

    var list = Copy(template);
    long t0 = Stopwatch.GetTimestamp();
    stage.RerankAsync(request, list, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    double cold = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
    Check(label, plugin, list, services, k);

    for (int w = 0; w < 500; w++) Run(stage, request, Copy(template));
    var micros = new double[requests];
    var cpu = new double[requests];
    int gen0 = GC.CollectionCount(0);
    for (int r = 0; r < requests; r++)
    {
        List<Candidate> copy = Copy(template);
        double cpuStart = ThreadCpu.Microseconds();
        long start = Stopwatch.GetTimestamp();
        stage.RerankAsync(request, copy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        micros[r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        cpu[r] = ThreadCpu.Microseconds() - cpuStart;
    }
    double collections = (GC.CollectionCount(0) - gen0) * 1000.0 / requests; // the untimed copies allocate too
    Array.Sort(micros);
    Array.Sort(cpu);
    Console.WriteLine(F($"| {label} | {cold:0.0} | {Rank(micros, 0.50):0} | {Rank(micros, 0.99):0} | {micros[^1]:0} | {Rank(cpu, 0.50):0} | {Rank(cpu, 0.99):0} | {collections:0} |"));
    (stage as IDisposable)?.Dispose();
}
if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
return 0;

static void Run(IRankerStage stage, RankingRequest request, List<Candidate> list) =>
    stage.RerankAsync(request, list, CancellationToken.None).AsTask().GetAwaiter().GetResult();

static List<Candidate> Copy(List<Candidate> template)
{
    var copy = new List<Candidate>(template.Count);
    foreach (Candidate c in template) copy.Add(c.Clone());
    return copy;
}

// Nearest-rank percentile of sorted values.
static double Rank(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

// Before timing: the stage did its job on this corpus.
static void Check(string label, IRankerPlugin plugin, List<Candidate> list, BenchServices services, int k)
{
    if (list.Count != N) throw new InvalidOperationException($"{label}: {list.Count} candidates came back");
    if (plugin is FairRanker && !label.Contains("groups", StringComparison.Ordinal))
    {
        MTable table = MTableAdjuster.Adjust(k, 0.5, 0.1).Table;
        int seen = 0, moved = 0;
        for (int i = 1; i <= k; i++)
        {
            if (services.Fields(list[i - 1].ItemId)["provider"][0] == "indie") seen++;
            int need = Math.Min(table.MinimumAt(i), N / 5); // every protected candidate, when there are fewer than the table asks
            if (seen < need) throw new InvalidOperationException($"{label}: top {i} holds {seen} protected, needs {need}");
            if (list[i - 1].Features.ContainsKey("fair.minimum")) moved++;
        }
        if (moved == 0) throw new InvalidOperationException($"{label}: nothing was moved, the case does not exercise the constraint");
    }
    if (plugin is CalibrationRanker && !list.Take(k).Any(c => c.Features.ContainsKey("calibration.from")))
        throw new InvalidOperationException($"{label}: calibration moved nothing");
}

static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
