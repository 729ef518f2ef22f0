namespace LuceneReco.LoadTest;

/// <summary>How long and how hard <see cref="HotReloadLoad"/> runs.</summary>
public sealed record HotReloadLoadOptions
{
    /// <summary>How long the clients send requests while the plugin is replaced.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Concurrent client loops, each one request at a time.</summary>
    /// <value>The default is 8. 1 to 64.</value>
    public int Clients { get; init; } = 8;

    /// <summary>
    /// Writer loops besides the readers (<see cref="WriteClient"/>: <c>PUT /items</c> and <c>POST /events</c> alternately),
    /// for the soak; every acknowledged item is looked up after the load.
    /// </summary>
    /// <value>The default is 0 (reads only). 0 to 64.</value>
    public int Writers { get; init; }

    /// <summary>How often the plugin folder's contents are replaced (GoodRanker v1 and v2 alternately).</summary>
    /// <value>The default is 3 seconds.</value>
    public TimeSpan ReloadEvery { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The sequential bare-versus-staged comparison before the load; null skips it.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan? Baseline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long memory is still sampled after the load and the reloads stop.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether to induce two full GCs in the server at the end (through its diagnostics port, <see cref="FullCollection"/>)
    /// and sample once more, to see what remains once replaced plugin contexts could be freed.
    /// </summary>
    /// <value>The default is false.</value>
    public bool FullCollectionAtEnd { get; init; }

    /// <summary>Seeds the users' events and each client's choice of queries.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Receives progress lines; null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Every invalid option, as one line each (empty when valid).</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromHours(1)) errors.Add($"the duration must be 1 s to 1 h, got {Duration.TotalSeconds} s");
        if (Clients is < 1 or > 64) errors.Add($"clients must be 1 to 64, got {Clients}");
        if (Writers is < 0 or > 64) errors.Add($"writers must be 0 to 64, got {Writers}");
        if (ReloadEvery < TimeSpan.FromMilliseconds(500) || ReloadEvery > Duration) errors.Add($"the reload interval must be 0.5 s to the duration, got {ReloadEvery.TotalSeconds} s");
        if (Baseline is { } b && (b < TimeSpan.FromSeconds(1) || b > TimeSpan.FromMinutes(10))) errors.Add($"the baseline must be 1 s to 10 min, got {b.TotalSeconds} s");
        if (Settle < TimeSpan.Zero || Settle > TimeSpan.FromMinutes(10)) errors.Add($"the settle time must be 0 to 10 min, got {Settle.TotalSeconds} s");
        return errors;
    }
}
