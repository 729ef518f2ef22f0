using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LuceneReco.LoadTest;

/// <summary>
/// Replaces the contents of the <c>good</c> plugin folder at a fixed interval, alternating the GoodRanker v2
/// and v1 builds (copied over the files in place, as <c>dotnet publish -o</c> would), and after each copy waits
/// until <c>GET /plugins</c> shows the new version loaded.
/// </summary>
internal sealed class PluginSwapper(HttpClient http, string pluginsFolder, TimeSpan every, Action<string>? log)
{
    /// <summary>The longest a copied version may take to show as loaded.</summary>
    public static readonly TimeSpan VisibleWithin = TimeSpan.FromSeconds(20);

    private readonly string[] _outputs = ["", BuildOutputs.TestPlugin("GoodRanker"), BuildOutputs.TestPlugin("GoodRankerV2")];

    /// <summary>The version in the folder now (the load starts with v1 installed).</summary>
    public int Current { get; private set; } = 1;

    /// <summary>Milliseconds from the start of each copy until <c>/plugins</c> showed the version loaded.</summary>
    public List<double> VisibleMs { get; } = [];

    /// <summary>Copies whose version did not show as loaded within <see cref="VisibleWithin"/>.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>
    /// Installs <paramref name="version"/> (1 or 2) and waits until it is served; false if it did not show in time.
    /// A <paramref name="reload"/> is counted in <see cref="VisibleMs"/> or <see cref="Problems"/>.
    /// </summary>
    public async Task<bool> InstallAsync(int version, bool reload = true)
    {
        var started = Stopwatch.GetTimestamp();
        BuildOutputs.InstallPlugin(_outputs[version], pluginsFolder, LoadWorkload.Ranker);
        Current = version;
        var expected = $"{version}.0.0.0";
        while (Stopwatch.GetElapsedTime(started) < VisibleWithin)
        {
            if (await ServedVersionAsync().ConfigureAwait(false) == expected)
            {
                double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (reload) VisibleMs.Add(ms);
                log?.Invoke(reload ? $"reload {VisibleMs.Count}: v{version} loaded {ms:0} ms after the copy" : $"v{version} installed and loaded");
                return true;
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
        if (reload) Problems.Add($"v{version} was not loaded within {VisibleWithin.TotalSeconds:0} s of the copy");
        return false;
    }

    /// <summary>Every <c>every</c>, installs the other version, until <paramref name="stop"/>; a reload in progress is finished.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every);
        while (await WaitTick(timer, stop).ConfigureAwait(false))
            await InstallAsync(3 - Current).ConfigureAwait(false);
    }

    /// <summary>The version of the loaded "good" ranker per <c>GET /plugins</c>, or null.</summary>
    private async Task<string?> ServedVersionAsync()
    {
        var plugins = await http.GetFromJsonAsync<JsonElement>("/plugins").ConfigureAwait(false);
        foreach (var plugin in plugins.EnumerateArray())
        {
            if (plugin.GetProperty("name").GetString() == LoadWorkload.Ranker && plugin.GetProperty("state").GetString() == "loaded")
                return plugin.GetProperty("version").GetString();
        }
        return null;
    }

    private static async Task<bool> WaitTick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false; // the load is over
        }
    }
}
