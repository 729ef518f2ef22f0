using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Offline;

namespace LuceneReco.Host.Tests.Pipelines.Semantic;

/// <summary>The 30-item space/cooking catalogue of <see cref="RecoData"/>, embedded once by <c>lucenereco embed</c> with the real built-in MiniLM.</summary>
public sealed class EmbeddedRecoData : IDisposable
{
    internal RecoData Data { get; } = new();

    public EmbeddedRecoData() => EmbedOutput = CliRun.Of("embed", "--index", Data.Index).AssertOk();

    /// <summary>What the embed command printed.</summary>
    public string EmbedOutput { get; }

    public void Dispose() => Data.Dispose();
}
