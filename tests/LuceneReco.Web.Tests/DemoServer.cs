using LuceneReco.LoadTest;

namespace LuceneReco.Web.Tests;

/// <summary>
/// A real <c>lucenereco serve</c> process on 127.0.0.1 (a free port) over the demo's data, made as <c>./run.sh demo</c> makes
/// it: the sample catalogue indexed, the sample interactions imported, the models trained, and
/// <c>samples/demo-pipelines.json</c> served (its <c>recommend</c> pipeline has the MMR and FA*IR stages the sliders move).
/// Started once for the browser tests, and not at all where Chromium is missing.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("lucenereco-web-").FullName;
    private ServerProcess? _server;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress => _server?.BaseAddress ?? throw new InvalidOperationException("the demo server is not running");

    /// <summary>What the server wrote to stderr so far (for failure messages).</summary>
    public string Log => _server?.StandardError ?? "";

    public async Task InitializeAsync()
    {
        if (Chromium.Missing() is not null) return;
        string host = BuildOutputs.HostDll;
        string index = Path.Combine(_root, "index"), store = Path.Combine(_root, "events.db");
        string samples = Path.Combine(BuildOutputs.RepositoryRoot, "samples");
        await HostCommand.RunAsync(host, "index", "build", "--index", index, "--items", Path.Combine(samples, "catalogue.tsv"));
        await HostCommand.RunAsync(host, "interactions", "import", "--store", store, "--file", Path.Combine(samples, "interactions.tsv"), "--kind", "rating");
        await HostCommand.RunAsync(host, "train", "--store", store, "--index", index);
        _server = await ServerProcess.StartAsync(host,
            ["--index", index, "--store", store, "--config", Path.Combine(samples, "demo-pipelines.json"), "--urls", "http://127.0.0.1:0"],
            TimeSpan.FromMinutes(2));
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
