using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Tests.Search.Similarities;

/// <summary>
/// The contract every <see cref="Similarity"/> keeps (after Lucene's BaseSimilarityTestCase), checked over
/// seeded random but consistent statistics: scores are finite and non-negative, never decrease when freq
/// grows, never increase when the field gets longer, scale exactly with a power-of-two boost, stay under
/// <see cref="SimScorer.MaxScore"/>, and are explained by an explanation whose value is the score bit for bit.
/// Each concrete similarity (and parameter set) runs it by deriving from this class.
/// </summary>
public abstract class SimilarityContractTests
{
    /// <summary>Seeds of the property tests (each one is a separate, replayable case).</summary>
    public static TheoryData<int> Seeds => new() { 1, 2, 3, 42, 20240601 };

    private const int Rounds = 300;

    /// <summary>The similarity under test.</summary>
    protected abstract Similarity Create();

    [Theory, MemberData(nameof(Seeds))]
    public void Score_RandomStatistics_IsFiniteAndNonNegative(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds; round++)
        {
            var c = RandomCase(r, sim);
            float score = c.Scorer.Score(c.Freq, c.Norm);
            if (!(float.IsFinite(score) && score >= 0)) Assert.Fail($"score {score} for {c}");
        }
    });

    [Theory, MemberData(nameof(Seeds))]
    public void Score_FreqIncreases_NeverDecreases(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds; round++)
        {
            var c = RandomCase(r, sim);
            float previous = c.Scorer.Score(1, c.Norm);
            foreach (float freq in AscendingFreqs(r))
            {
                float score = c.Scorer.Score(freq, c.Norm);
                if (!(score >= previous)) Assert.Fail($"score fell from {previous} to {score} at freq {freq} for {c}");
                previous = score;
            }
        }
    });

    [Theory, MemberData(nameof(Seeds))]
    public void Score_FieldGetsLonger_NeverIncreases(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds / 3; round++)
        {
            var c = RandomCase(r, sim);
            // byte 0 is a field of length 0, which cannot hold the term: start at length 1
            float previous = c.Scorer.Score(c.Freq, 1);
            for (int norm = 2; norm <= 255; norm++)
            {
                float score = c.Scorer.Score(c.Freq, (byte)norm);
                if (!(score <= previous))
                    Assert.Fail($"score rose from {previous} to {score} at norm byte {norm} (length {SmallFloat.Byte4ToInt((byte)norm)}) for {c}");
                previous = score;
            }
        }
    });

    [Theory, MemberData(nameof(Seeds))]
    public void Score_BoostDoubled_ScoreDoublesExactly(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds; round++)
        {
            var c = RandomCase(r, sim);
            var doubled = c.Phrase is { } terms
                ? sim.PhraseScorer(c.Boost * 2, c.Collection, terms)
                : sim.Scorer(c.Boost * 2, c.Collection, c.Term);
            Assert.Equal(2 * c.Scorer.Score(c.Freq, c.Norm), doubled.Score(c.Freq, c.Norm));
        }
    });

    [Theory, MemberData(nameof(Seeds))]
    public void MaxScore_AnyFreqUpToMax_BoundsScore(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds; round++)
        {
            var c = RandomCase(r, sim);
            float maxFreq = c.Freq * (1 + r.Next(4));
            float max = c.Scorer.MaxScore(maxFreq);
            foreach (float freq in new[] { 1f, c.Freq, maxFreq })
                for (int norm = 1; norm <= 255; norm += 1 + r.Next(8))
                {
                    float score = c.Scorer.Score(freq, (byte)norm);
                    if (!(score <= max))
                        Assert.Fail($"score {score} at freq {freq}, norm {norm} exceeds MaxScore({maxFreq}) = {max} for {c}");
                }
        }
    });

    [Theory, MemberData(nameof(Seeds))]
    public void Explain_RandomStatistics_ValueIsTheScoreBitForBit(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds; round++)
        {
            var c = RandomCase(r, sim);
            float score = c.Scorer.Score(c.Freq, c.Norm);
            var e = c.Scorer.Explain(c.Freq, c.Norm);
            if (BitConverter.SingleToInt32Bits(score) != BitConverter.SingleToInt32Bits(e.Value))
                Assert.Fail($"explanation {e.Value:R} != score {score:R} for {c}\n{e}");
        }
    });

    [Theory, MemberData(nameof(Seeds))]
    public void Explain_RandomStatistics_EveryDetailIsFiniteAndNonNegative(int seed) => Seeded.Run(seed, r =>
    {
        var sim = Create();
        for (int round = 0; round < Rounds; round++)
        {
            var c = RandomCase(r, sim);
            var e = c.Scorer.Explain(c.Freq, c.Norm);
            Assert.NotEmpty(e.Details);
            foreach (var part in Flatten(e))
                if (!(float.IsFinite(part.Value) && part.Value >= 0)) Assert.Fail($"detail '{part.Description}' = {part.Value} for {c}\n{e}");
        }
    });

    private static IEnumerable<Explanation> Flatten(Explanation e) => e.Details.SelectMany(Flatten).Prepend(e);

    /// <summary>Freqs from 1 upward: small steps, then large ones.</summary>
    private static IEnumerable<float> AscendingFreqs(Random r)
    {
        float f = 1;
        for (int i = 0; i < 12; i++) yield return f += 1;
        for (int i = 0; i < 12; i++) yield return f *= 1 + (float)r.NextDouble() * 4;
    }

    /// <summary>One scoring situation: consistent statistics, a scorer (term or phrase), a freq and the norm byte of a field that can hold it.</summary>
    public sealed record Case(CollectionStatistics Collection, TermStatistics Term, IReadOnlyList<TermStatistics>? Phrase, float Boost, SimScorer Scorer, float Freq, int Length, byte Norm)
    {
        public override string ToString() =>
            $"{Collection}, {(Phrase is null ? Term.ToString() : "phrase of " + string.Join(", ", Phrase))}, boost {Boost}, freq {Freq}, length {Length} (norm byte {Norm})";
    }

    /// <summary>
    /// Statistics that can occur together (docFreq &lt;= docCount &lt;= maxDoc, totalTermFreq &gt;= docFreq,
    /// sumTotalTermFreq &gt;= docCount), at small and huge scales, and a freq and field length the term's postings allow.
    /// </summary>
    internal static Case RandomCase(Random r, Similarity sim)
    {
        long maxDoc = r.Next(3) switch { 0 => r.Next(1, 10), 1 => r.Next(1, 100_000), _ => r.NextInt64(1, int.MaxValue) };
        long docCount = r.Next(4) == 0 ? maxDoc : r.NextInt64(1, maxDoc + 1);
        long sumTtf = docCount * r.Next(1, 200) + r.NextInt64(0, docCount + 1);
        var collection = new CollectionStatistics("f", maxDoc, docCount, sumTtf);
        TermStatistics RandomTerm(string name)
        {
            long docFreq = r.Next(3) switch { 0 => 1, 1 => docCount, _ => r.NextInt64(1, docCount + 1) };
            long ttf = docFreq + r.NextInt64(0, Math.Max(1, sumTtf - docFreq) + 1);
            return new TermStatistics(name, docFreq, ttf);
        }
        var term = RandomTerm("t");
        IReadOnlyList<TermStatistics>? phrase = r.Next(3) == 0
            ? Enumerable.Range(0, r.Next(2, 5)).Select(i => RandomTerm("t" + i)).ToList()
            : null;
        float boost = r.Next(4) switch { 0 => 1f, 1 => (float)r.NextDouble(), 2 => 1 + (float)r.NextDouble() * 10, _ => (float)r.NextDouble() * 1000 };
        var scorer = phrase is null ? sim.Scorer(boost, collection, term) : sim.PhraseScorer(boost, collection, phrase);
        float freq = r.Next(3) switch { 0 => 1, 1 => r.Next(1, 20), _ => (float)(1 + r.NextDouble() * 10_000) };
        int length = (int)Math.Min(int.MaxValue, (long)Math.Ceiling(freq) + (r.Next(2) == 0 ? r.Next(0, 50) : r.NextInt64(0, int.MaxValue / 2)));
        return new Case(collection, term, phrase, boost, scorer, freq, length, SmallFloat.IntToByte4(length));
    }
}
