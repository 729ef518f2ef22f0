using LuceneReco.Host.Interactions;

namespace LuceneReco.Host.Serving;

/// <summary>Whether the server can take writes now, for <c>/health</c>: the index's and the store's last write failure, rechecked.</summary>
internal static class WriteHealth
{
    /// <summary>
    /// Why writes fail now (the index's problem first), or null when they work. A failure is rechecked with a small probe
    /// write, so health turns back to ok by itself once space returns, before the next client write.
    /// </summary>
    public static string? Problem(ServingHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Writer?.ProbeWrites() ?? (host.Interactions as SqliteInteractionStore)?.ProbeWrites();
    }
}
