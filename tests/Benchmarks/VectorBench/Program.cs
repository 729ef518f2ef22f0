// Embedding and vector search benchmark on the Debian package corpus (63,666 items, ../shared/bench/corpus/debian.tsv.gz):
//   embed:  MiniLM (all-MiniLM-L6-v2) throughput in items/s over the first N packages, batches of 16, every core, model loaded
//           beforehand: titles alone, then title + description (cut at 256 tokens) (--skip-embed leaves this out);
//   query:  encoding one short query (a package title) on one thread, p50/p99;
//   search: VectorSearch.Nearest for k = 100, p50/p99, without a filter and with a keyword filter (one section) applied
//           before the top k: the exact TensorPrimitives scan (checked against a brute-force ranking first), then the HNSW
//           graph (its build timed first) at ef 100 and 200, with recall@10 and recall@100 against the exact scan.
// The search vectors are seeded synthetic unit vectors (--vectors random: uniform, the hardest case for a graph; or
// clustered: around 1,000 centres), for the corpus's items or --items N (ids beyond the corpus are synthetic), unless
// --index DIR names an index that `lucenereco embed` filled (real vectors).
// Run: dotnet run -c Release --project tests/Benchmarks/VectorBench [-- corpus.tsv.gz [embedItems] [--skip-embed]
//      [--items N] [--vectors random|clustered] [--index DIR]]
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using LuceneReco.DiversityBench;
using LuceneReco.Embeddings.MiniLM;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Vectors;

var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--index" or "--items" or "--vectors"))).ToList();
string corpus = positional.Count > 0 ? positional[0] : FindCorpus();
int embedItems = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 1000;
string? embeddedIndex = Option("--index");
int? syntheticItems = Option("--items") is { } itemsText ? int.Parse(itemsText, CultureInfo.InvariantCulture) : null;
string vectorKind = Option("--vectors") ?? "random";
if (vectorKind is not ("random" or "clustered")) throw new ArgumentException("--vectors is random or clustered");
bool skipEmbed = args.Contains("--skip-embed");
string? Option(string name) => Array.IndexOf(args, name) is >= 0 and var at && at + 1 < args.Length ? args[at + 1] : null;
const int K = 100, Queries = 300, Warmup = 30, Dim = 384;

var rows = ReadCorpus(corpus);
Console.WriteLine(Invariant($"corpus {corpus}: {rows.Count} items; load average {LoadAverage()}"));
Console.WriteLine();
Console.WriteLine("| measured | items | items/s | p50 ms | p99 ms | CPU |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");

