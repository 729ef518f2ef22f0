using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search.Similarities;

/// <summary>The similarity contract for BM25 without length normalisation (b = 0).</summary>
public sealed class Bm25WithoutLengthNormalisationTests : SimilarityContractTests
{
    protected override Similarity Create() => new Bm25Similarity(k1: 1.2f, b: 0f);
}

/// <summary>The similarity contract for BM25 with strong saturation and full length normalisation (k1 = 2, b = 1).</summary>
public sealed class Bm25FullLengthNormalisationTests : SimilarityContractTests
{
    protected override Similarity Create() => new Bm25Similarity(k1: 2f, b: 1f);
}

/// <summary>The similarity contract for BM25 with a tiny saturation constant (k1 = 0.01, b = 0.3).</summary>
public sealed class Bm25QuickSaturationTests : SimilarityContractTests
{
    protected override Similarity Create() => new Bm25Similarity(k1: 0.01f, b: 0.3f);
}

/// <summary>The similarity contract for BM25 with k1 = 0 (the term frequency is ignored: every match scores boost * idf).</summary>
public sealed class Bm25WithoutTfTests : SimilarityContractTests
{
    protected override Similarity Create() => new Bm25Similarity(k1: 0f, b: 0.75f);
}
