using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Serving;

/// <summary>
/// Everything a serving process holds: the index, the interaction store, the ranker catalogue, the
/// pipeline configuration, the metrics, and the runner over them. Disposing releases the index lock,
/// the configuration watcher, the catalogue and the interaction store.
/// </summary>
internal sealed class ServingHost : IDisposable
{
    public ServingHost(IIndexView index, IInteractionStore interactions, IRankerCatalog catalog, ServingConfigSource config,
        TimeProvider clock, string dataRoot, Action<string> log)
    {
        Index = index;
        Interactions = interactions;
        Catalog = catalog;
        Metrics = new ServingMetrics(clock);
        Items = new ItemCatalogView(index);
        Log = log;
        Models = new Models.ModelRegistry(dataRoot);
        Runner = new PipelineRunner(index, interactions, catalog, config, Metrics, handle => ServicesFor(handle, clock), log)
        {
            FeatureLogs = FeatureLog.SqliteFeatureLog.For,
            ModelName = Models.Name,
        };
        config.CheckWith(c => ConfigCheck.Run(c, catalog, index)); // bad stage options refuse the configuration; a missing plugin, or vectors the backend lacks, a warning
    }

    /// <summary>Opens what <paramref name="options"/> names: the SQLite interaction store when it names one, else an in-memory store.</summary>
    /// <exception cref="ConfigException">The configuration file is invalid.</exception>
    /// <exception cref="InteractionStoreException">The store file is damaged or not an interaction store.</exception>
    public static ServingHost Open(ServeOptions options, TimeProvider clock, Action<string> log)
    {
        var config = options.Config is { } file ? ServingConfigSource.Watch(file, log) : ServingConfigSource.Fixed(ServingConfig.BuiltIn);
        IIndexView? index = null;
        IInteractionStore? interactions = null;
        try
        {
            index = OpenIndex(options, log);
            interactions = options.Store is { } store ? SqliteInteractionStore.Open(store) : new InMemoryInteractionStore();
            var catalog = PluginCatalogFactory.Create(options.Plugins is { } p ? Path.GetFullPath(p) : null, options.DataRoot, watch: true, clock, log);
            return new ServingHost(index, interactions, catalog, config, clock, options.DataRoot, log);
        }
        catch
        {
            (interactions as IDisposable)?.Dispose();
            (index as IDisposable)?.Dispose();
            config.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The index <paramref name="options"/> names, by looking at the folder: the native index (its near-real-time writer, or
    /// with <see cref="ServeOptions.ReadOnly"/> its last commit), LuceneReco's own Lucene.Net index (writable, or read-only), or
    /// with <see cref="ServeOptions.LuceneNetSchema"/> another application's Lucene.Net index attached read-only; a Lucene.Net
    /// index is refreshed every <see cref="ServeOptions.Refresh"/>. What the backend says on opening is logged once.
    /// </summary>
    private static IIndexView OpenIndex(ServeOptions options, Action<string> log)
    {
        string directory = options.Index;
        if (options.LuceneNetSchema is null && IndexFolder.BackendOf(directory) == IndexFolder.Native)
            return options.ReadOnly ? new FixedIndexView(LuceneReco.Index.IndexReader.Open(directory)) : IndexService.Open(directory);
        bool attached = options.LuceneNetSchema is not null;
        var index = options.ReadOnly || attached
            ? IndexFolder.OpenReadOnly(directory, options.LuceneNetSchema)
            : IndexFolder.OpenLuceneNet(directory, null);
        foreach (string warning in index.Warnings) log($"warning: {warning}");
        Func<LuceneReco.Index.Backends.IRecallIndex>? reopen = index.ReadOnly ? null : () => IndexFolder.OpenLuceneNet(directory, null);
        return new RecallIndexService(index, reopen, options.Refresh ?? RecallIndexService.DefaultRefreshInterval, log)
        {
            ReadOnlyReason = attached
                ? "this server attached another application's Lucene.Net index read-only (--lucenenet-schema); write items through that application: its commits reach this server at the next refresh"
                : null,
        };
    }

    /// <summary>The index as requests see it.</summary>
    public IIndexView Index { get; }

    /// <summary>The index's item writes, or null when it is read-only (opened read-only, or another application's attached index).</summary>
    public IItemWriter? Writer => Index switch
    {
        IndexService native => native,
        RecallIndexService { ReadOnly: false } recall => recall,
        _ => null,
    };

    /// <summary>Why items cannot be written through this server, for the 409 a write gets; null for the general wording.</summary>
    public string? ReadOnlyReason => (Index as RecallIndexService)?.ReadOnlyReason;

    /// <summary>The schema of the index's items.</summary>
    public LuceneReco.Index.Documents.IndexSchema IndexSchema
    {
        get
        {
            using var view = Index.Acquire();
            return view.Schema;
        }
    }

    /// <summary>The index's size figures now (segments, documents, bytes, generation), for health and metrics.</summary>
    public LuceneReco.Index.IndexStats IndexStats
    {
        get
        {
            using var view = Index.Acquire();
            return view.Stats;
        }
    }

    /// <summary>The interaction events.</summary>
    public IInteractionStore Interactions { get; }

    /// <summary>The rankers.</summary>
    public IRankerCatalog Catalog { get; }

    /// <summary>Latencies, counts and faults.</summary>
    public ServingMetrics Metrics { get; }

    /// <summary>The item catalogue rankers see.</summary>
    public ItemCatalogView Items { get; }

    /// <summary>Runs pipelines.</summary>
    public PipelineRunner Runner { get; }

    /// <summary>The trained model versions under the data folder and their aliases.</summary>
    public Models.ModelRegistry Models { get; }

    /// <summary>The host's log.</summary>
    public Action<string> Log { get; }

    /// <summary>Erases <paramref name="userId"/> from the store and every feature log (<see cref="UserErasure"/>).</summary>
    public UserErasure.Result EraseUser(string userId)
    {
        Runner.UserCache.Forget(userId);
        var result = UserErasure.Erase(Interactions, Runner.Config.Current.Config, userId);
        Runner.UserCache.Forget(userId); // a request that read the history before the erasure may have remembered it meanwhile
        return result;
    }

    private IRankerServices ServicesFor(RankerHandle handle, TimeProvider clock)
    {
        Directory.CreateDirectory(handle.DataDirectory);
        return new RankerServices(Items, Interactions, handle.DataDirectory, new RankerLog(handle.Name, Log), clock);
    }

    /// <summary>
    /// Stops cleanly whatever happened before: each part is closed even when an earlier one fails (a full disk refusing the
    /// exposure state, a merge that failed), and a failure is logged, not thrown, since every acknowledged write is durable already.
    /// </summary>
    public void Dispose()
    {
        Close("the pipelines", Runner.Dispose); // a stateful stage (exposure) saves its state
        Close("the configuration watcher", Runner.Config.Dispose);
        if (Catalog is IDisposable catalog) Close("the plugins", catalog.Dispose);
        if (Index is IDisposable index) Close("the index", index.Dispose);
        if (Interactions is IDisposable interactions) Close("the interaction store", interactions.Dispose);
    }

    private void Close(string what, Action dispose)
    {
        try
        {
            dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InteractionStoreException or Microsoft.Data.Sqlite.SqliteException)
        {
            Log($"closing {what} failed (acknowledged writes are unaffected): {e.Message}");
        }
    }
}
