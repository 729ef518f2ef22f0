// What is measured: the same work as shared/bench/lucenenet-anchor (Lucene.Net used directly), done through
// IRecallIndex on either backend: index title+body of a corpus TSV with term vectors (english), commit, open,
// then run every MoreLikeThis id (title and body, minTermFreq 1, minDocFreq 2, maxQueryTerms 25, classic
// TF-IDF) and every keyword query (body, any word, classic) twice, timing the second pass.
// Writes summary.json (the anchor's keys) and mlt_top10.tsv to OUT_DIR.
// usage: dotnet BackendBench.dll native|lucenenet CORPUS.tsv[.gz] MLT_IDS.txt KEYWORDS.txt OUT_DIR
// (tests/Benchmarks/backends-vs-lucene.sh runs it with both anchors; see docs/benchmarks.md)
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using LuceneReco.Index.LuceneNet;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;

if (args.Length != 5 || args[0] is not ("native" or "lucenenet"))
{
    Console.Error.WriteLine("usage: BackendBench native|lucenenet CORPUS.tsv[.gz] MLT_IDS.txt KEYWORDS.txt OUT_DIR");
    return 2;
}
var (backend, corpus, idsFile, kwFile, outDir) = (args[0], args[1], args[2], args[3], args[4]);
string dir = Path.Combine(Path.GetTempPath(), "lr-backend-bench-" + Guid.NewGuid().ToString("N"));
var schema = new IndexSchema([
    new FieldDefinition("title", FieldKind.Text) { Stored = false },
    new FieldDefinition("body", FieldKind.Text) { Stored = false },
]);
try
{
    long memBefore = GC.GetTotalMemory(true);
    var sw = Stopwatch.StartNew();
    int docs = 0;
    using (var writer = Open(backend, dir, schema))
    {
        foreach (var (id, title, body) in Rows(corpus))
        {
            writer.Add(new Document(id).Add("title", title).Add("body", body));
            docs++;
        }
        writer.Commit();
    }
    double indexSeconds = sw.Elapsed.TotalSeconds;
    long bytes = Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length);
    Console.Error.WriteLine($"{backend}: indexed {docs:N0} items in {indexSeconds:F2} s, {bytes / 1e6:F1} MB");

    long openStart = Stopwatch.GetTimestamp();
    using IRecallIndex index = backend == "native" ? NativeRecallIndex.OpenReadOnly(dir) : LuceneNetRecallIndex.Attach(dir, LuceneNetSchema.Load(Path.Combine(dir, LuceneNetSchema.FileName)));
    using var view = index.Acquire();
    double openMs = Stopwatch.GetElapsedTime(openStart).TotalMilliseconds;
    long heapAfterOpen = GC.GetTotalMemory(true) - memBefore;

    var options = new MoreLikeThisOptions { Fields = ["title", "body"], MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 25, Similarity = new ClassicSimilarity() };
    var ids = File.ReadAllLines(idsFile).Where(l => l.Length > 0).ToArray();
    var docOf = ids.Select(view.DocOf).ToArray();
    if (docOf.Any(d => d < 0)) throw new ArgumentException($"an id of {idsFile} is not in the corpus");
    var mltMs = new double[ids.Length];
    var lines = new string[ids.Length];
    for (int pass = 0; pass < 2; pass++)
        for (int q = 0; q < ids.Length; q++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var hits = view.MoreLikeThis(view.LikeDoc(docOf[q], options), 10, options);
            mltMs[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (pass == 1) lines[q] = string.Join('\t', hits.Select(h => h.Id).Prepend(ids[q]));
        }

    var keywords = File.ReadAllLines(kwFile).Where(l => l.Length > 0).ToArray();
    var classic = new ClassicSimilarity();
    var kwMs = new double[keywords.Length];
    int kwHits = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int q = 0; q < keywords.Length; q++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var terms = view.Analyze("body", keywords[q]);
            if (terms.Count > 0)
            {
                var top = view.Search(new BooleanQuery(terms.Select(t => new BooleanClause(new TermQuery("body", t), Occur.Should)).ToList()), 10, classic);
                if (pass == 1) kwHits += top.Hits.Count;
            }
            kwMs[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
    if (kwHits == 0) throw new InvalidOperationException("no keyword query found anything: the bench measured nothing");

    Directory.CreateDirectory(outDir);
    File.WriteAllLines(Path.Combine(outDir, "mlt_top10.tsv"), lines);
    Array.Sort(mltMs);
    Array.Sort(kwMs);
    var summary = new Dictionary<string, object>
    {
        ["engine"] = "lucenereco-" + backend,
        ["docs"] = docs,
        ["index_seconds"] = Math.Round(indexSeconds, 3),
        ["docs_per_second"] = Math.Round(docs / indexSeconds),
        ["index_bytes"] = bytes,
        ["mlt_queries"] = ids.Length,
        ["mlt_p50_ms"] = Math.Round(Pct(mltMs, 50), 3),
        ["mlt_p99_ms"] = Math.Round(Pct(mltMs, 99), 3),
        ["keyword_queries"] = keywords.Length,
        ["keyword_p50_ms"] = Math.Round(Pct(kwMs, 50), 3),
        ["keyword_p99_ms"] = Math.Round(Pct(kwMs, 99), 3),
        ["open_ms"] = Math.Round(openMs, 1),
        ["heap_bytes_after_open"] = heapAfterOpen,
        ["heap_bytes"] = GC.GetTotalMemory(true),
        ["segments"] = view.Stats.Segments,
    };
    string json = JsonSerializer.Serialize(summary);
    File.WriteAllText(Path.Combine(outDir, "summary.json"), json);
    Console.WriteLine(json);
    return 0;
}
finally
{
    if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
}

static IRecallIndex Open(string backend, string dir, IndexSchema schema) => backend == "native"
    ? NativeRecallIndex.Open(dir, new IndexWriterOptions { Schema = schema })
    : LuceneNetRecallIndex.Open(dir, schema);

// nearest rank, as the anchors compute it
static double Pct(double[] sorted, int p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

static IEnumerable<(string Id, string Title, string Body)> Rows(string path)
{
    using Stream file = File.OpenRead(path);
    using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    using var reader = new StreamReader(stream, Encoding.UTF8, false, 1 << 16);
    int lineNo = 0;
    while (reader.ReadLine() is { } line)
    {
        lineNo++;
        if (lineNo == 1 && line.StartsWith("id\t", StringComparison.Ordinal)) continue;
        var parts = line.Split('\t');
        if (parts.Length < 3) throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNo}: expected id, title, body"));
        yield return (parts[0], parts[1], parts[2]);
    }
}
