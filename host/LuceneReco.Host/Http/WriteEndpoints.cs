using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Items;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        app.MapPut("/items", PutItems)
            .WithName("PutItems").WithSummary("Adds or replaces items: one JSON object or an array, shaped like a JSON Lines item line.")
            .Accepts<JsonElement>("application/json")
            .Produces<ItemsWritten>().ProducesProblem(400);
        app.MapDelete("/items/{id}", DeleteItem)
            .WithName("DeleteItem").WithSummary("Deletes an item.")
            .Produces<ItemsWritten>().ProducesProblem(404);
        app.MapPost("/events", PostEvents)
            .WithName("PostEvents").WithSummary("Records interaction events: one object or an array of {userId, itemId, kind?, weight?, timestamp?}.")
            .Accepts<EventBody[]>("application/json")
            .Produces<EventsAccepted>().ProducesProblem(400);
        app.MapDelete("/users/{userId}", EraseUser)
            .WithName("EraseUser").WithSummary("Erases every event of a user from the interaction store; trained models drop the user at their next training.")
            .Produces<EventsAccepted>();
        app.MapDelete("/users/{userId}/events", EraseUser)
            .WithName("EraseUserEvents").WithSummary("The same as DELETE /users/{userId} (the earlier route).")
            .Produces<EventsAccepted>();
    }

    /// <summary>What an item write did.</summary>
    internal sealed record ItemsWritten(int Upserted, int Replaced, int Deleted, int Documents);

    /// <summary>What an event write (or erase) did.</summary>
    internal sealed record EventsAccepted(int Accepted, int Erased);

    private static async Task<IResult> PutItems(HttpRequest http, ServingHost host, CancellationToken cancellation)
    {
        var writer = host.Writer ?? throw new InvalidOperationException("The index was opened read-only.");
        using var json = await HttpJson.ReadBodyAsync(http, cancellation).ConfigureAwait(false);
        var elements = Elements(json.RootElement, "items");
        var documents = new List<Document>(elements.Count);
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < elements.Count; i++)
        {
            string where = elements.Count == 1 && json.RootElement.ValueKind == JsonValueKind.Object ? "item" : $"item {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            var record = JsonItemParser.Parse(i + 1, elements[i].GetRawText(), writer.Schema);
            if (record.Document is { } d)
            {
                if (ids.Add(d.Id)) documents.Add(d);
                else errors.Add($"{where}: id '{d.Id}' appears twice in the request");
            }
            else errors.Add($"{where}: {record.Error}");
        }
        if (errors.Count > 0) throw RequestException.BadRequest(Summarize(errors) + " (nothing was written)");
        int replaced = writer.Upsert(documents);
        return Results.Json(new ItemsWritten(documents.Count, replaced, 0, writer.Reader.NumDocs), HttpJson.Write);
    }

    private static IResult DeleteItem(string id, ServingHost host)
    {
        var writer = host.Writer ?? throw new InvalidOperationException("The index was opened read-only.");
        if (!writer.Delete(id)) throw RequestException.NotFound($"no item with id '{id}'");
        return Results.Json(new ItemsWritten(0, 0, 1, writer.Reader.NumDocs), HttpJson.Write);
    }

    private static async Task<IResult> PostEvents(HttpRequest http, ServingHost host, CancellationToken cancellation)
    {
        using var json = await HttpJson.ReadBodyAsync(http, cancellation).ConfigureAwait(false);
        var elements = Elements(json.RootElement, "events");
        var now = host.Metrics.Clock.GetUtcNow();
        var events = new List<Interaction>(elements.Count);
        var errors = new List<string>();
        for (int i = 0; i < elements.Count; i++)
        {
            string where = $"event {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            EventBody body;
            try
            {
                body = HttpJson.Bind<EventBody>(elements[i], where);
            }
            catch (RequestException e)
            {
                errors.Add(e.Message);
                continue;
            }
            int before = errors.Count;
            if (string.IsNullOrWhiteSpace(body.UserId)) errors.Add($"{where}: userId is required");
            if (string.IsNullOrWhiteSpace(body.ItemId)) errors.Add($"{where}: itemId is required");
            double weight = body.Weight ?? 1;
            if (!double.IsFinite(weight)) errors.Add($"{where}: weight must be a finite number");
            var timestamp = Timestamp(body.Timestamp, now, where, errors);
            if (errors.Count == before)
                events.Add(new Interaction(body.UserId!.Trim(), body.ItemId!.Trim(), string.IsNullOrWhiteSpace(body.Kind) ? "view" : body.Kind.Trim(), weight, timestamp));
        }
        if (errors.Count > 0) throw RequestException.BadRequest(Summarize(errors) + " (nothing was recorded)");
        host.Interactions.AddRange(events);
        return Results.Json(new EventsAccepted(events.Count, 0), HttpJson.Write);
    }

    private static IResult EraseUser(string userId, ServingHost host) =>
        Results.Json(new EventsAccepted(0, host.Interactions.EraseUser(userId)), HttpJson.Write);

    private static DateTimeOffset Timestamp(JsonElement? value, DateTimeOffset now, string where, List<string> errors)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Null) return now;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long seconds) && seconds is >= 0 and <= 253_402_300_799)
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (v.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed;
        errors.Add($"{where}: timestamp must be an ISO 8601 date-time or Unix seconds, got {v.GetRawText()}");
        return now;
    }

    /// <summary>The body as a list: an object is one element, an array its elements.</summary>
    private static List<JsonElement> Elements(JsonElement root, string what)
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
                        throw RequestException.BadRequest($"{what}: every element must be a JSON object, element {(list.Count + 1).ToString(CultureInfo.InvariantCulture)} is not");
                    list.Add(e);
                }
                break;
            default:
                throw RequestException.BadRequest($"the body must be a JSON object or an array of {what}");
        }
        if (list.Count == 0) throw RequestException.BadRequest($"the body holds no {what}");
        if (list.Count > MaxBatch) throw RequestException.BadRequest($"at most {MaxBatch.ToString(CultureInfo.InvariantCulture)} {what} per request, got {list.Count.ToString(CultureInfo.InvariantCulture)}");
        return list;
    }

    /// <summary>Up to ten problems joined with "; ", and how many more there were.</summary>
    private static string Summarize(List<string> errors)
    {
        const int shown = 10;
        var text = string.Join("; ", errors.Count <= shown ? errors : errors.GetRange(0, shown));
        return errors.Count <= shown ? text : $"{text}; and {(errors.Count - shown).ToString(CultureInfo.InvariantCulture)} more";
    }
}
