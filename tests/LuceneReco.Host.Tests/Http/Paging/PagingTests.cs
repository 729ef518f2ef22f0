using System.Net;
using System.Text.Json;

namespace LuceneReco.Host.Tests.Http.Paging;

/// <summary>Paging by offset and by cursor through a real server: a cursor pages the list as ranked for the first page.</summary>
public sealed class PagingTests(PagingServerFixture server) : IClassFixture<PagingServerFixture>
{
    private static string[] Ids(JsonElement response) =>
        response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();

    private static string? Next(JsonElement response) =>
        response.TryGetProperty("next", out var next) ? next.GetString() : null;

    private async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<JsonElement> Recommend(string json) => await Ok(await server.Post("/recommend", json));

    private static async Task<string> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Cursor_PagesOfTenThroughAStatefulStage_GiveTheFirstRankingOf100OnceEach()
    {
        int before;
        lock (server.ShuffledOrders) before = server.ShuffledOrders.Count;
        var page = await Recommend("""{"userId":"pager-1","pipeline":"shuffle","k":10,"cursor":"*"}""");
        string[] ranked;
        lock (server.ShuffledOrders) ranked = server.ShuffledOrders[before];
        Assert.True(ranked.Length >= 100, $"the shuffle pipeline ranked only {ranked.Length} items");

        var seen = new List<string>(Ids(page));
        for (int p = 1; p < 10; p++)
        {
            var plain = await Recommend("""{"userId":"pager-1","pipeline":"shuffle","k":10}""");
            Assert.NotEqual(ranked.Take(10), Ids(plain)); // the stage does answer differently a moment later
            var cursor = Next(page);
            Assert.False(cursor is null, $"page {p} has no next cursor");
            page = await Recommend($$"""{"cursor":"{{cursor}}"}""");
            Assert.Equal(10, Ids(page).Length);
            seen.AddRange(Ids(page));
        }
        Assert.Equal(ranked.Take(100), seen);
        Assert.Equal(100, seen.Distinct().Count());
        Assert.Equal("shuffle", page.GetProperty("pipeline").GetString());
        Assert.All(page.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("fields").TryGetProperty("title", out _))); // fields on later pages too
    }

    [Fact]
    public async Task Cursor_LastPage_HasNoNext_AndThePageSizeCanChange()
    {
        var page = await Recommend("""{"userId":"pager-2","pipeline":"shuffle","k":50,"cursor":"*"}""");
        var seen = new List<string>(Ids(page));
        page = await Recommend($$"""{"cursor":"{{Next(page)}}","k":60}""");
        seen.AddRange(Ids(page));
        Assert.Equal(60, Ids(page).Length);
        page = await Recommend($$"""{"cursor":"{{Next(page)}}"}""");
        seen.AddRange(Ids(page));
        Assert.Equal(PagingServerFixture.Limits.Depth - 110, Ids(page).Length); // the list holds the depth, 120
        Assert.Null(Next(page));
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Offset_PagesOfTen_EqualOneRequestFor100_WithoutStatefulStages()
    {
        var whole = Ids(await Recommend("""{"userId":"pager-3","pipeline":"plain","k":100}"""));
        Assert.Equal(100, whole.Length);
        var paged = new List<string>();
        for (int offset = 0; offset < 100; offset += 10)
        {
            var page = await Recommend($$"""{"userId":"pager-3","pipeline":"plain","k":10,"offset":{{offset}}}""");
            Assert.Null(Next(page)); // offset paging keeps nothing
            paged.AddRange(Ids(page));
        }
        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task Offset_OnSearch_SkipsThatManyResults()
    {
        var whole = Ids(await Ok(await server.Client.GetAsync("/search?q=space&k=6")));
        Assert.Equal(6, whole.Length);
        var tail = Ids(await Ok(await server.Client.GetAsync("/search?q=space&k=3&offset=3")));
        Assert.Equal(whole.Skip(3), tail);
    }

    [Fact]
    public async Task Cursor_OnSearch_ReturnsTheNextPage_AndIsRefusedByAnotherEndpoint()
    {
        var first = await Ok(await server.Client.GetAsync("/search?q=space&k=2&cursor=*"));
        var whole = Ids(await Ok(await server.Client.GetAsync("/search?q=space&k=4")));
        var cursor = Next(first);
        Assert.NotNull(cursor);
        var second = await Ok(await server.Client.GetAsync($"/search?cursor={cursor}"));
        Assert.Equal(whole, Ids(first).Concat(Ids(second)));

        var detail = await Problem(await server.Post("/recommend", $$"""{"cursor":"{{cursor}}"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("belongs to a search list", detail);
        detail = await Problem(await server.Client.GetAsync($"/search?cursor={cursor}&offset=4"), HttpStatusCode.BadRequest);
        Assert.Contains("offset cannot be given with a cursor", detail);
    }

    [Fact]
    public async Task Cursor_AfterItsTimeToLive_Is410SayingItExpiredAndHowToStartOver()
    {
        var page = await Recommend("""{"userId":"pager-4","pipeline":"plain","k":10,"cursor":"*"}""");
        var cursor = Next(page)!;
        var again = await Recommend($$"""{"cursor":"{{cursor}}"}""");
        Assert.Equal(10, Ids(again).Length);
        server.Clock.Advance(PagingServerFixture.Limits.TimeToLive + TimeSpan.FromSeconds(1));
        var detail = await Problem(await server.Post("/recommend", $$"""{"cursor":"{{cursor}}"}"""), HttpStatusCode.Gone);
        Assert.Contains("the cursor has expired", detail);
        Assert.Contains("10 minutes", detail);
        Assert.Contains("cursor=*", detail);
    }

    [Fact]
    public async Task Cursor_UnknownOrGarbled_IsAClearProblem()
    {
        var page = await Recommend("""{"userId":"pager-5","pipeline":"plain","k":10,"cursor":"*"}""");
        var real = Next(page)!;
        var unknown = new LuceneReco.Host.Http.Paging.PageCursor(Guid.NewGuid(), server.Clock.GetUtcNow(), 10).ToString();
        Assert.NotEqual(real, unknown);
        var detail = await Problem(await server.Post("/recommend", $$"""{"cursor":"{{unknown}}"}"""), HttpStatusCode.Gone);
        Assert.Contains("no longer kept", detail);
        Assert.Contains("cursor=*", detail);
        detail = await Problem(await server.Post("/recommend", """{"cursor":"not-a-cursor"}"""), HttpStatusCode.BadRequest);
        Assert.Contains("cursor must be '*'", detail);
    }

    [Fact]
    public async Task Offset_BeyondTheLargestList_IsAValidationProblem()
    {
        var detail = await Problem(await server.Post("/recommend", """{"userId":"pager-6","k":100,"offset":950}"""), HttpStatusCode.BadRequest);
        Assert.Contains("offset + k must be at most 1,000", detail);
        detail = await Problem(await server.Client.GetAsync("/search?q=space&offset=-1"), HttpStatusCode.BadRequest);
        Assert.Contains("offset must be a whole number from 0", detail);
    }
}
