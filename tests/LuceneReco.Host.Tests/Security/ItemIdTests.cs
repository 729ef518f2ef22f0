using System.Net;
using System.Text.Json;

namespace LuceneReco.Host.Tests.Security;

/// <summary>Ids are any non-empty string within the id limit, '/' and '%' included, reachable percent-encoded in the path.</summary>
public sealed class ItemIdTests
{
    [Theory]
    [InlineData("a/b c%d")]
    [InlineData("%2F/%25")]
    [InlineData("x/similar")]
    [InlineData("ünï/cødé ?#&")]
    public async Task PutGetDelete_RoundTripsAnIdWithSlashes(string id)
    {
        await using var server = await SecureServer.StartAsync();
        var json = JsonSerializer.Serialize(new { id, title = "Slashed orbit", body = "an id with a slash", category = "books", tags = new[] { "s" } });
        var put = await server.Send(HttpMethod.Put, "/items", json);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var path = "/items/" + Uri.EscapeDataString(id);

        var get = await server.Client.GetAsync(path);
        var body = await get.Content.ReadAsStringAsync();
        Assert.True(get.StatusCode == HttpStatusCode.OK, $"{path}: {body}");
        using (var item = JsonDocument.Parse(body))
        {
            Assert.Equal(id, item.RootElement.GetProperty("id").GetString());
            Assert.Equal("Slashed orbit", item.RootElement.GetProperty("title").GetString());
        }
        var similar = await server.Client.GetAsync(path + "/similar?k=3");
        Assert.True(similar.StatusCode == HttpStatusCode.OK, await similar.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync(path)).StatusCode);
        Assert.Empty(server.CheckIndex());
    }

    [Fact]
    public async Task UserIdWithSlash_IsErasedThroughTheEscapedPath()
    {
        await using var server = await SecureServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Post, "/events", """[{"userId":"team/alice","itemId":"b001"},{"userId":"team/alice","itemId":"b002"}]""")).StatusCode);
        var erase = await server.Client.DeleteAsync("/users/" + Uri.EscapeDataString("team/alice"));
        using var result = JsonDocument.Parse(await erase.Content.ReadAsStringAsync());
        Assert.Equal(2, result.RootElement.GetProperty("erased").GetInt32());
    }
}
