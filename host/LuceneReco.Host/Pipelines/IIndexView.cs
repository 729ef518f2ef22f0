using LuceneReco.Index;

namespace LuceneReco.Host.Pipelines;

/// <summary>The index as requests see it: the newest point-in-time reader. Each request takes one and uses it throughout.</summary>
internal interface IIndexView
{
    /// <summary>The newest reader (changes after every write batch).</summary>
    IndexReader Reader { get; }
}
