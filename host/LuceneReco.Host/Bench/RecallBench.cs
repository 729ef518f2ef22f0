using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Items;
using LuceneReco.Index;
using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Host.Bench;

/// <summary>
/// <c>bench recall</c>: what Apache Lucene's anchor (shared/bench/lucene-anchor) measures, measured the same
/// way on our index: build title+body with term vectors from a TSV corpus (timed), then run every
/// MoreLikeThis id and every keyword query twice (the first pass warms up), timing the second.
/// Writes <c>mlt_top10.tsv</c> and <c>summary.json</c> with the keys of Lucene's <c>lucene_summary.json</c>.
/// </summary>
internal static class RecallBench
{
    public static int Run(RecallBenchOptions o, TextWriter stdout, TextWriter stderr)
    {
        string dir = o.IndexDir ?? Path.Combine(Path.GetTempPath(), "lucenereco-bench-" + Guid.NewGuid().ToString("N"));
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            throw new ArgumentException($"--index-dir '{dir}' is not empty.");
        try
        {
            var schema = new IndexSchema([
                new FieldDefinition("title", FieldKind.Text) { Analyzer = o.Analyzer, Stored = false },
                new FieldDefinition("body", FieldKind.Text) { Analyzer = o.Analyzer, Stored = false },
            ]);
            long memBefore = GC.GetTotalMemory(true);
            var sw = Stopwatch.StartNew();
            int docs = 0;
            using (var writer = IndexWriter.Open(dir, new IndexWriterOptions { Schema = schema, RamBufferMb = o.RamBufferMb }))
            {
                // analysis runs on every core in the background; documents are added in corpus order
                OrderedPreparer.Run(ReadCorpus(o.Items), row => new Document(row.Id).Add("title", row.Title).Add("body", row.Body), writer.Prepare, (_, prepared) =>
                {
                    writer.Add(prepared!);
                    if (++docs % 100_000 == 0) stderr.WriteLine($"  indexed {docs:N0} items ({docs / sw.Elapsed.TotalSeconds:N0}/s)");
                });
                writer.Commit();
                writer.WaitForMerges();
                writer.Commit();
            }
            double indexSeconds = sw.Elapsed.TotalSeconds;
            long bytes = Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length);
            stderr.WriteLine($"indexed {docs:N0} items in {indexSeconds:F2} s ({docs / indexSeconds:N0} items/s), {bytes / 1e6:F1} MB");

            long openStart = Stopwatch.GetTimestamp();
            using var reader = IndexReader.Open(dir);
            double openMs = Stopwatch.GetElapsedTime(openStart).TotalMilliseconds;
            long heapAfterOpen = GC.GetTotalMemory(true) - memBefore;
            var mlt = new MoreLikeThis(reader, o.Mlt);
            var ids = File.ReadAllLines(o.MltIds).Where(l => l.Length > 0).ToList();
            var docsOf = ids.Select(id => reader.DocOf(id)).ToList();
            int unknown = docsOf.Count(d => d < 0);
            if (unknown > 0) throw new ArgumentException($"{unknown} MoreLikeThis ids of {o.MltIds} are not in the corpus (first: {ids[docsOf.IndexOf(-1)]}).");

            double[] mltMs = new double[ids.Count];
            var lines = new string[ids.Count];
            for (int pass = 0; pass < 2; pass++)
                for (int q = 0; q < ids.Count; q++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    var hits = mlt.Search(mlt.LikeDoc(docsOf[q]), 10);
                    mltMs[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (pass == 1) lines[q] = ids[q] + (hits.Count > 0 ? "\t" + string.Join('\t', hits.Select(h => h.Id)) : "");
                }

            var keywords = File.ReadAllLines(o.Keywords).Where(l => l.Length > 0).ToList();
            var analyzer = Analyzers.ByName(o.Analyzer);
            var searcher = new IndexSearcher(reader, new ClassicSimilarity());
            double[] kwMs = new double[keywords.Count];
            int kwHits = 0;
            for (int pass = 0; pass < 2; pass++)
                for (int q = 0; q < keywords.Count; q++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    var terms = analyzer.Terms(keywords[q]);
                    if (terms.Count == 0) { kwMs[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds; continue; }
                    var query = new BooleanQuery(terms.Select(t => new BooleanClause(new TermQuery("body", t), Occur.Should)).ToList());
                    var top = searcher.Search(query, 10);
                    kwMs[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (pass == 1) kwHits += top.Hits.Count;
                }
            long heap = GC.GetTotalMemory(false) - memBefore;

            Directory.CreateDirectory(o.Out);
            File.WriteAllLines(Path.Combine(o.Out, "mlt_top10.tsv"), lines);
            Array.Sort(mltMs);
            Array.Sort(kwMs);
            var summary = new Dictionary<string, object>
            {
                ["engine"] = "lucenereco",
                ["analyzer"] = o.Analyzer,
                ["docs"] = docs,
                ["index_seconds"] = Math.Round(indexSeconds, 3),
                ["docs_per_second"] = Math.Round(docs / indexSeconds),
                ["index_bytes"] = bytes,
                ["mlt_queries"] = ids.Count,
                ["mlt_p50_ms"] = Math.Round(Percentiles.NearestRank(mltMs, 50), 3),
                ["mlt_p99_ms"] = Math.Round(Percentiles.NearestRank(mltMs, 99), 3),
                ["mlt_mean_ms"] = Math.Round(mltMs.Average(), 3),
                ["keyword_queries"] = keywords.Count,
                ["keyword_p50_ms"] = Math.Round(Percentiles.NearestRank(kwMs, 50), 3),
                ["keyword_p99_ms"] = Math.Round(Percentiles.NearestRank(kwMs, 99), 3),
                ["reader_heap_bytes"] = heapAfterOpen,
                ["open_ms"] = Math.Round(openMs, 1),
                ["heap_bytes_after_queries"] = heap,
                ["segments"] = reader.Stats.Segments,
            };
            string json = JsonSerializer.Serialize(summary);
            File.WriteAllText(Path.Combine(o.Out, "summary.json"), json);
            stdout.WriteLine(json);
            return 0;
        }
        finally
        {
            if (o.IndexDir is null && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>(id, title, body) of every line of a TSV corpus (optionally .gz), skipping a header line starting with "id\t".</summary>
    internal static IEnumerable<(string Id, string Title, string Body)> ReadCorpus(string path)
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
            if (parts.Length < 3) throw new FormatException($"{path}:{lineNo}: expected at least 3 tab-separated columns (id, title, body), found {parts.Length}.");
            yield return (parts[0], parts[1], parts[2]);
        }
    }

    internal static string Invariant(double v) => v.ToString(CultureInfo.InvariantCulture);
}
