using FsCheck.Xunit;
using LuceneReco.Rankers.Diversity.Tests.Support;
using LuceneReco.Rankers.Diversity.Vectors;

namespace LuceneReco.Rankers.Diversity.Tests.Vectors;

public sealed class ItemSimilarityTests
{
    private static readonly string[] Words = ["space", "alien", "ship", "love", "paris", "war", "robot", "city", "night", "river", "dream", "gold"];

    private static (FakeCatalog Catalog, string[] Ids) RandomCatalog(Random random, int n)
    {
        var catalog = new FakeCatalog();
        var ids = new string[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = "i" + i;
            string title = string.Join(' ', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Words[random.Next(Words.Length)]));
            string body = string.Join(' ', Enumerable.Range(0, random.Next(0, 12)).Select(_ => Words[random.Next(Words.Length)]));
            var fields = new List<(string, string)> { ("title", title), ("body", body) };
            if (random.Next(4) > 0) fields.Add(("category", "c" + random.Next(3)));
            if (random.Next(3) > 0) fields.Add(("tags", string.Join(',', Enumerable.Range(0, random.Next(1, 3)).Select(_ => "t" + random.Next(4)))));
            catalog.Add(ids[i], [.. fields]);
        }
        return (catalog, ids);
    }

    [Property(MaxTest = 100)]
    public bool Row_EqualsPair_AndIsSymmetricWithOneOnTheDiagonal(int seed, bool equality)
    {
        var random = new Random(seed);
        int n = random.Next(1, 25);
        (FakeCatalog catalog, string[] ids) = RandomCatalog(random, n);
        SparseVectors text = CandidateReader.TermVectors(catalog, ids, ["title", "body"], random.Next(2) == 0 ? null : 3, CancellationToken.None);
        ItemAttributes attributes = CandidateReader.Attributes(catalog, ids, ["category", "tags"], null, CancellationToken.None);
        var similarity = new ItemSimilarity(n, text, 1, attributes, 0.5, equality ? AttributeMatch.Equality : AttributeMatch.Jaccard);
        var all = Enumerable.Range(0, n).ToArray();
        var row = new double[n];
        for (int a = 0; a < n; a++)
        {
            similarity.Row(a, all, row);
            for (int b = 0; b < n; b++)
            {
                double pair = similarity.Pair(a, b);
                if (row[b] != pair || pair != similarity.Pair(b, a) || pair < 0 || pair > 1 + 1e-12) return false;
                if (a == b && pair != 1) return false;
            }
        }
        return true;
    }

    [Property(MaxTest = 100)]
    public bool MmrAndDpp_OverTfIdfAndAttributes_AgreeWithTheirReferences(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(2, 14);
        (FakeCatalog catalog, string[] ids) = RandomCatalog(random, n);
        SparseVectors text = CandidateReader.TermVectors(catalog, ids, ["title", "body"], null, CancellationToken.None);
        ItemAttributes attributes = CandidateReader.Attributes(catalog, ids, ["category", "tags"], null, CancellationToken.None);
        var similarity = new ItemSimilarity(n, text, 1, attributes, random.NextDouble(), AttributeMatch.Jaccard);
        var matrix = new double[n, n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) matrix[a, b] = similarity.Pair(a, b);
        double[] relevance = LuceneReco.Rankers.Diversity.Core.Relevance.MinMax(Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray());
        double[] quality = LuceneReco.Rankers.Diversity.Core.DppKernel.Quality(relevance, 0.5);

        int[] mmr = LuceneReco.Rankers.Diversity.Core.Mmr.Select(relevance, similarity, 0.5, n).Order;
        int[] dpp = LuceneReco.Rankers.Diversity.Core.DppGreedy.Select(quality, similarity, n, null, 1e-9).Order;

        return mmr.SequenceEqual(Core.MmrTests.Naive(relevance, similarity, 0.5, n))
            && dpp.SequenceEqual(Core.DppGreedyTests.BruteForce(quality, new MatrixSimilarity(matrix), n, null, 1e-9));
    }

    [Fact]
    public void TermVectors_AreUnitTfIdf_WithLuceneClassicIdf()
    {
        var catalog = new FakeCatalog()
            .Add("a", ("title", "alien alien ship"))
            .Add("b", ("title", "ship"))
            .Add("c", ("title", "river"));

        SparseVectors v = CandidateReader.TermVectors(catalog, ["a"], ["title"], null, CancellationToken.None);

        // N = 3; alien: df 1, idf 1 + ln(4/2); ship: df 2, idf 1 + ln(4/3); tf 2 and 1
        double alien = 2 * (1 + Math.Log(4.0 / 2)), ship = 1 * (1 + Math.Log(4.0 / 3)), norm = Math.Sqrt(alien * alien + ship * ship);
        Assert.Equal(2, v.TermsOf(0).Length);
        Assert.Equal(alien / norm, v.WeightsOf(0)[0], 12);
        Assert.Equal(ship / norm, v.WeightsOf(0)[1], 12);
    }

    [Fact]
    public void Cosine_OfTheSameWordsInTitleAndBody_Matches()
    {
        var catalog = new FakeCatalog().Add("a", ("title", "alien")).Add("b", ("body", "alien")).Add("c", ("body", "river"));
        SparseVectors v = CandidateReader.TermVectors(catalog, ["a", "b", "c"], ["title", "body"], null, CancellationToken.None);

        Assert.Equal(1, v.Dot(0, 1), 12); // terms are words, whichever field they are in
        Assert.Equal(0, v.Dot(0, 2));
    }

    [Fact]
    public void Attributes_Jaccard_And_Equality_CountAMissingValueAsNoMatch()
    {
        var catalog = new FakeCatalog()
            .Add("a", ("category", "drama"), ("tags", "x,y"))
            .Add("b", ("category", "drama"), ("tags", "y"))
            .Add("c", ("tags", "x,y"))
            .Add("d");
        string[] ids = ["a", "b", "c", "d"];
        ItemAttributes attributes = CandidateReader.Attributes(catalog, ids, ["category", "tags"], null, CancellationToken.None);

        var jaccard = new ItemSimilarity(4, null, 1, attributes, 1, AttributeMatch.Jaccard);
        var equality = new ItemSimilarity(4, null, 1, attributes, 1, AttributeMatch.Equality);

        Assert.Equal(2.0 / 3, jaccard.Pair(0, 1), 12); // {drama, x, y} and {drama, y}
        Assert.Equal(2.0 / 3, jaccard.Pair(0, 2), 12);
        Assert.Equal(0, jaccard.Pair(0, 3));
        Assert.Equal(0, jaccard.Pair(3, 3 - 1));
        Assert.Equal(0.5, equality.Pair(0, 1)); // same category, different tags
        Assert.Equal(0.5, equality.Pair(0, 2)); // no category on c, same tags
        Assert.Equal(0, equality.Pair(2, 3));
    }

    [Fact]
    public void UnknownItems_HaveEmptyVectors_AndSimilarityZero()
    {
        var catalog = new FakeCatalog().Add("a", ("title", "alien"));
        SparseVectors v = CandidateReader.TermVectors(catalog, ["a", "ghost"], ["title", "body"], null, CancellationToken.None);
        var similarity = new ItemSimilarity(2, v, 1, null, 1, AttributeMatch.Jaccard);

        Assert.Equal(0, v.TermsOf(1).Length);
        Assert.Equal(0, similarity.Pair(0, 1));
        Assert.Equal(1, similarity.Pair(1, 1));
    }

    [Property(MaxTest = 100)]
    public bool WithEmbeddings_RowEqualsPair_AndDppGreedyEqualsBruteForce(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(2, 12);
        (FakeCatalog catalog, string[] ids) = RandomCatalog(random, n);
        for (int i = 0; i < n; i++)
            if (random.Next(5) > 0) catalog.Vector(ids[i], [.. Enumerable.Range(0, 6).Select(_ => (float)(random.NextDouble() * 2 - 1))]);
        SparseVectors text = CandidateReader.TermVectors(catalog, ids, ["title", "body"], null, CancellationToken.None);
        DenseVectors vectors = DenseVectors.Read(catalog, ids, CancellationToken.None)!;
        var similarity = new ItemSimilarity(n, text, random.NextDouble(), null, 0, AttributeMatch.Jaccard, vectors, 0.5 + random.NextDouble());
        var all = Enumerable.Range(0, n).ToArray();
        var row = new double[n];
        var matrix = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            similarity.Row(a, all, row);
            for (int b = 0; b < n; b++)
            {
                matrix[a, b] = similarity.Pair(a, b);
                if (Math.Abs(row[b] - matrix[a, b]) > 1e-12 || Math.Abs(matrix[a, b] - similarity.Pair(b, a)) > 1e-12) return false;
                if (a == b && matrix[a, b] != 1) return false;
            }
        }
        double[] relevance = LuceneReco.Rankers.Diversity.Core.Relevance.MinMax(Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray());
        double[] quality = LuceneReco.Rankers.Diversity.Core.DppKernel.Quality(relevance, 0.5);
        int[] dpp = LuceneReco.Rankers.Diversity.Core.DppGreedy.Select(quality, similarity, n, null, 1e-9).Order;
        return dpp.SequenceEqual(Core.DppGreedyTests.BruteForce(quality, new MatrixSimilarity(matrix), n, null, 1e-9));
    }

    [Fact]
    public void EmbeddingsOnly_PairIsTheCosine_ZeroWithoutAVector()
    {
        var catalog = new FakeCatalog().Add("a").Add("b").Add("c").Vector("a", 1, 0).Vector("b", 1, 1);
        DenseVectors vectors = DenseVectors.Read(catalog, ["a", "b", "c"], CancellationToken.None)!;
        var similarity = new ItemSimilarity(3, null, 1, null, 0, AttributeMatch.Jaccard, vectors, 1);

        Assert.Equal(Math.Sqrt(0.5), similarity.Pair(0, 1), 6);
        Assert.Equal(0, similarity.Pair(0, 2));
        Assert.Equal(1, similarity.Pair(2, 2));
        Assert.Null(DenseVectors.Read(new FakeCatalog().Add("a"), ["a"], CancellationToken.None)); // an index without vectors
    }
}
