using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>The recall-index contract on the native index.</summary>
public sealed class NativeRecallIndexContractTests : RecallIndexContract
{
    protected override IRecallIndex Create(string directory, IndexSchema schema) =>
        NativeRecallIndex.Open(directory, new IndexWriterOptions { Schema = schema, BackgroundMerges = false });

    protected override IRecallIndex OpenReadOnly(string directory) => NativeRecallIndex.OpenReadOnly(directory);
}