// ---- embed and query encoding --------------------------------------------------------------------------------------
if (!skipEmbed)
using (var provider = new MiniLmPlugin().CreateEmbeddingProvider(null))
{
    provider.Embed(["warm up"], default);
    foreach (var (label, text) in new (string, Func<Row, string>)[] { ("embed titles", r => r.Title), ("embed title + body", r => r.Title + ". " + r.Body) })
    {
        var texts = rows.Take(embedItems).Select(text).ToList();
        int truncated = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < texts.Count; i += 16)
        {
            var batch = provider.Embed(texts.GetRange(i, Math.Min(16, texts.Count - i)), default);
            if (batch.Vectors.Count != Math.Min(16, texts.Count - i)) throw new InvalidOperationException("the encoder dropped texts");
            truncated += batch.Truncated;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine(Invariant($"| {label} (batches of 16, {truncated} cut at 256 tokens) | {texts.Count:N0} | {texts.Count / seconds:N0} | | | {cpuMs / texts.Count:0.0} ms per item, all threads |"));
    }
}
if (!skipEmbed)
using (var single = new MiniLmPlugin().CreateEmbeddingProvider(System.Text.Json.JsonDocument.Parse("""{"threads": 1}""").RootElement))
{
    var times = new List<double>();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (int q = 0; q < 100 + 10; q++)
    {
        if (q == 10) cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long t = Stopwatch.GetTimestamp();
        single.Embed([rows[(q * 613) % rows.Count].Title], default);
        if (q >= 10) times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 100;
    Console.WriteLine(Invariant($"| encode one query (a title), one thread | 100 | | {Percentile(times, 0.5):0.00} | {Percentile(times, 0.99):0.00} | {cpuMs:0.0} ms mean |"));
}

// ---- vector search ---------------------------------------------------------------------------------------------------
string dir = embeddedIndex ?? Path.Combine(Path.GetTempPath(), "vectorbench-" + Guid.NewGuid().ToString("N"));
try
{
    if (embeddedIndex is null) BuildSynthetic(dir, rows, syntheticItems ?? rows.Count, vectorKind);
    using var reader = IndexReader.Open(dir);
    var space = reader.VectorSpace ?? throw new InvalidOperationException($"{dir} has no vectors");
    var withVectors = Enumerable.Range(0, reader.MaxDoc).Where(d => reader.IsLive(d) && reader.HasVector(d)).ToArray();
    string origin = embeddedIndex is null ? $"seeded {vectorKind}" : "from lucenereco embed";
    Console.WriteLine(Invariant($"| (vectors: {withVectors.Length:N0} of {reader.NumDocs:N0} items, {space.Describe()}, {(long)withVectors.Length * space.Dimension * 4 / 1048576.0:0} MiB float32, {origin}) | | | | | |"));
    string popular = rows.GroupBy(r => r.Section).OrderByDescending(g => g.Count()).First().Key;
    var searcher = new IndexSearcher(reader);
    var filterBits = searcher.Matching(new TermQuery("section", popular));
    Func<int, bool> inSection = doc => filterBits[doc];
    int passing = withVectors.Count(inSection);

    var random = new Random(20261202);
    var queries = Enumerable.Range(0, Queries + Warmup).Select(_ => reader.Vector(withVectors[random.Next(withVectors.Length)]).ToArray()).ToList();
    var exact = new VectorSearchOptions { Exact = true };
    // Setup checks: k hits, and the exact scan equals a brute-force ranking.
    for (int q = 0; q < 5; q++)
    {
        var top = VectorSearch.Nearest(reader, space, queries[q], K, q % 2 == 0 ? null : inSection, exact).Hits;
        var brute = withVectors.Where(d => q % 2 == 0 || inSection(d)).Select(d => Dot(queries[q], reader.Vector(d))).OrderByDescending(s => s).Take(K).ToList();
        if (top.Count != K) throw new InvalidOperationException($"query {q}: {top.Count} hits, not {K}");
        for (int i = 0; i < K; i++)
            if (Math.Abs(top[i].Score - brute[i]) > 1e-4) throw new InvalidOperationException($"query {q}: hit {i} scores {top[i].Score}, brute force {brute[i]}");
    }

    // The graphs: built once here (what a server's background build does after a merge or an embed run), timed.
    double buildCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    var buildClock = Stopwatch.StartNew();
    var graphs = VectorSearch.Prepare(reader);
    double buildSeconds = buildClock.Elapsed.TotalSeconds;
    buildCpu = (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - buildCpu) / 1000;
    Console.WriteLine(Invariant($"| HNSW build (M 16, efConstruction 100, one thread): {graphs.Segments} segment(s), {graphs.Vectors:N0} vectors, graph {graphs.Bytes / 1048576.0:0.0} MiB beside the vectors | {graphs.Vectors:N0} | {graphs.Vectors / buildSeconds:N0} | | | {buildSeconds:0.0} s wall, {buildCpu:0.0} s CPU |"));

    var truth = new Dictionary<(int Query, bool Filtered), IReadOnlyList<ScoreDoc>>();
    var modes = new (string Label, VectorSearchOptions Options)[]
    {
        ("exact scan", exact),
        ("HNSW ef 100 (default)", VectorSearchOptions.Default),
        ("HNSW ef 200", new VectorSearchOptions { Ef = 200 }),
    };
    foreach (var (mode, options) in modes)
    {
        foreach (var (label, accept) in new (string, Func<int, bool>?)[] { ("no filter", null), ($"filter section={popular} ({passing:N0} items)", inSection) })
        {
            var times = new List<double>();
            var cpuTimes = new List<double>();
            double recall10 = 0, recall100 = 0;
            for (int q = 0; q < queries.Count; q++)
            {
                double c = ThreadCpu.Milliseconds();
                long t = Stopwatch.GetTimestamp();
                var hits = VectorSearch.Nearest(reader, space, queries[q], K, accept, options).Hits;
                double ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                double cpuMs = ThreadCpu.Milliseconds() - c;
                if (hits.Count != K) throw new InvalidOperationException($"{mode}, {label}: {hits.Count} hits");
                if (options.Exact) truth[(q, accept is not null)] = hits;
                var expected = truth[(q, accept is not null)];
                recall10 += Overlap(hits, expected, 10) / 10.0;
                recall100 += Overlap(hits, expected, K) / (double)K;
                if (q >= Warmup) { times.Add(ms); cpuTimes.Add(cpuMs); }
            }
            int n = queries.Count;
            Console.WriteLine(Invariant($"| {mode}, k={K}, {label}: recall@10 {recall10 / n:0.000}, recall@{K} {recall100 / n:0.000} | {withVectors.Length:N0} | | {Percentile(times, 0.5):0.00} | {Percentile(times, 0.99):0.00} | {Percentile(cpuTimes, 0.5):0.00} / {Percentile(cpuTimes, 0.99):0.00} ms p50 / p99 |"));
        }
    }
    Console.WriteLine(Invariant($"process working set {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:N0} MiB, managed heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB"));
}
finally
{
    if (embeddedIndex is null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
}
Console.WriteLine();
Console.WriteLine(Invariant($"load average after: {LoadAverage()}"));
return 0;

static void BuildSynthetic(string dir, List<Row> rows, int items, string kind)
{
    // items beyond the corpus get synthetic ids, sections cycled from it; "clustered" vectors lie around 1,000 seeded
    // centres (as embeddings of related texts do), "random" ones are uniform (no structure: the hardest case for a graph)
    var schema = new IndexSchema([new FieldDefinition("section", FieldKind.Keyword)]);
    var space = new VectorSpace("bench-" + kind, Dim);
    using var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = schema, BackgroundMerges = false, RamBufferMb = 512 });
    string IdOf(int i) => i < rows.Count ? rows[i].Id : "syn" + i.ToString(CultureInfo.InvariantCulture);
    for (int i = 0; i < items; i++) writer.Add(new Document(IdOf(i)).Add("section", rows[i % rows.Count].Section));
    writer.Commit();
    writer.ForceMerge(1);
    var random = new Random(20261201);
    var centres = new float[1000][];
    for (int c = 0; c < centres.Length; c++) centres[c] = Gaussian(random, 1.0);
    var v = new float[Dim];
    for (int i = 0; i < items; i++)
    {
        if (kind == "random") for (int j = 0; j < Dim; j++) v[j] = (float)(random.NextDouble() * 2 - 1);
        else
        {
            var centre = centres[random.Next(centres.Length)];
            var noise = Gaussian(random, 0.8);
            for (int j = 0; j < Dim; j++) v[j] = centre[j] + noise[j];
        }
        writer.SetVector(IdOf(i), space, v);
    }
    writer.Commit();
}

