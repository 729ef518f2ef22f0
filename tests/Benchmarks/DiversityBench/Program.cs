// Diversity stages benchmark: greedy DPP choosing 50 of 1,000 candidates and MMR over 1,000 candidates, on the Debian
// package corpus (63,666 items, ../shared/bench/corpus/debian.tsv.gz), each candidate set 1,000 packages of one section
// (filled up at random when the section is smaller) with falling scores. Reports p50/p99 of
//   core:  the algorithm alone (Mmr.Select / DppGreedy.Select) over the candidates' TF-IDF similarity, vectors built beforehand;
//   stage: the whole stage through the plugin entry point (vectors from the catalogue, algorithm, explanations, reordering).
// Goal: the DPP and MMR cores within 2 ms p99. Run: dotnet run -c Release --project tests/Benchmarks/DiversityBench [-- corpus.tsv.gz [requests]]
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LuceneReco.DiversityBench;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Vectors;

string corpus = args.Length > 0 ? args[0] : FindCorpus();
int requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
const int Candidates = 1000, Picks = 50, Sets = 40, Warmup = 100;

var load = Stopwatch.StartNew();
CorpusCatalog catalog = CorpusCatalog.Load(corpus);
Console.WriteLine(Invariant($"corpus {corpus}: {catalog.Count} items, loaded in {load.Elapsed.TotalSeconds:0.0} s"));

// Candidate sets: 1,000 items of one section each, seeded.
var random = new Random(20261201);
var bySection = catalog.Ids.GroupBy(id => catalog.Fields(id)["section"] is { Count: > 0 } s ? s[0] : "").ToDictionary(g => g.Key, g => g.ToList());
var sets = new List<string[]>();
for (int s = 0; s < Sets; s++)
{
    string seedItem = catalog.Ids[random.Next(catalog.Ids.Count)];
    List<string> pool = bySection[catalog.Fields(seedItem)["section"] is { Count: > 0 } sec ? sec[0] : ""];
    var chosen = new HashSet<string>(pool.OrderBy(_ => random.Next()).Take(Candidates), StringComparer.Ordinal);
    while (chosen.Count < Candidates) chosen.Add(catalog.Ids[random.Next(catalog.Ids.Count)]);
    sets.Add([.. chosen]);
}
double[] relevance = Relevance.MinMax(Enumerable.Range(0, Candidates).Select(i => (double)(Candidates - i)).ToArray());
var similarities = sets.Select(ids => new ItemSimilarity(Candidates,
    CandidateReader.TermVectors(catalog, ids, ["title", "body"], null, CancellationToken.None), 1, null, 0, AttributeMatch.Jaccard)).ToList();
double meanTerms = sets.Average(ids => ids.Average(id => catalog.TermVector(id, "title").Count + catalog.TermVector(id, "body").Count));
Console.WriteLine(Invariant($"{Sets} candidate sets of {Candidates}; {meanTerms:0.0} distinct title+body terms per item on average"));

// Setup checks before timing: the sizes the figures claim.
DppResult check = DppGreedy.Select(DppKernel.Quality(relevance, 0.7), similarities[0], Picks, null, 1e-10);
if (check.Order.Length != Picks || check.Order.Distinct().Count() != Picks) throw new InvalidOperationException($"DPP chose {check.Order.Length} of {Candidates}, not {Picks}");
if (Mmr.Select(relevance, similarities[0], 0.7, Candidates).Order.Length != Candidates) throw new InvalidOperationException("MMR did not order all candidates");

