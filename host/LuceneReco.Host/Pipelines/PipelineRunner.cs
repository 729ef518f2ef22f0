using LuceneReco.Host.Experiments;
using LuceneReco.Host.Shadows;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Runs a request through a named pipeline: resolves the user's history, runs the recall sources on one
/// point-in-time reader, fuses their lists, then runs each rerank stage on its own copy of the candidates
/// within its budget (see <see cref="StageInvoker"/>). A ranker that is missing, quarantined, throws,
/// overruns or returns an invalid list is skipped for the request, named in
/// <see cref="PipelineResult.SkippedStages"/>, and (for request-time faults) reported to the catalogue.
/// Thread-safe: one runner serves every request.
/// </summary>
internal sealed partial class PipelineRunner(
    IIndexView index,
    IInteractionReader interactions,
    IRankerCatalog catalog,
    ServingConfigSource config,
    ServingMetrics metrics,
    Func<RankerHandle, IRankerServices> servicesFor,
    Action<string> log) : IDisposable
{
    /// <summary>How many of the user's newest interactions are read for the profile and the exclusions.</summary>
    public const int HistoryDepth = 1000;

    private readonly StageCache<IRankerStage> _stages = new(metrics.Clock, log);
    private readonly StageCache<ICandidateSource> _sources = new(metrics.Clock, log);
    private readonly TimeProvider _clock = metrics.Clock;
    private readonly QueryEncoders _encoders = new(catalog);

    /// <summary>
    /// Opens the log a pipeline's <see cref="PipelineDefinition.FeatureLog"/> names (the host's SQLite feature log).
    /// <value>The default is <c>null</c>: no list is logged, whatever the pipelines say.</value>
    /// </summary>
    public Func<FeatureLogSettings, IServedListLog>? FeatureLogs { get; init; }

    private ShadowQueue? _shadows;

    /// <summary>The shadow runs of the pipelines that name <see cref="PipelineDefinition.Shadow"/> pipelines (docs/experiments.md).</summary>
    public ShadowQueue Shadows => LazyInitializer.EnsureInitialized(ref _shadows, () => new ShadowQueue(RunAsync, _clock, log));

    /// <summary>Stops the shadow runs, then disposes every stage and source the runner made (a stateful stage saves its state); the runner is not used after.</summary>
    public void Dispose()
    {
        _shadows?.Dispose();
        _stages.DisposeAll();
        _sources.DisposeAll();
    }

    /// <summary>
    /// Each user's profile queries and recent plain results (<see cref="Pipelines.UserCache"/>); its capacity follows the
    /// configuration's <see cref="ServingConfig.UserCacheSize"/>.
    /// </summary>
    public UserCache UserCache { get; } = new();

    /// <summary>The configuration the runner uses.</summary>
    public ServingConfigSource Config => config;

    /// <summary>
    /// Runs <paramref name="request"/> on the index's newest view, released when the run ends. The result's
    /// <see cref="PipelineResult.View"/> stays readable afterwards only on the native index (whose readers live as long as the
    /// index); a caller that reads stored fields from it on any backend (the HTTP endpoints, <c>recommend</c>) acquires the
    /// view itself and uses the overload taking it.
    /// </summary>
    /// <exception cref="RequestException">Bad k, unknown pipeline, malformed query or filter (400), unknown item (404).</exception>
    public async Task<PipelineResult> RunAsync(PipelineRequest request, CancellationToken cancellation = default)
    {
        using var view = index.Acquire();
        return await RunAsync(request, view, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="request"/> on <paramref name="view"/> (acquired from the runner's index by the caller, who holds it
    /// until the response is written: recall, stages, explanations and the stored fields all read that one view).
    /// </summary>
    /// <exception cref="RequestException">Bad k, unknown pipeline, malformed query or filter (400), unknown item (404).</exception>
    public async Task<PipelineResult> RunAsync(PipelineRequest request, IRecallView view, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        long start = _clock.GetTimestamp();
        if (request.K is < 1 or > PipelineRequest.MaxK)
            throw RequestException.BadRequest($"k must be between 1 and {PipelineRequest.MaxK}, got {request.K}");
        var snapshot = config.Current;
        string name = request.Pipeline ?? snapshot.Config.DefaultFor(request.Kind, !string.IsNullOrWhiteSpace(request.QueryText));
        var pipeline = snapshot.Config.Find(name)
            ?? throw RequestException.BadRequest($"unknown pipeline '{name}' (pipelines: {string.Join(", ", snapshot.Config.Pipelines.Keys)})");
        if (request.Kind == RequestKind.Search && string.IsNullOrWhiteSpace(request.QueryText))
            throw RequestException.BadRequest("a search needs query text");

        var reader = view;
        using var rankers = catalog.Snapshot();
        var skipped = new List<SkippedStage>();
        var served = new Dictionary<string, Version>(StringComparer.Ordinal);
        if (UserCache.Capacity != snapshot.Config.UserCacheSize) UserCache.Capacity = snapshot.Config.UserCacheSize;
        var context = Resolve(request, reader, out var recent);
        var items = new ItemCatalogView(reader);
        var ranking = new RankingRequest(request.UserId, request.QueryText, recent, request.K, request.Options)
        {
            Items = items,
            Models = context.Models, // recall and every stage of this request score with the same model versions
            Explain = request.Explain,
            Offline = request.Offline,
            History = context.History,
        };
        ValidateOverrides(name, pipeline, snapshot.Version, rankers, ranking);
        var run = new RunState(snapshot.Version, rankers, request, context, items, ranking, skipped, served, start);
        var experiment = ExperimentFor(snapshot.Config, name, request);
        // users outside an experiment's traffic share see the control alone: their lists are its baseline, logged where the
        // experiment keeps impressions when the control has no feature log of its own
        var controlOwnLog = experiment is null && pipeline.FeatureLog is null ? ControlOwnLog(snapshot.Config, name, request) : null;
        string? resultKey = experiment is null && controlOwnLog is null ? ResultKey(name, pipeline, snapshot.Version, request, context) : null;
        if (resultKey is not null && context.UserCache!.Remembered(resultKey, start - (long)(UserCache.ResultMaxAge.TotalSeconds * _clock.TimestampFrequency)) is var (cached, states)
            && ServesTheSamePlugins(cached, rankers) && PluginStates(cached, rankers) is { } now && SameStates(states, now))
        {
            var remembered = cached with { View = view, Took = _clock.GetElapsedTime(start), RecallTook = TimeSpan.Zero, Sources = [], Stages = [], FromCache = true };
            OfferShadows(snapshot.Config, name, pipeline, request, remembered);
            return remembered;
        }
        var ranked = experiment is { } e
            ? await InterleaveAsync(e.Name, e.Settings, name, pipeline, snapshot.Config, run, cancellation).ConfigureAwait(false)
            : await RankAsync(name, pipeline, pipeline.Stages.Count, run, cancellation).ConfigureAwait(false);
        var candidates = ranked.Candidates;
        if (ranked.Recalled == 0 && request.Kind == RequestKind.Similar) // say why, rather than an empty list with no word
            skipped.Add(new SkippedStage("recall", NothingSimilar(name, pipeline)));

        if (ranked.Slots is { } slots && ranked.Known.Count > 0) slots.Apply(candidates, request.K, id => !ranked.Known.Exists(k => k(id)));
        if (candidates.Count > request.K) candidates.RemoveRange(request.K, candidates.Count - request.K);
        string? requestId = null;
        var logSettings = experiment is { } ex ? ex.Settings.ImpressionLog(snapshot.Config) : pipeline.FeatureLog ?? controlOwnLog;
        if (logSettings is { } featureLog && FeatureLogs is { } logs && !request.Offline && candidates.Count > 0)
            requestId = LogServed(featureLog, logs, name, request, candidates, ranked.Experiment);
        var result = new PipelineResult(name, reader, candidates, skipped, run.Timings, _clock.GetElapsedTime(start))
        {
            RequestId = requestId,
            Recalled = ranked.Recalled,
            RecallTook = ranked.RecallTook,
            Sources = run.SourceTimings,
            Plugins = served,
            Models = ServedModels(context.Models),
            Experiment = ranked.Experiment,
        };
        if (resultKey is not null && skipped.Count == 0 && !run.Stateful && PluginStates(result, rankers) is { } servedStates) // nor one with a fault
        {
            candidates.TrimExcess(); // it held every fused candidate; the remembered list keeps k
            context.UserCache!.Remember(resultKey, result, start, servedStates);
        }
        OfferShadows(snapshot.Config, name, pipeline, request, result);
        return result;
    }

    /// <summary>
    /// Names a model folder and kind as <c>GET /admin/models</c> does (<see cref="Models.ModelRegistry"/>).
    /// <value>The default is <c>null</c>: the folder's full path, then the kind.</value>
    /// </summary>
    public Func<string, string, string>? ModelName { get; init; }

    private List<ServedModel> ServedModels(RequestModels models)
    {
        var list = new List<ServedModel>();
        foreach (var (directory, kind, reference, version) in models.ServedModels())
            list.Add(new ServedModel(ModelName?.Invoke(directory, kind) ?? directory.Replace('\\', '/') + "/" + kind, reference, version));
        list.Sort((a, b) => string.CompareOrdinal(a.Model + "\n" + a.Reference, b.Model + "\n" + b.Reference));
        return list;
    }

    /// <summary>
    /// Hands the served request to its pipeline's shadow pipelines (<see cref="ShadowQueue"/>), after the answer is made and off
    /// its path; offline and shadow requests have none.
    /// </summary>
    private void OfferShadows(ServingConfig config, string name, PipelineDefinition pipeline, PipelineRequest request, PipelineResult result)
    {
        if (pipeline.Shadow.Count == 0 || request.Offline || request.Shadow) return;
        var shadows = Shadows;
        if (shadows.Capacity != config.ShadowQueue) shadows.Capacity = config.ShadowQueue;
        shadows.UseLog(config.ShadowLog);
        shadows.Offer(name, pipeline.Shadow, request, result);
    }

    /// <summary>
    /// The key a plain recommendation's result is remembered under (pipeline, configuration version, k, explain, offline), or
    /// null when the request is not plain: it has query text, filters, an item, given recent items, options or exclusions, or its
    /// pipeline logs served lists (each served list gets its own request id), or the cache is off.
    /// </summary>
    private static string? ResultKey(string name, PipelineDefinition pipeline, long configVersion, PipelineRequest request, RecallContext context)
    {
        if (context.UserCache is null || request.Shadow || request.Kind != RequestKind.Recommend || request.QueryText is not null || request.Filters.Count > 0
            || request.ItemId is not null || request.RecentItems is not null || request.Options.Count > 0 || request.Exclude.Count > 0
            || (pipeline.FeatureLog is not null && !request.Offline))
            return null;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}\n{configVersion}\n{request.K}\n{request.Explain}\n{request.Offline}");
    }

    /// <summary>
    /// The <see cref="IPluginState.StateVersion"/> of every plugin that served <paramref name="result"/>, or null when one of
    /// them does not implement it (then what it serves from may change unseen, a model retrained or an alias moved, so the
    /// result is not remembered) or its answer throws.
    /// </summary>
    private static Dictionary<string, long>? PluginStates(PipelineResult result, RankerSet rankers)
    {
        var states = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var plugin in result.Plugins.Keys)
        {
            if (rankers.Find(plugin)?.Plugin is not IPluginState state) return null;
            try
            {
                states[plugin] = state.StateVersion;
            }
            catch (Exception) // plugin code: treated as changed
            {
                return null;
            }
        }
        return states;
    }

    private static bool SameStates(IReadOnlyDictionary<string, long> then, Dictionary<string, long> now)
    {
        if (then.Count != now.Count) return false;
        foreach (var (plugin, version) in then)
            if (!now.TryGetValue(plugin, out long current) || current != version) return false;
        return true;
    }

    /// <summary>Whether every plugin that served <paramref name="cached"/> is still loaded at the version it ran (a reload makes the result stale).</summary>
    private static bool ServesTheSamePlugins(PipelineResult cached, RankerSet rankers)
    {
        foreach (var (plugin, version) in cached.Plugins)
            if (rankers.Find(plugin) is not { } handle || handle.Version != version) return false;
        return true;
    }

    /// <summary>What one request runs on: the configuration version, the rankers, the resolved request and what it collects.</summary>
    private sealed record RunState(long ConfigVersion, RankerSet Rankers, PipelineRequest Request, RecallContext Context, ItemCatalogView Items,
        RankingRequest Ranking, List<SkippedStage> Skipped, Dictionary<string, Version> Served, long Start)
    {
        public List<StageTiming> Timings { get; } = [];

        /// <summary>Whether a stage that ran keeps state across requests (it is disposable: exposure); its lists are not remembered.</summary>
        public bool Stateful { get; set; }

        /// <summary>How long each recall source took, in the order they ran.</summary>
        public List<StageTiming> SourceTimings { get; } = [];
    }

    /// <summary>A ranked list before the new-item places and the cut to k, with what the places need.</summary>
    private sealed record Ranked(List<Candidate> Candidates, int Recalled, TimeSpan RecallTook, NewItemSlots? Slots, List<Predicate<string>> Known)
    {
        public ExperimentServed? Experiment { get; init; }
    }

    /// <summary>Recalls and fuses <paramref name="pipeline"/>'s candidates (its fallback when recall found nothing), then runs its first <paramref name="stages"/> stages.</summary>
    private async Task<Ranked> RankAsync(string name, PipelineDefinition pipeline, int stages, RunState run, CancellationToken cancellation)
    {
        var known = new List<Predicate<string>>();
        var candidates = Recall(name, 0, pipeline.Recall, pipeline, run.ConfigVersion, run.Rankers, run.Request, run.Context, run.Items, run.Skipped, run.Served, known, run.SourceTimings, cancellation);
        var slots = pipeline.NewItems;
        if (candidates.Count == 0 && pipeline.Fallback.Count > 0) // nothing to go on (a new user, say): what everyone likes, and what is new
        {
            candidates = Recall(name, pipeline.Recall.Count, pipeline.Fallback, pipeline, run.ConfigVersion, run.Rankers, run.Request, run.Context, run.Items, run.Skipped, run.Served, known, run.SourceTimings, cancellation);
            slots = pipeline.FallbackNewItems;
        }
        int recalled = candidates.Count;
        var recallTook = _clock.GetElapsedTime(run.Start);
        for (int i = 0; i < stages && candidates.Count > 0; i++)
            candidates = await RunStageAsync(name, i, pipeline.Stages[i], run.ConfigVersion, run.Rankers, run.Ranking, candidates, run.Skipped, run.Timings, run.Served, cancellation,
                () => run.Stateful = true, run.Request.Shadow).ConfigureAwait(false);
        return new Ranked(candidates, recalled, recallTook, slots, known);
    }

    /// <summary>
    /// Asks every stage that takes request overrides (<see cref="IRequestValidatingStage"/>) whether this request's are within
    /// its bounds, before anything runs; every problem is reported at once as a bad request. A stage that cannot be made
    /// or throws here is left to the stage step, which skips and reports it.
    /// </summary>
    private void ValidateOverrides(string pipelineName, PipelineDefinition pipeline, long configVersion, RankerSet rankers, RankingRequest ranking)
    {
        if (ranking.Options.Count == 0) return; // overrides come in the request's options: nothing to check
        List<string>? problems = null;
        for (int i = 0; i < pipeline.Stages.Count; i++)
        {
            var step = pipeline.Stages[i];
            if (rankers.Find(step.Ranker) is not { } handle) continue;
            try
            {
                var stage = _stages.GetOrCreate(pipelineName, i, configVersion, handle, () => handle.Plugin.CreateStage(step.Options, new StepServices(servicesFor(handle), pipelineName, step.StageName)), step.Budget);
                if (stage is IRequestValidatingStage validating)
                    foreach (var problem in validating.ValidateRequest(ranking)) (problems ??= []).Add($"{step.StageName}: {problem}");
                else // a key naming this stage would otherwise be ignored without a word (other keys are context for plugins)
                    foreach (string key in ranking.Options.Keys)
                        if (key.Length > step.StageName.Length && key[step.StageName.Length] == '.' && key.StartsWith(step.StageName, StringComparison.Ordinal))
                            (problems ??= []).Add($"{step.StageName}: the stage takes no per-request options, got '{key}'");
            }
            catch (Exception e) when (e is not RequestException) // plugin code; the stage step reports it
            {
                log($"pipeline '{pipelineName}' stage '{step.StageName}': could not check the request's overrides: {e.GetType().Name}: {e.Message}");
            }
        }
        if (problems is not null) throw RequestException.BadRequest(string.Join("; ", problems));
    }

    /// <summary>
    /// Runs <paramref name="steps"/> (the pipeline's recall, or its fallback, numbered from <paramref name="first"/> for the
    /// source cache) and fuses their lists; each source's time goes to <paramref name="timings"/> ("ok", "failed" or "skipped").
    /// </summary>
    private List<Candidate> Recall(string name, int first, IReadOnlyList<RecallStep> steps, PipelineDefinition pipeline, long configVersion,
        RankerSet rankers, PipelineRequest request, RecallContext context, ItemCatalogView items, List<SkippedStage> skipped,
        Dictionary<string, Version> served, List<Predicate<string>> known, List<StageTiming> timings, CancellationToken cancellation)
    {
        var lists = new List<SourceHits>(steps.Count);
        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (!step.RunsFor(request.Kind)) continue;
            long started = _clock.GetTimestamp();
            if (RecallSources.Find(step.Source) is { } builtIn)
            {
                string outcome = "ok";
                try
                {
                    lists.Add(new SourceHits(step.Source, step.Weight, builtIn.Recall(context, step)));
                }
                catch (ArgumentException e)
                {
                    skipped.Add(new SkippedStage(step.Source, $"recall source failed: {e.Message}"));
                    outcome = "failed";
                }
                catch (BackendFeatureUnavailableException e) // what the index's backend lacks (also warned about when the configuration loads)
                {
                    skipped.Add(new SkippedStage(step.Source, $"recall source skipped: {e.Message}"));
                    outcome = "skipped";
                }
                timings.Add(new StageTiming(step.Source, _clock.GetElapsedTime(started).TotalMilliseconds, outcome));
                continue;
            }
            var plugin = PluginRecall(name, first + i, step, configVersion, rankers, request, context, items, skipped, cancellation);
            timings.Add(new StageTiming(step.Source, _clock.GetElapsedTime(started).TotalMilliseconds, plugin is null ? "skipped" : "ok"));
            if (plugin is not null)
            {
                lists.Add(plugin.Hits);
                served[plugin.Handle.Name] = plugin.Handle.Version;
                if (plugin.Known is { } k) known.Add(k);
            }
        }
        return FusionMath.Fuse(lists, pipeline.FusionMethod, pipeline.RrfK);
    }

    /// <summary>A plugin source's hits, the handle that served them and what its model knows.</summary>
    private sealed record PluginHits(SourceHits Hits, RankerHandle Handle, Predicate<string>? Known);

    /// <summary>
    /// Runs the plugin candidate source <paramref name="step"/> names, or returns null (with the reason in <paramref name="skipped"/>)
    /// when no loaded plugin of that name supplies candidates or it throws. Items it returns that the request does not accept
    /// (a source that ignored <see cref="CandidateQuery.Accepts"/>) are dropped.
    /// </summary>
    private PluginHits? PluginRecall(string pipelineName, int index, RecallStep step, long configVersion, RankerSet rankers,
        PipelineRequest request, RecallContext context, ItemCatalogView items, List<SkippedStage> skipped, CancellationToken cancellation)
    {
        var handle = rankers.Find(step.Source);
        if (handle is null)
        {
            _sources.Remove(pipelineName, index);
            skipped.Add(new SkippedStage(step.Source, WhyMissing(step.Source, "candidate source")));
            return null;
        }
        if (handle.Plugin is not ICandidateSourcePlugin supplier)
        {
            skipped.Add(new SkippedStage(step.Source, $"plugin '{step.Source}' supplies no candidates (it is a rerank stage only)"));
            return null;
        }
        ICandidateSource source;
        IReadOnlyList<SourcedCandidate> found;
        Predicate<string>? knownItems;
        try
        {
            source = _sources.GetOrCreate(pipelineName, index, configVersion, handle, () => supplier.CreateSource(step.Options, new StepServices(servicesFor(handle), pipelineName, step.Source)));
            var query = new CandidateQuery(request.UserId, context.History, request.ItemId, request.QueryText, step.Size, context.Accepts)
            {
                Items = items,
                Explain = request.Explain,
                Options = request.Options,
                Models = context.Models,
            };
            found = source.Recall(query, cancellation);
            knownItems = source.KnownItems(query);
        }
        catch (ArgumentException e)
        {
            skipped.Add(new SkippedStage(step.Source, $"bad options: {e.Message}"));
            log($"pipeline '{pipelineName}' source '{step.Source}': bad options: {e.Message}");
            return null;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) // plugin code: whatever it throws is its fault, reported, never fatal
        {
            string reason = $"candidate source failed: {e.GetType().Name}: {e.Message}";
            skipped.Add(new SkippedStage(step.Source, reason));
            ReportFault(request.Shadow, step.Source, reason);
            return null;
        }

        var hits = new List<RecallHit>(Math.Min(step.Size, found.Count));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in found)
        {
            if (hits.Count == step.Size) break;
            if (c.ItemId is null || !double.IsFinite(c.Score) || !seen.Add(c.ItemId) || !context.TryAccept(c.ItemId, out int doc)) continue;
            hits.Add(new RecallHit(doc, c.ItemId, c.Score, context.Explain && c.Explanation is { } why ? new Reason("", why) : null));
        }
        return new PluginHits(new SourceHits(step.Source, step.Weight, hits), handle, knownItems);
    }

    /// <summary>Parses the query and filters, finds the item, and reads the user's history once.</summary>
    private RecallContext Resolve(PipelineRequest request, IRecallView reader, out IReadOnlyList<string> recent)
    {
        Query? query = null;
        var filters = new List<Query>(request.Filters.Count);
        if (request.QueryText is not null || request.Filters.Count > 0)
        {
            try
            {
                var parser = new QueryParser(reader.Schema); // filters name keyword and numeric fields: no analyzer involved
                foreach (var f in request.Filters) filters.Add(parser.ParseFilter(f));
                if (!string.IsNullOrWhiteSpace(request.QueryText)) query = reader.Parse(request.QueryText, request.Filters); // words through the backend's analyzers
            }
            catch (ArgumentException e)
            {
                throw RequestException.BadRequest(ExceptionText.WithoutParameterName(e));
            }
        }

        int itemDoc = -1;
        if (request.ItemId is { } itemId)
        {
            itemDoc = reader.DocOf(itemId);
            if (itemDoc < 0) throw RequestException.NotFound($"no item with id '{itemId}'");
        }

        var history = request.UserId is { } user ? interactions.ForUser(user, HistoryDepth) : [];
        var profile = new List<ProfileItem>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<Interaction> scoredHistory = history;
        if (request.RecentItems is { } given)
        {
            var now = _clock.GetUtcNow();
            var recentEvents = new List<Interaction>(given.Count);
            foreach (var id in given)
            {
                if (!seenIds.Add(id)) continue;
                recentEvents.Add(new Interaction(request.UserId ?? "", id, "recent", 1, now));
                if (reader.DocOf(id) is >= 0 and var doc) profile.Add(new ProfileItem(doc, id, 1, "recent"));
            }
            scoredHistory = recentEvents;
        }
        else
        {
            foreach (var e in history) // newest first; an item's newest event gives its weight
                if (seenIds.Add(e.ItemId) && e.Weight > 0 && double.IsFinite(e.Weight) && reader.DocOf(e.ItemId) is >= 0 and var doc)
                    profile.Add(new ProfileItem(doc, e.ItemId, e.Weight, e.Kind));
        }
        var recentIds = new List<string>(profile.Count);
        foreach (var p in profile) recentIds.Add(p.Id);
        recent = recentIds;

        var excluded = new HashSet<int>();
        if (request.Kind == RequestKind.Recommend)
        {
            foreach (var e in history) seenIds.Add(e.ItemId);
            foreach (var id in seenIds)
                if (reader.DocOf(id) is >= 0 and var doc) excluded.Add(doc);
        }
        foreach (var id in request.Exclude)
            if (reader.DocOf(id) is >= 0 and var doc) excluded.Add(doc);
        return new RecallContext
        {
            View = reader,
            Query = query,
            Filters = filters,
            ItemDoc = itemDoc,
            Profile = profile,
            Excluded = excluded,
            Explain = request.Explain,
            History = scoredHistory,
            QueryText = request.QueryText,
            Encoders = _encoders,
            Offline = request.Offline,
            UserCache = request.UserId is { } cachedUser && request.RecentItems is null ? UserCache.For(cachedUser, reader.Version, history) : null,
        };
    }

    private async Task<List<Candidate>> RunStageAsync(string pipelineName, int index, StageStep step, long configVersion, RankerSet rankers,
        RankingRequest ranking, List<Candidate> candidates, List<SkippedStage> skipped, List<StageTiming> timings,
        Dictionary<string, Version> served, CancellationToken cancellation, Action? stateful = null, bool shadow = false)
    {
        string stageName = step.StageName;
        string metricName = $"{pipelineName}/{stageName}";
        var handle = rankers.Find(step.Ranker);
        if (handle is null)
        {
            _stages.Remove(pipelineName, index);
            skipped.Add(new SkippedStage(stageName, WhyMissing(step.Ranker, "ranker")));
            return candidates;
        }

        IRankerStage stage;
        try
        {
            stage = _stages.GetOrCreate(pipelineName, index, configVersion, handle, () => handle.Plugin.CreateStage(step.Options, new StepServices(servicesFor(handle), pipelineName, step.StageName)), step.Budget);
        }
        catch (ArgumentException e)
        {
            skipped.Add(new SkippedStage(stageName, $"bad options: {e.Message}"));
            log($"pipeline '{pipelineName}' stage '{stageName}': bad options: {e.Message}");
            return candidates;
        }
        catch (Exception e) // CreateStage is plugin code: whatever it throws is its fault, reported, never fatal
        {
            string reason = $"could not create its stage: {e.GetType().Name}: {e.Message}";
            skipped.Add(new SkippedStage(stageName, reason));
            ReportFault(shadow, step.Ranker, reason);
            return candidates;
        }

        if (stage is IDisposable) stateful?.Invoke(); // a stage with state to save (exposure) must see every list it serves
        long started = _clock.GetTimestamp();
        var outcome = await StageInvoker.RunAsync(stage, ranking, candidates, step.Budget, _clock, cancellation, step.AllocationBudget).ConfigureAwait(false);
        double ms = _clock.GetElapsedTime(started).TotalMilliseconds;
        timings.Add(new StageTiming(stageName, ms, outcome.Outcome));
        if (!shadow) metrics.RecordStage(metricName, ms, outcome.Candidates is null); // a shadow's times are its own (ShadowQueue)
        if (outcome.Candidates is not { } reranked)
        {
            skipped.Add(new SkippedStage(stageName, outcome.Reason!));
            ReportFault(shadow, step.Ranker, outcome.Reason!);
            return candidates;
        }
        foreach (var c in reranked) c.StageScores.TryAdd(stageName, c.Score);
        served[handle.Name] = handle.Version;
        return reranked;
    }

    /// <summary>
    /// Reports a request-time fault of <paramref name="plugin"/> to the catalogue (which may quarantine it), except in a shadow
    /// run: a shadow's skipped stages are counted with the shadow (<see cref="ShadowSummary.RunsWithSkippedStages"/>, each
    /// <see cref="ShadowList"/>), and must not take a plugin away from what serves.
    /// </summary>
    private void ReportFault(bool shadow, string plugin, string reason)
    {
        if (!shadow) catalog.ReportFault(plugin, reason);
    }

    /// <summary>Why a "similar items" request found nothing: the pipeline has no source that starts from an item, or none of them found any.</summary>
    private static string NothingSimilar(string name, PipelineDefinition pipeline)
    {
        var sources = string.Join(", ", pipeline.Recall.Select(s => s.Source));
        bool canAnswer = pipeline.Recall.Any(s => s.Source == "similar" || !s.IsBuiltIn);
        return canAnswer
            ? $"no source of pipeline '{name}' ({sources}) found items like this one (a collaborative source needs a trained model that knows the item)"
            : $"pipeline '{name}' has no source that starts from an item (its sources: {sources}); the built-in 'similar' source or a plugin source does, as in the 'default' pipeline";
    }

    /// <summary>Logs the served list (<see cref="ServedListLogging"/>); a log that cannot be opened is reported, not fatal.</summary>
    private string? LogServed(FeatureLogSettings settings, Func<FeatureLogSettings, IServedListLog> logs, string name, PipelineRequest request, List<Candidate> served,
        ExperimentServed? experiment)
    {
        IServedListLog target;
        try
        {
            target = logs(settings);
        }
        catch (Exception e) // the log lives outside the engine: whatever it throws is reported, never fatal to the request
        {
            log($"pipeline '{name}': the feature log '{settings.Path}' cannot be opened: {e.Message}");
            return null;
        }
        return ServedListLogging.Record(settings, target, name, request, served, _clock.GetUtcNow(), Random.Shared, log, experiment);
    }

    /// <summary>Why no plugin named <paramref name="ranker"/> can serve as a <paramref name="role"/> (ranker or candidate source).</summary>
    private string WhyMissing(string ranker, string role)
    {
        foreach (var status in catalog.List())
        {
            if (!string.Equals(status.Name, ranker, StringComparison.Ordinal)) continue;
            return status.State switch
            {
                "quarantined" => $"{role} '{ranker}' is quarantined{(status.Error is { } q ? ": " + q : "")}",
                "failed" => $"{role} '{ranker}' failed to load{(status.Error is { } f ? ": " + f : "")}",
                var s => $"{role} '{ranker}' is not available ({s})",
            };
        }
        return $"no {role} named '{ranker}' is loaded";
    }

}
