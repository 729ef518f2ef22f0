using LuceneReco.Index;
using LuceneReco.Index.Backends;

namespace LuceneReco.Host.Pipelines;

/// <summary>One fixed native reader as the index view (read-only serving, offline evaluation, tests).</summary>
internal sealed class FixedIndexView(IndexReader reader) : IIndexView
{
    public IndexReader Reader { get; } = reader;

    public IRecallView Acquire() => NativeRecallIndex.View(Reader);
}
