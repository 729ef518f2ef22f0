using System.Globalization;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LuceneReco.Host.Http.Paging;

/// <summary>
/// Pages of search, similar and recommend. <c>offset</c> alone ranks offset + k and returns the last k (the simple
/// case: a pipeline whose stages answer the same every time pages consistently this way). <c>cursor=*</c> ranks the list
/// once to <see cref="PagingLimits.Depth"/>, keeps it (<see cref="PagedListCache"/>) and returns its first page with
/// <c>next</c>; sending <c>next</c> back returns the following page of that same list, so no page repeats or skips an
/// item even when stateful stages (exposure, interleaving) would rank differently a second later. A cursor the cache no
/// longer holds is a 410 problem that says how to start over.
/// </summary>
internal sealed class Pager(PagedListCache cache)
{
    /// <summary>The cache of kept lists.</summary>
    public PagedListCache Cache => cache;

    /// <summary>Whether <paramref name="cursor"/> continues a kept list (anything but absent or <c>*</c>).</summary>
    public static bool Continues(string? cursor) => cursor is not null && cursor != PageCursor.Start;

    /// <summary>
    /// Runs <paramref name="request"/> and returns the page from <paramref name="offset"/> of k items; with
    /// <paramref name="start"/> (<c>cursor=*</c>) the list is kept and the response carries <c>next</c>.
    /// </summary>
    public async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> FirstAsync(
        ServingHost host, PipelineRequest request, int offset, bool start, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(request);
        int k = request.K;
        if (offset + k > PipelineRequest.MaxK)
            return ApiProblems.Invalid([new JsonInput.Problem("offset", $"offset + k must be at most {PipelineRequest.MaxK.ToString("N0", CultureInfo.InvariantCulture)}, got {offset.ToString(CultureInfo.InvariantCulture)} + {k.ToString(CultureInfo.InvariantCulture)}")]);
        int depth = start ? Math.Min(PipelineRequest.MaxK, Math.Max(cache.Limits.Depth, offset + k)) : offset + k;
        PipelineResult result;
        using var view = host.Index.Acquire(); // held until the response is built: recall, stages and the stored fields read it
        try
        {
            result = await host.Runner.RunAsync(request with { K = depth }, view, cancellation).ConfigureAwait(false);
        }
        catch (RequestException e) // what the pipeline refuses: an unknown pipeline, a bad filter, a missing item
        {
            return ApiProblems.From(e);
        }
        var all = result.Items;
        int from = Math.Min(offset, all.Count), count = Math.Min(k, all.Count - from);
        var response = ResultsResponse.From(result with { Items = Slice(all, from, count) }, request.Explain);
        if (!start || from + count >= all.Count) return TypedResults.Ok(response);

        var items = new PagedItem[all.Count];
        for (int i = 0; i < items.Length; i++)
            items[i] = PagedItem.From(all[i], request.Explain) with
            {
                Variant = result.Experiment is { } x && x.Items.TryGetValue(all[i].ItemId, out var origin) ? origin.Variant.ToString() : null,
            };
        var created = cache.Clock.GetUtcNow();
        var list = new PagedList(request.Kind, result.Pipeline, items, k, request.Explain, result.SkippedStages, response.Plugins, created)
        {
            Experiment = response.Experiment,
            RequestId = response.RequestId,
            Models = response.Models,
        };
        var id = cache.Add(list);
        return TypedResults.Ok(response with { Next = new PageCursor(id, created, from + count).ToString() });
    }

    /// <summary>
    /// The page of a kept list that <paramref name="text"/> points at, of <paramref name="k"/> items (null: the first
    /// page's k), on the endpoint of <paramref name="kind"/>.
    /// </summary>
    public Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult> Next(ServingHost host, string text, RequestKind kind, int? k)
    {
        ArgumentNullException.ThrowIfNull(host);
        long started = cache.Clock.GetTimestamp();
        if (!PageCursor.TryParse(text, out var cursor))
            return ApiProblems.Invalid([new JsonInput.Problem("cursor", "must be '*' (to start a paged list) or the 'next' of a page this server returned")]);
        if (cache.Find(cursor.Id) is not { } list)
            return Gone(cache.IsExpired(cursor.Created)
                ? $"the cursor has expired: a paged list is kept for {Describe(cache.Limits.TimeToLive)} after its first page"
                : $"the cursor's list is no longer kept (the server keeps the {cache.Limits.Capacity.ToString("N0", CultureInfo.InvariantCulture)} newest paged lists, and none across a restart)");
        if (list.Kind != kind)
            return ApiProblems.Invalid([new JsonInput.Problem("cursor", $"belongs to a {Name(list.Kind)} list; send it to the endpoint that returned it")]);
        int size = k ?? list.PageSize, from = Math.Min(cursor.Position, list.Items.Count), count = Math.Min(size, list.Items.Count - from);
        using var reader = host.Index.Acquire(); // the items' stored fields as they are now; the order is the first page's
        var items = new List<ResultItem>(count);
        for (int i = from; i < from + count; i++)
        {
            var kept = list.Items[i];
            int doc = reader.DocOf(kept.Id);
            var fields = doc >= 0 ? ResultsResponse.FieldsOf(reader, doc) : new Dictionary<string, object>();
            items.Add(new ResultItem(kept.Id, kept.Score, fields, kept.StageScores, kept.Explanation, kept.Reasons, kept.Debug) { Variant = kept.Variant });
        }
        var took = Math.Round(cache.Clock.GetElapsedTime(started).TotalMilliseconds, 3);
        var response = new ResultsResponse(items, list.SkippedStages, list.Pipeline, took, null, list.Plugins)
        {
            Experiment = list.Experiment,
            RequestId = list.RequestId,
            Models = list.Models,
        };
        return TypedResults.Ok(from + count < list.Items.Count
            ? response with { Next = (cursor with { Position = from + count }).ToString() }
            : response);
    }

    private static ProblemHttpResult Gone(string why) => TypedResults.Problem(
        $"{why}. Start over: send the first request again with cursor=* (its ranking may differ from the old list's)",
        statusCode: StatusCodes.Status410Gone, title: "The cursor has expired");

    private static List<LuceneReco.Plugins.Candidate> Slice(IReadOnlyList<LuceneReco.Plugins.Candidate> all, int from, int count)
    {
        var page = new List<LuceneReco.Plugins.Candidate>(count);
        for (int i = from; i < from + count; i++) page.Add(all[i]);
        return page;
    }

    private static string Name(RequestKind kind) => kind switch
    {
        RequestKind.Search => "search",
        RequestKind.Similar => "similar-items",
        _ => "recommend",
    };

    private static string Describe(TimeSpan span) => span.TotalMinutes >= 1 && span.Seconds == 0
        ? Unit(span.TotalMinutes, "minute")
        : Unit(span.TotalSeconds, "second");

    private static string Unit(double value, string unit) =>
        $"{value.ToString("0.##", CultureInfo.InvariantCulture)} {unit}{(value == 1 ? "" : "s")}";
}
