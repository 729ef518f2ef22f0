using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>The recall-index contract on the Lucene.Net backend (its own index, and the same folder attached read-only by its schema file).</summary>
public sealed class LuceneNetRecallIndexContractTests : RecallIndexContract
{
    protected override IRecallIndex Create(string directory, IndexSchema schema) => LuceneNetRecallIndex.Open(directory, schema);

    /// <summary>Lucene 4.8's BooleanScorer adds clause scores in another order than its Explanation does: they differ by an ulp or so.</summary>
    protected override float ScoreTolerance => 1e-6f;

    protected override IRecallIndex OpenReadOnly(string directory) =>
        LuceneNetRecallIndex.Attach(directory, LuceneNetSchema.Load(Path.Combine(directory, LuceneNetSchema.FileName)));
}
