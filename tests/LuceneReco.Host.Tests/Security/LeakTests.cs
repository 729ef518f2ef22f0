using System.Net;
using LuceneReco.Host.Cli;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Security;

/// <summary>Nothing a client sent reaches the log by default; stored text printed by the CLI shows control characters escaped.</summary>
public sealed class LeakTests
{
    [Fact]
    public async Task Log_HoldsRouteTemplates_NeverIdsUserIdsOrEventContents()
    {
        const string Secret = "SECRET-7f3a";
        await using var server = await SecureServer.StartAsync(store: new FailingEraseStore(new InMemoryInteractionStore()));
        await server.Send(HttpMethod.Put, "/items", $$"""{"id":"item-{{Secret}}","title":"t {{Secret}}","body":"b","category":"books","tags":["t"]}""");
        await server.Send(HttpMethod.Post, "/events", $$"""{"userId":"user-{{Secret}}","itemId":"item-{{Secret}}","kind":"kind-{{Secret}}"}""");
        await server.Send(HttpMethod.Post, "/events", $$"""{"userId":"user-{{Secret}}","itemId":7}""");
        await server.Send(HttpMethod.Post, "/recommend", $$"""{"userId":"user-{{Secret}}"}""");
        await server.Client.GetAsync($"/items/item-{Secret}/similar");
        await server.Client.GetAsync($"/search?q={Secret}&filter=category%3D{Secret}");
        await server.Client.GetAsync($"/items/none-{Secret}");
        var failed = await server.Client.DeleteAsync($"/users/explode-{Secret}");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);

        var log = server.Log;
        Assert.True(log.Contains("DELETE /users/{userId}/ failed", StringComparison.Ordinal), log); // the 500 was logged, by its route
        Assert.DoesNotContain(Secret, log);
    }

    [Fact]
    public void InteractionsStats_EscapesControlCharactersOfStoredKinds()
    {
        using var files = new TestFiles();
        var path = files.PathOf("events.db");
        using (var store = SqliteInteractionStore.Open(path))
            store.AddRange([new Interaction("u1", "b001", "view\u001b[2J\u0007", 1, DateTimeOffset.UnixEpoch)]);
        var output = CliRun.Of("interactions", "stats", "--store", path).AssertOk();
        Assert.Contains("view\\u001b[2J\\u0007 1", output);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u0007', output);
    }

    [Fact]
    public void UsersErase_EscapesTheUserItPrints()
    {
        using var files = new TestFiles();
        var path = files.PathOf("events.db");
        using (var store = SqliteInteractionStore.Open(path))
            store.AddRange([new Interaction("evil\u001b]0;title\u0007", "b001", "view", 1, DateTimeOffset.UnixEpoch)]);
        var output = CliRun.Of("users", "erase", "--store", path, "--user", "evil\u001b]0;title\u0007").AssertOk();
        Assert.Contains("evil\\u001b]0;title\\u0007", output);
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void TerminalSafeWriter_KeepsLineBreaksAndTabs_EscapesOtherControls()
    {
        var inner = new StringWriter();
        var writer = new TerminalSafeWriter(inner);
        writer.Write("a\tb\n");
        writer.Write('\r');
        writer.WriteLine("c\u009bd\u007f");
        writer.Flush();
        Assert.Equal("a\tb\n\\u000dc\\u009bd\\u007f" + Environment.NewLine, inner.ToString());
    }

    /// <summary>The in-memory store, except that erasing a user whose id starts with "explode" fails (to provoke a 500 with an id in the path).</summary>
    private sealed class FailingEraseStore(IInteractionStore inner) : IInteractionStore
    {
        public long Count => inner.Count;

        public void Add(Interaction interaction) => inner.Add(interaction);

        public int EraseUser(string userId) =>
            userId.StartsWith("explode", StringComparison.Ordinal) ? throw new InvalidOperationException("the store failed") : inner.EraseUser(userId);

        public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => inner.ForItem(itemId, max);

        public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => inner.ForUser(userId, max);
    }
}
