using System.Globalization;
using LuceneReco.Host.Tests.EndToEnd;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// The bounded soak CI runs (tests/LoadTest with writers): a real <c>lucenereco serve</c> on 127.0.0.1 with 12 reading
/// clients (search and recommend with a plugin stage) and 4 writing ones (new items and events) for 20 s while the plugin
/// is replaced every 3 s. No request may fail, every acknowledged item must be found afterwards, merges must keep the
/// segment count bounded, and SIGTERM must stop it cleanly. The full soak (32 clients, 5 minutes) is in tests/LoadTest/README.md.
/// </summary>
[Collection(ServerProcessCollection.Name)]
[Trait("Category", "Load")]
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReadsWritesAndEvents_WhileThePluginIsReplaced_NothingFails_NothingIsLost_SegmentsStayBounded()
    {
        var report = await HotReloadLoad.RunAsync(new HotReloadLoadOptions
        {
            Duration = TimeSpan.FromSeconds(20),
            Clients = 12,
            Writers = 4,
            ReloadEvery = TimeSpan.FromSeconds(3),
            Baseline = null,
            Settle = TimeSpan.Zero,
            Log = line => output.WriteLine(line),
        });
        output.WriteLine(report.ToMarkdown());

        Assert.True(report.Failed == 0, $"{report.Failed} failed requests: {string.Join("; ", report.Failures.Select(f => $"{f.Value} x {f.Key}"))}\n{report.ServerLog}");
        var writes = Assert.IsType<SoakWrites>(report.Writes);
        Assert.True(writes.Acknowledged >= 20, $"only {writes.Acknowledged} items written");
        Assert.Empty(writes.Lost);
        Assert.True(writes.SegmentsAtEnd <= 30, string.Create(CultureInfo.InvariantCulture, $"{writes.SegmentsAtEnd} segments after {writes.Acknowledged} single-item writes"));
        Assert.True(report.V1Responses > 0 && report.V2Responses > 0, $"v1 served {report.V1Responses}, v2 served {report.V2Responses}");
        Assert.Equal(0, report.ServerExitCode);
    }
}
