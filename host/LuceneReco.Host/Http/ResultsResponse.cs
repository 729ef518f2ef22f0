using LuceneReco.Host.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Backends;

namespace LuceneReco.Host.Http;

/// <summary>The response of search, similar and recommend.</summary>
/// <param name="Items">The results, best first.</param>
/// <param name="SkippedStages">Stages (and recall sources) that did not count for this request, and why.</param>
/// <param name="Pipeline">The pipeline that ran.</param>
/// <param name="TookMs">Time in the pipeline, in milliseconds.</param>
/// <param name="Stages">Each stage's time and outcome (explain only).</param>
/// <param name="Plugins">The plugins that served the request (candidate sources and stages) and the version each ran: one version per plugin in a response, even while it is being replaced.</param>
internal sealed record ResultsResponse(
    IReadOnlyList<ResultItem> Items,
    IReadOnlyList<SkippedStage> SkippedStages,
    string Pipeline,
    double TookMs,
    IReadOnlyList<StageTiming>? Stages,
    IReadOnlyDictionary<string, string> Plugins)
{
    /// <summary>The cursor of the next page, when the request asked for a paged list (<c>cursor</c>) and more results are kept.</summary>
    public string? Next { get; init; }

    /// <summary>The experiment whose interleaved list this is (each item then names its variant), or null.</summary>
    public string? Experiment { get; init; }

    /// <summary>The id the list was logged under (feature log or impressions), or null when it was not logged.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The model versions that served this response: each model (as <c>GET /admin/models</c> names it) with the alias or version
    /// its pipeline steps name and the version they scored with. A request resolves each model once, so its recall and its
    /// rerank stages use the same version even while the alias moves. Empty when no versioned model served.
    /// </summary>
    public IReadOnlyList<ServedModel> Models { get; init; } = [];

    /// <summary>The response for <paramref name="result"/>, with scores and explanations when <paramref name="explain"/>.</summary>
    public static ResultsResponse From(PipelineResult result, bool explain)
    {
        var reader = result.View;
        var items = new List<ResultItem>(result.Items.Count);
        foreach (var c in result.Items)
        {
            int doc = reader.DocOf(c.ItemId);
            var fields = doc >= 0 ? FieldsOf(reader, doc) : new Dictionary<string, object>();
            items.Add(new ResultItem(c.ItemId, c.Score, fields,
                explain ? new SortedDictionary<string, double>(c.StageScores, StringComparer.Ordinal) : null,
                explain ? c.Explanations : null,
                explain ? c.Reasons : null,
                explain ? c.DebugLines : null)
            {
                Variant = result.Experiment is { } x && x.Items.TryGetValue(c.ItemId, out var origin) ? origin.Variant.ToString() : null,
            });
        }
        var plugins = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, version) in result.Plugins) plugins[name] = version.ToString();
        return new ResultsResponse(items, result.SkippedStages, result.Pipeline, Math.Round(result.Took.TotalMilliseconds, 3), explain ? result.Stages : null, plugins)
        {
            Experiment = result.Experiment?.Name,
            RequestId = result.RequestId,
            Models = result.Models,
        };
    }

    /// <summary>
    /// The stored fields of <paramref name="doc"/>: numbers as numbers; a field the schema declares as a list (a keyword
    /// field with a separator, such as <c>tags</c>) always as an array, even of one value; other fields as one string, or
    /// an array when an item has several values.
    /// </summary>
    public static Dictionary<string, object> FieldsOf(IRecallView reader, int doc)
    {
        var stored = reader.Stored(doc);
        var fields = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (field, value) in stored.Strings)
        {
            if (!fields.TryGetValue(field, out var existing))
                fields[field] = reader.Schema.Find(field)?.Separator is null ? value : new List<string> { value };
            else if (existing is List<string> list) list.Add(value);
            else fields[field] = new List<string> { (string)existing, value };
        }
        foreach (var (field, value) in stored.Numbers) fields[field] = value;
        return fields;
    }
}
