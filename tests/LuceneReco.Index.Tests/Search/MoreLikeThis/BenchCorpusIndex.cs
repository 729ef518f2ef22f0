using System.IO.Compression;
using System.Text;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Tests.Analysis;

namespace LuceneReco.Index.Tests.Search.MoreLikeThis;

/// <summary>
/// An index of a shared/bench corpus built exactly as <c>bench recall</c> builds it (title and body as text
/// with term vectors, not stored, one analyzer; id from column 0; a header line starting with "id\t" skipped),
/// built once per test class on first use, so classes whose tests are skipped cost nothing.
/// </summary>
public abstract class BenchCorpusIndex : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Lazy<IndexReader> _reader;
    private readonly Lazy<MltAgreement.Result> _agreement;

    protected BenchCorpusIndex(string corpus, string analyzer, string oracle)
    {
        Corpus = corpus;
        Analyzer = analyzer;
        Oracle = oracle;
        _reader = new Lazy<IndexReader>(Build);
        _agreement = new Lazy<MltAgreement.Result>(() => MltAgreement.Measure(this));
    }

    /// <summary>The Lucene oracle folder for this corpus, relative to shared/bench.</summary>
    public string Oracle { get; }

    /// <summary>MoreLikeThis agreement with the oracle (measured on first use, once per test class).</summary>
    public MltAgreement.Result Agreement => _agreement.Value;

    /// <summary>The corpus file, relative to shared/bench.</summary>
    public string Corpus { get; }

    /// <summary>The analyzer of both fields.</summary>
    public string Analyzer { get; }

    /// <summary>The reader (builds the index on first use).</summary>
    public IndexReader Reader => _reader.Value;

    /// <summary>Seconds the build took.</summary>
    public double BuildSeconds { get; private set; }

    private IndexReader Build()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var schema = new IndexSchema([
            new FieldDefinition("title", FieldKind.Text) { Analyzer = Analyzer, Stored = false },
            new FieldDefinition("body", FieldKind.Text) { Analyzer = Analyzer, Stored = false },
        ]);
        using (var writer = IndexWriter.Open(_dir.Path, new IndexWriterOptions { Schema = schema }))
        {
            foreach (var (id, title, body) in ReadCorpus(SharedBench.PathOf(Corpus)))
                writer.Add(new Document(id).Add("title", title).Add("body", body));
            writer.Commit();
            writer.WaitForMerges();
            writer.Commit();
        }
        var reader = IndexReader.Open(_dir.Path);
        BuildSeconds = sw.Elapsed.TotalSeconds;
        return reader;
    }

    /// <summary>The (id, title, body) rows of a TSV corpus, as host/LuceneReco.Host/Bench/RecallBench.cs reads them.</summary>
    private static IEnumerable<(string Id, string Title, string Body)> ReadCorpus(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8, false, 1 << 16);
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (lineNo == 1 && line.StartsWith("id\t", StringComparison.Ordinal)) continue;
            var parts = line.Split('\t');
            if (parts.Length < 3) throw new FormatException($"{path}:{lineNo}: expected at least 3 tab-separated columns, found {parts.Length}.");
            yield return (parts[0], parts[1], parts[2]);
        }
    }

    public void Dispose() => _dir.Dispose();
}

/// <summary>debian.tsv.gz (63,666 English items) with the english analyzer.</summary>
public sealed class DebianEnglishIndex() : BenchCorpusIndex("corpus/debian.tsv.gz", "english", "lucene-anchor/oracle-debian");

/// <summary>debian-zh.tsv.gz (1,228 Chinese items) with Lucene's CJKAnalyzer behaviour ("cjk-lucene": bigrams, Latin not stemmed).</summary>
public sealed class DebianChineseIndex() : BenchCorpusIndex("corpus/debian-zh.tsv.gz", "cjk-lucene", "lucene-anchor/oracle-debian-zh");
