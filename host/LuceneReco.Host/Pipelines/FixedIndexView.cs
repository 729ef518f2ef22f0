using LuceneReco.Index;

namespace LuceneReco.Host.Pipelines;

/// <summary>A read-only view of one reader (the <c>recommend</c> command reads the last commit and writes nothing).</summary>
internal sealed class FixedIndexView(IndexReader reader) : IIndexView
{
    public IndexReader Reader { get; } = reader;
}
