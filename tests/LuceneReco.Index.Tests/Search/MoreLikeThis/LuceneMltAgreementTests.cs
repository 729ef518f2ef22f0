using System.Globalization;
using System.Text;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Tests.Analysis;
using Xunit.Abstractions;
using Mlt = LuceneReco.Index.Search.MoreLikeThis.MoreLikeThis;

namespace LuceneReco.Index.Tests.Search.MoreLikeThis;

/// <summary>
/// Agreement with Apache Lucene 8.7's MoreLikeThis on real corpora: for every query id of the oracle
/// (shared/bench/lucene-anchor/oracle-*/mlt_ids.txt), our top 10 against Lucene's (lucene_mlt_top10.tsv),
/// with the anchor's settings: fields title and body, minTermFreq 1, minDocFreq 2, maxQueryTerms 25,
/// classic similarity for selection and scoring, the source left out.
/// </summary>
public static class MltAgreement
{
    public static readonly MoreLikeThisOptions AnchorOptions = new() { Fields = ["title", "body"], MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 25 };

    /// <summary>Mean overlap@10 (shared ids / length of Lucene's list), the share of queries whose lists are identical in order, and the lists that differ most.</summary>
    public sealed record Result(int Queries, double MeanOverlap, double IdenticalOrder, string WorstLists)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Queries} queries, mean overlap@10 {MeanOverlap:F4}, identical order {IdenticalOrder:F4}");
    }

    internal static Result Measure(BenchCorpusIndex index)
    {
        var reader = index.Reader;
        var mlt = new Mlt(reader, AnchorOptions);
        var expected = File.ReadLines(SharedBench.PathOf(index.Oracle + "/lucene_mlt_top10.tsv"), Encoding.UTF8)
            .Where(l => l.Length > 0).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1..]);
        var ids = File.ReadLines(SharedBench.PathOf(index.Oracle + "/mlt_ids.txt")).Where(l => l.Length > 0).ToList();
        double overlapSum = 0;
        int identical = 0;
        var differing = new List<(double Overlap, string Lines)>();
        foreach (var id in ids)
        {
            int doc = reader.DocOf(id);
            Assert.True(doc >= 0, $"oracle id '{id}' is not in {index.Corpus}");
            var ours = mlt.Search(mlt.LikeDoc(doc), 10).Select(h => h.Id).ToArray();
            var lucene = expected[id];
            double overlap = lucene.Length == 0 ? (ours.Length == 0 ? 1 : 0) : ours.Intersect(lucene).Count() / (double)lucene.Length;
            overlapSum += overlap;
            if (ours.SequenceEqual(lucene)) identical++;
            else differing.Add((overlap, string.Create(CultureInfo.InvariantCulture,
                $"{id}: overlap {overlap:F1}\n  lucene: {string.Join(' ', lucene)}\n  ours:   {string.Join(' ', ours)}")));
        }
        string worst = string.Join("\n", differing.OrderBy(d => d.Overlap).Take(5).Select(d => d.Lines));
        return new Result(ids.Count, overlapSum / ids.Count, identical / (double)ids.Count, worst);
    }
}

public sealed class LuceneMltAgreementEnglishTests(DebianEnglishIndex index, ITestOutputHelper output) : IClassFixture<DebianEnglishIndex>
{
    private MltAgreement.Result Measure()
    {
        var r = index.Agreement;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"english (debian, {index.Reader.NumDocs} docs, index built in {index.BuildSeconds:F1} s): {r}"));
        if (r.WorstLists.Length > 0) output.WriteLine("lists that differ most:\n" + r.WorstLists);
        Assert.Equal(2000, r.Queries);
        return r;
    }

    /// <summary>Measured 1.000 overlap (0.9999) and 0.999 identical order (2 of 2000 queries differ, both from the tie order below).</summary>
    [RequiresSharedFact]
    public void LikeDoc_DebianCorpus_Top10AgreesWithLucene()
    {
        var r = Measure();
        Assert.True(r.MeanOverlap >= 0.95, $"mean overlap@10 {r.MeanOverlap:F4} < 0.95\n{r.WorstLists}");
        Assert.True(r.IdenticalOrder >= 0.99, $"identical order {r.IdenticalOrder:F4} < 0.99\n{r.WorstLists}");
    }

    [RequiresSharedFact]
    public void LikeDoc_DebianCorpus_SameTop10AsLuceneInOrderForEveryQuery()
    {
        Assert.Equal(1.0, Measure().IdenticalOrder);
    }
}

public sealed class LuceneMltAgreementChineseTests(DebianChineseIndex index, ITestOutputHelper output) : IClassFixture<DebianChineseIndex>
{
    private MltAgreement.Result Measure()
    {
        var r = index.Agreement;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cjk (debian-zh, {index.Reader.NumDocs} docs, index built in {index.BuildSeconds:F1} s): {r}"));
        if (r.WorstLists.Length > 0) output.WriteLine("lists that differ most:\n" + r.WorstLists);
        Assert.Equal(500, r.Queries);
        return r;
    }

    /// <summary>
    /// Measured 0.989 overlap and 0.890 identical order. Every difference comes from ties between a title and a
    /// body term at the 25-term cutoff (CJK bigrams tie often: tf 1 and the same small docFreq), broken in a
    /// different field order than Lucene's; with Lucene's order both figures are 1.000. The order threshold
    /// guards against regressions until that is fixed.
    /// </summary>
    [RequiresSharedFact]
    public void LikeDoc_ChineseDebianCorpus_Top10AgreesWithLucene()
    {
        var r = Measure();
        Assert.True(r.MeanOverlap >= 0.95, $"mean overlap@10 {r.MeanOverlap:F4} < 0.95\n{r.WorstLists}");
        Assert.True(r.IdenticalOrder >= 0.85, $"identical order {r.IdenticalOrder:F4} < 0.85\n{r.WorstLists}");
    }

    [RequiresSharedFact]
    public void LikeDoc_ChineseDebianCorpus_SameTop10AsLuceneInOrderForEveryQuery()
    {
        Assert.Equal(1.0, Measure().IdenticalOrder);
    }
}