static float[] Gaussian(Random random, double norm)
{
    var g = new float[Dim];
    for (int j = 0; j < Dim; j++) g[j] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * norm / Math.Sqrt(Dim));
    return g;
}

static int Overlap(IReadOnlyList<ScoreDoc> got, IReadOnlyList<ScoreDoc> expected, int k)
{
    var truth = expected.Take(k).Select(h => h.Doc).ToHashSet();
    return got.Take(k).Count(h => truth.Contains(h.Doc));
}

static List<Row> ReadCorpus(string path)
{
    using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path);
    using var text = new StreamReader(stream);
    var header = text.ReadLine()!.Split('\t');
    int id = Array.IndexOf(header, "id"), title = Array.IndexOf(header, "title"), body = Array.IndexOf(header, "body"), section = Array.IndexOf(header, "section");
    var rows = new List<Row>();
    var seen = new HashSet<string>(StringComparer.Ordinal);
    while (text.ReadLine() is { } line)
    {
        var f = line.Split('\t');
        if (f.Length <= Math.Max(Math.Max(id, title), Math.Max(body, section)) || !seen.Add(f[id])) continue;
        rows.Add(new Row(f[id], f[title], f[body], f[section]));
    }
    return rows;
}

static float Dot(float[] a, ReadOnlySpan<float> b) { float s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string FindCorpus()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        string candidate = Path.Combine(d.FullName, "..", "shared", "bench", "corpus", "debian.tsv.gz");
        if (File.Exists(candidate)) return Path.GetFullPath(candidate);
    }
    throw new FileNotFoundException("give the corpus path: ../shared/bench/corpus/debian.tsv.gz was not found above the build folder");
}

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

internal sealed record Row(string Id, string Title, string Body, string Section);
