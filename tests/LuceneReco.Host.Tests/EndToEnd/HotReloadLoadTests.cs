using System.Globalization;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// A short run of tests/LoadTest against a real server: 4 clients for 10 s while the <c>good</c> plugin is
/// replaced every 2 s. Every request must succeed with the stage applied, and both versions must serve.
/// Trait Category=Load, so a slow CI can leave it out (<c>--filter "Category!=Load"</c>).
/// </summary>
[Collection(ServerProcessCollection.Name)]
[Trait("Category", "Load")]
public sealed class HotReloadLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConcurrentRequests_DuringRepeatedReloads_AllSucceed_AndBothVersionsServe()
    {
        var report = await HotReloadLoad.RunAsync(new HotReloadLoadOptions
        {
            Duration = TimeSpan.FromSeconds(10),
            Clients = 4,
            ReloadEvery = TimeSpan.FromSeconds(2),
            Baseline = null,
            Settle = TimeSpan.Zero,
            Log = line => output.WriteLine(line),
        });
        output.WriteLine(report.ToMarkdown());

        Assert.True(report.Failed == 0, $"{report.Failed} failed requests: {string.Join("; ", report.Failures.Select(f => $"{f.Value} x {f.Key}"))}\n{report.ServerLog}");
        Assert.True(report.Requests > 100, report.Requests.ToString(CultureInfo.InvariantCulture));
        Assert.True(report.Reloads >= 3, $"{report.Reloads} reloads; {string.Join("; ", report.ReloadProblems)}");
        Assert.Empty(report.ReloadProblems);
        Assert.True(report.V1Responses > 0 && report.V2Responses > 0, $"v1 served {report.V1Responses}, v2 served {report.V2Responses}");
        Assert.Equal(report.Requests, report.V1Responses + report.V2Responses);
        Assert.Equal(0, report.ServerExitCode);
    }
}
