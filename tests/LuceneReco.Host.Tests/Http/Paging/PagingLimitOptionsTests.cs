using System.Net;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Http.Paging;
using LuceneReco.Host.Http.Security;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Pipelines;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Http.Paging;

/// <summary>The paging limits set through <c>serve --limit NAME=VALUE</c>: parsed, checked, and held to by a server.</summary>
public sealed class PagingLimitOptionsTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Set_ReadsEachName_CaseInsensitively()
    {
        var limits = PagingLimits.Default;
        Assert.Null(PagingLimitOptions.Set(ref limits, "pagingDepth=50"));
        Assert.Null(PagingLimitOptions.Set(ref limits, "PAGINGTTLSECONDS=90"));
        Assert.Null(PagingLimitOptions.Set(ref limits, "pagingMaxLists=1_000"));
        Assert.Equal(new PagingLimits { Depth = 50, TimeToLive = TimeSpan.FromSeconds(90), Capacity = 1000 }, limits);
        Assert.Equal(200, PagingLimits.Default.Depth); // the defaults are left as they were
    }

    [Theory]
    [InlineData("pagingDepth=0", "--limit pagingDepth must be a whole number from 1 to 1000, got '0'")]
    [InlineData("pagingDepth=1001", "--limit pagingDepth must be a whole number from 1 to 1000, got '1001'")]
    [InlineData("pagingTtlSeconds=86401", "--limit pagingTtlSeconds must be a whole number from 1 to 86400, got '86401'")]
    [InlineData("pagingMaxLists=ten", "--limit pagingMaxLists must be a whole number from 1 to 1000000, got 'ten'")]
    [InlineData("pagingMaxLists", "--limit pagingMaxLists must be a whole number from 1 to 1000000, got ''")]
    public void Set_OutOfRange_NamesTheLimitAndItsRange_AndKeepsTheLimits(string assignment, string problem)
    {
        var limits = PagingLimits.Default;
        Assert.Equal(problem, PagingLimitOptions.Set(ref limits, assignment));
        Assert.Same(PagingLimits.Default, limits);
    }

    [Fact]
    public void Resolve_SendsPagingNamesToPaging_AndRequestNamesToLimits_AndListsBothWhenUnknown()
    {
        var errors = new List<string>();
        var security = SecuritySetup.Resolve("http://127.0.0.1:0", null, false, false, null, ["pagingDepth=30", "maxBatch=77", "pagingTtlSeconds=5"],
            _ => null, errors, []);
        Assert.Empty(errors);
        Assert.NotNull(security);
        Assert.Equal(30, security.Paging.Depth);
        Assert.Equal(TimeSpan.FromSeconds(5), security.Paging.TimeToLive);
        Assert.Equal(PagingLimits.Default.Capacity, security.Paging.Capacity);
        Assert.Equal(77, security.Limits.MaxBatch);

        Assert.Null(SecuritySetup.Resolve("http://127.0.0.1:0", null, false, false, null, ["pagingDepth=0", "paging=3"], _ => null, errors, []));
        Assert.Equal(2, errors.Count);
        Assert.Contains("pagingDepth must be a whole number from 1 to 1000", errors[0]);
        Assert.Contains("pagingDepth, pagingTtlSeconds, pagingMaxLists", errors[1]);
    }

    [Fact]
    public void Serve_BadPagingLimit_ExitsTwo_WithOneLine()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        var line = CliRun.Of("serve", "--index", index, "--limit", "pagingTtlSeconds=0").AssertOneLineFailure(2);
        Assert.Contains("--limit pagingTtlSeconds must be a whole number from 1 to 86400, got '0'", line);
    }

    [Fact]
    public async Task Server_WithPagingLimitsFromTheOptions_KeepsThatDepth_AndExpiresAfterThatTime()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        var clock = new FakeTimeProvider();
        var errors = new List<string>();
        var security = SecuritySetup.Resolve("http://127.0.0.1:0", null, false, false, null, ["pagingDepth=5", "pagingTtlSeconds=30"], _ => null, errors, []);
        Assert.True(security is not null, string.Join("; ", errors));
        using var host = new ServingHost(IndexService.Open(index), new InMemoryInteractionStore(), new FakeCatalog(),
            ServingConfigSource.Fixed(ServingConfig.BuiltIn), clock, _files.PathOf("data"), _ => { });
        await using var app = ServeApp.Build(host, "http://127.0.0.1:0", TextWriter.Null, security);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(app))), Timeout = TimeSpan.FromSeconds(20) };

        var all = await Json(client, "/search?q=space&k=20");
        Assert.True(all.GetProperty("items").GetArrayLength() > 5, "precondition: the query finds more than the paging depth");
        var first = await Json(client, "/search?q=space&k=3&cursor=*");
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        var second = await Json(client, "/search?k=3&cursor=" + Uri.EscapeDataString(first.GetProperty("next").GetString()!));
        Assert.Equal(2, second.GetProperty("items").GetArrayLength()); // the list holds pagingDepth = 5
        Assert.False(second.TryGetProperty("next", out var none) && none.ValueKind == JsonValueKind.String, "the last page of a 5-deep list has no next");

        var again = await Json(client, "/search?q=space&k=2&cursor=*");
        clock.Advance(TimeSpan.FromSeconds(31));
        using var expired = await client.GetAsync("/search?k=2&cursor=" + Uri.EscapeDataString(again.GetProperty("next").GetString()!));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
    }

    private static async Task<JsonElement> Json(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