Console.WriteLine();
Console.WriteLine("| measured | p50 ms | p99 ms | mean ms | CPU p50 ms | CPU p99 ms |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
double[] dppQuality = DppKernel.Quality(relevance, 0.7);
Report("core: DPP greedy, 50 of 1,000 (theta 0.7)", s => DppGreedy.Select(dppQuality, similarities[s], Picks, null, 1e-10));
Report("core: DPP greedy, 50 of 1,000, window 10", s => DppGreedy.Select(dppQuality, similarities[s], Picks, 10, 1e-10));
Report("core: MMR, 50 of 1,000 (lambda 0.7)", s => Mmr.Select(relevance, similarities[s], 0.7, Picks));
Report("core: MMR, all 1,000 of 1,000", s => Mmr.Select(relevance, similarities[s], 0.7, Candidates));
Report("vectors: TF-IDF of 1,000 candidates from the catalogue", s => CandidateReader.TermVectors(catalog, sets[s], ["title", "body"], null, CancellationToken.None));

var services = new BenchServices(catalog);
IRankerStage dppStage = Stage(new DppRanker(), """{ "depth": 1000, "positions": 50 }""");
IRankerStage mmrStage = Stage(new MmrRanker(), """{ "depth": 1000, "positions": 50 }""");
IRankerStage mmrAll = Stage(new MmrRanker(), """{ "depth": 1000 }""");
IRankerStage caps = Stage(new DiversityCapsRanker(), """{ "depth": 1000, "caps": "tags:3/10", "coverage": "section:2/5" }""");
var request = new RankingRequest(null, null, [], 50, new Dictionary<string, string>());
Report("stage: dpp, 50 of 1,000, through the plugin", s => RunStage(dppStage, s));
Report("stage: mmr, 50 of 1,000, through the plugin", s => RunStage(mmrStage, s));
Report("stage: mmr, all 1,000, through the plugin", s => RunStage(mmrAll, s));
Report("stage: diversity-caps over 1,000 (tags 3/10, section 2/5)", s => RunStage(caps, s));

void RunStage(IRankerStage stage, int set)
{
    var list = new List<Candidate>(Candidates);
    for (int i = 0; i < Candidates; i++) list.Add(new Candidate(sets[set][i], Candidates - i));
    stage.RerankAsync(request, list, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}

IRankerStage Stage(IRankerPlugin plugin, string json)
{
    using JsonDocument doc = JsonDocument.Parse(json);
    return plugin.CreateStage(doc.RootElement.Clone(), services);
}

void Report(string what, Action<int> run)
{
    // Warm-up: at least 100 calls and 2 seconds, so tiered compilation has finished optimising the code before timing.
    long warmStarted = Stopwatch.GetTimestamp();
    for (int w = 0; w < Warmup || Stopwatch.GetElapsedTime(warmStarted).TotalSeconds < 2; w++) run(w % Sets);
    var ms = new double[requests];
    var cpu = new double[requests];
    for (int r = 0; r < requests; r++)
    {
        double cpuStarted = ThreadCpu.Milliseconds();
        long started = Stopwatch.GetTimestamp();
        run(r % Sets);
        ms[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        cpu[r] = ThreadCpu.Milliseconds() - cpuStarted;
    }
    Array.Sort(ms);
    Array.Sort(cpu);
    Console.WriteLine(Invariant($"| {what} | {Percentile(ms, 50):0.00} | {Percentile(ms, 99):0.00} | {ms.Average():0.00} | {Percentile(cpu, 50):0.00} | {Percentile(cpu, 99):0.00} |"));
}

static double Percentile(double[] sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)]; // nearest rank

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

static string FindCorpus()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "..", "shared", "bench", "corpus", "debian.tsv.gz");
        if (File.Exists(candidate)) return Path.GetFullPath(candidate);
    }
    throw new FileNotFoundException("debian.tsv.gz not found under ../shared/bench/corpus above the program; pass its path as the first argument");
}

internal sealed class BenchServices(IItemCatalog items) : IRankerServices, IInteractionReader, IRankerLog
{
    public IItemCatalog Items => items;
    public IInteractionReader Interactions => this;
    public string DataDirectory => Path.GetTempPath();
    public IRankerLog Log => this;
    public TimeProvider Clock => TimeProvider.System;
    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => [];
    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => [];
    public void Info(string message) { }
    public void Warn(string message) { }
}
