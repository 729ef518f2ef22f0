using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace LuceneReco.LoadTest;

/// <summary>
/// Induces a full blocking garbage collection in another .NET process through its diagnostics port, the way
/// <c>dotnet-gcdump</c> does: an EventPipe session with the runtime's GCHeapCollect keyword. Used once at the
/// end of the load to see what the server holds after replaced plugin contexts have had a chance to be freed.
/// </summary>
internal static class FullCollection
{
    /// <summary>The runtime provider's GCHeapCollect keyword: enabling it triggers a full GC.</summary>
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Starts the session (which triggers the collection), waits <paramref name="grace"/> for it to finish, stops it.</summary>
    public static async Task InduceAsync(int processId, TimeSpan grace)
    {
        var client = new DiagnosticsClient(processId);
        var provider = new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword);
        using var session = client.StartEventPipeSession(provider, requestRundown: false);
        var drain = session.EventStream.CopyToAsync(Stream.Null);
        await Task.Delay(grace).ConfigureAwait(false);
        session.Stop();
        await drain.ConfigureAwait(false);
    }
}
