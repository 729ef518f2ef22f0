using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Items;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>
/// The write endpoints: item upsert and delete (committed before the response, visible to the next
/// request), interaction events, and erasing a user. A batch is all or nothing: one bad element
/// rejects the request with every problem listed, and nothing is written.
/// </summary>
internal static class WriteEndpoints
{
    /// <summary>Most elements one request may carry.</summary>
    public const int MaxBatch = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/items");
        items.MapPut("", PutItems)
            .WithName("PutItems").WithSummary("Adds or replaces items: one JSON object or an array, shaped like a JSON Lines item line.")
            .Accepts<JsonElement>("application/json");
        items.MapDelete("/{id}", DeleteItem)
            .WithName("DeleteItem").WithSummary("Deletes an item.");
        app.MapPost("/events", PostEvents)
            .WithName("PostEvents").WithSummary("Records interaction events: one object or an array of {userId, itemId, kind?, weight?, timestamp?}.")
            .Accepts<EventBody[]>("application/json");
        var users = app.MapGroup("/users/{userId}");
        users.MapDelete("", EraseUser)
            .WithName("EraseUser").WithSummary("Erases every event of a user from the interaction store and the lists served to them from feature logs, leaving no copy in the files; trained models drop the user at their next training.");
        users.MapDelete("/events", EraseUser)
            .WithName("EraseUserEvents").WithSummary("The same as DELETE /users/{userId} (the earlier route).");
    }

    /// <summary>What an item write did.</summary>
    internal sealed record ItemsWritten(int Upserted, int Replaced, int Deleted, int Documents);

    /// <summary>What an event write (or erase) did.</summary>
    internal sealed record EventsAccepted(int Accepted, int Erased);

    private static async Task<Results<Ok<ItemsWritten>, ValidationProblem, ProblemHttpResult>> PutItems(JsonBody<JsonElement> json, ServingHost host)
    {
        if (json.Status == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.NotJson(json);
        if (!json.IsValid) return ApiProblems.Invalid(json.Problems, " (nothing was written)");
        if (host.Writer is not { } writer) return ReadOnly(host);
        var root = json.Value;
        var problems = new List<JsonInput.Problem>();
        var elements = Elements(root, "items", problems);
        var documents = new List<Document>(elements.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < elements.Count; i++)
        {
            // errors are keyed by the field, as the events' are: "colour" in a single item, "item 2: colour" in an array
            string where = root.ValueKind == JsonValueKind.Object ? "item" : $"item {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            var record = JsonItemParser.Parse(i + 1, elements[i], writer.Schema);
            if (record.Document is { } d)
            {
                if (ids.Add(d.Id)) documents.Add(d);
                else problems.Add(ItemProblem(root, where, "id", $"has the id '{d.Id}', which appears twice in the request"));
            }
            else problems.Add(ItemProblem(root, where, record.Field, record.Error!));
        }
        if (problems.Count > 0) return ApiProblems.Invalid(problems, " (nothing was written)");
        int replaced = await writer.UpsertAsync(documents); // waits, without a thread, for the (group) commit holding it
        return TypedResults.Ok(new ItemsWritten(documents.Count, replaced, 0, writer.NumDocs));
    }

    private static async Task<Results<Ok<ItemsWritten>, ProblemHttpResult>> DeleteItem(string id, ServingHost host)
    {
        if (host.Writer is not { } writer) return ReadOnly(host);
        if (!await writer.DeleteAsync(id)) return ApiProblems.NotFound($"no item with id '{id}'");
        return TypedResults.Ok(new ItemsWritten(0, 0, 1, writer.NumDocs));
    }

    private static ProblemHttpResult ReadOnly(ServingHost host) =>
        TypedResults.Problem(host.ReadOnlyReason ?? "the index is open read-only; items cannot be written through this server", statusCode: StatusCodes.Status409Conflict, title: "Read-only index");

    private static Results<Ok<EventsAccepted>, ValidationProblem, ProblemHttpResult> PostEvents(JsonBody<JsonElement> json, ServingHost host)
    {
        if (json.Status == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.NotJson(json);
        if (!json.IsValid) return ApiProblems.Invalid(json.Problems, " (nothing was recorded)");
        var problems = new List<JsonInput.Problem>();
        var elements = Elements(json.Value, "events", problems);
        var now = host.Metrics.Clock.GetUtcNow();
        var events = new List<Interaction>(elements.Count);
        for (int i = 0; i < elements.Count; i++)
        {
            string where = $"event {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            int before = problems.Count;
            JsonShape.Check<EventBody>(elements[i], where + ": ", problems);
            if (problems.Count > before) continue;
            var body = elements[i].Deserialize<EventBody>(HttpJson.Read)!; // checked: every field known and of its type
            if (string.IsNullOrWhiteSpace(body.UserId)) problems.Add(new JsonInput.Problem($"{where}: userId", "is required"));
            if (string.IsNullOrWhiteSpace(body.ItemId)) problems.Add(new JsonInput.Problem($"{where}: itemId", "is required"));
            double weight = body.Weight ?? 1;
            var timestamp = Timestamp(body.Timestamp, now, where, problems);
            if (problems.Count == before)
                events.Add(new Interaction(body.UserId!.Trim(), body.ItemId!.Trim(), string.IsNullOrWhiteSpace(body.Kind) ? "view" : body.Kind.Trim(), weight, timestamp));
        }
        if (problems.Count > 0) return ApiProblems.Invalid(problems, " (nothing was recorded)");
        host.Interactions.AddRange(events);
        return TypedResults.Ok(new EventsAccepted(events.Count, 0));
    }

    private static Ok<EventsAccepted> EraseUser(string userId, ServingHost host) =>
        TypedResults.Ok(new EventsAccepted(0, host.EraseUser(userId).Events));

    private static DateTimeOffset Timestamp(JsonElement? value, DateTimeOffset now, string where, List<JsonInput.Problem> problems)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Null) return now;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long seconds) && seconds is >= 0 and <= 253_402_300_799)
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (v.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        problems.Add(new JsonInput.Problem($"{where}: timestamp", $"must be an ISO 8601 date-time or Unix seconds, got {JsonShape.Describe(v)}"));
        return now;
    }

    /// <summary>The body as a list: an object is one element, an array its elements; anything else is a problem.</summary>
    private static JsonInput.Problem ItemProblem(JsonElement root, string where, string? field, string message)
    {
        string key = field is null ? where : root.ValueKind == JsonValueKind.Object ? field : $"{where}: {field}";
        return new JsonInput.Problem(key, message) { Sentence = $"{where}: {message}" };
    }

    private static List<JsonElement> Elements(JsonElement root, string what, List<JsonInput.Problem> problems)
    {
        var list = new List<JsonElement>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                list.Add(root);
                break;
            case JsonValueKind.Array:
                foreach (var e in root.EnumerateArray())
                {
                    if (e.ValueKind != JsonValueKind.Object)
                        problems.Add(new JsonInput.Problem($"{what}[{list.Count.ToString(CultureInfo.InvariantCulture)}]", $"must be a JSON object, got {JsonShape.Describe(e)}"));
                    list.Add(e);
                }
                break;
            default:
                problems.Add(new JsonInput.Problem("", $"must be a JSON object or an array of {what}, got {JsonShape.Describe(root)}"));
                return list;
        }
        if (list.Count == 0) problems.Add(new JsonInput.Problem("", $"holds no {what}"));
        if (list.Count > MaxBatch) problems.Add(new JsonInput.Problem("", $"holds {list.Count.ToString(CultureInfo.InvariantCulture)} {what}; at most {MaxBatch.ToString(CultureInfo.InvariantCulture)} per request"));
        if (problems.Count > 0) list.Clear();
        return list;
    }
}
