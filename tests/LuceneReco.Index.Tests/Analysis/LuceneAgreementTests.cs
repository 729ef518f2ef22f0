using System.IO.Compression;
using System.Text;
using LuceneReco.Index.Analysis;
using Xunit.Abstractions;

namespace LuceneReco.Index.Tests.Analysis;

/// <summary>
/// Exact agreement with Apache Lucene 8.7 on real text: the oracle files hold, per corpus item,
/// the tokens Lucene's analyzer makes of <c>title + " " + body</c> (shared/bench/lucene-anchor/AnalysisOracle.java).
/// </summary>
public sealed class LuceneAgreementTests
{
    private readonly ITestOutputHelper _output;

    public LuceneAgreementTests(ITestOutputHelper output) => _output = output;

    [RequiresSharedFact]
    public void EnglishAnalyzer_DebianCorpus_MatchesLuceneEnglishAnalyzerOnEveryItem()
        => AssertAgreement("corpus/debian.tsv.gz", "lucene-anchor/oracle-debian/analysis_english.tsv", new EnglishAnalyzer());

    [RequiresSharedFact]
    public void CjkAnalyzerWithoutLatinStemming_ChineseDebianCorpus_MatchesLuceneCjkAnalyzerOnEveryItem()
        => AssertAgreement("corpus/debian-zh.tsv.gz", "lucene-anchor/oracle-debian-zh/analysis_cjk.tsv", new CjkAnalyzer(stemLatin: false));

    private void AssertAgreement(string corpusFile, string oracleFile, Analyzer analyzer)
    {
        var mismatches = new List<string>();
        int total = 0;
        using var corpus = OpenCorpus(SharedBench.PathOf(corpusFile));
        foreach (string oracleLine in File.ReadLines(SharedBench.PathOf(oracleFile), Encoding.UTF8))
        {
            string? line;
            do
            {
                line = corpus.ReadLine();
            } while (line is not null && line.StartsWith("id\t", StringComparison.Ordinal));
            Assert.NotNull(line);
            string[] fields = line.Split('\t');
            int tab = oracleLine.IndexOf('\t', StringComparison.Ordinal);
            string id = oracleLine[..tab];
            Assert.Equal(id, fields[0]);
            string expected = oracleLine[(tab + 1)..];
            string actual = string.Join(' ', analyzer.Terms(fields[1] + " " + fields[2]));
            total++;
            if (expected != actual) mismatches.Add($"{id}\n  lucene: {expected}\n  ours:   {actual}");
        }
        _output.WriteLine($"{analyzer.Name}: {total - mismatches.Count} / {total} items agree exactly");
        Assert.True(total > 0, "the oracle file is empty");
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {total} items differ from Lucene; first ones:\n{string.Join("\n", mismatches.Take(5))}");
    }

    private static StreamReader OpenCorpus(string path)
        => new(new GZipStream(File.OpenRead(path), CompressionMode.Decompress), Encoding.UTF8);
}
