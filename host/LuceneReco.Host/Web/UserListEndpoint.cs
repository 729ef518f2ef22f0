using LuceneReco.Host.Http;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Web;

/// <summary>
/// <c>GET /users?limit=&amp;offset=</c>: the users the interaction store has events of, most events first, a page at a time
/// (the demo page's user picker; docs/demo-page.md). Under <c>--key-reads</c> it needs the key, as every read does.
/// </summary>
internal static class UserListEndpoint
{
    /// <summary>Most users in one page.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Users in a page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 20;

    /// <summary>One page of users.</summary>
    /// <param name="Users">The page, most events first, ties by id.</param>
    /// <param name="Total">How many users have events.</param>
    /// <param name="Offset">Where the page starts.</param>
    /// <param name="NextOffset">The <c>offset</c> of the next page, or null on the last.</param>
    internal sealed record UsersResponse(IReadOnlyList<UserSummary> Users, long Total, int Offset, int? NextOffset);

    /// <summary>A user.</summary>
    /// <param name="Id">The user id (the <c>userId</c> of <c>POST /recommend</c>).</param>
    /// <param name="Events">How many of the user's events the store keeps.</param>
    /// <param name="LastEvent">When the newest happened.</param>
    internal sealed record UserSummary(string Id, long Events, DateTimeOffset LastEvent);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/users", List)
            .WithName("ListUsers").WithTags(nameof(WebEndpoints)).WithSummary("The users with events in the interaction store, most events first, a page at a time (limit 1 to 1000, default 20; offset from 0).");

    private static Results<Ok<UsersResponse>, ValidationProblem> List(string? limit, string? offset, ServingHost host)
    {
        var problems = new List<JsonInput.Problem>();
        int size = ApiProblems.Int(limit, "limit", 1, MaxLimit, problems) ?? DefaultLimit;
        int from = ApiProblems.Int(offset, "offset", 0, int.MaxValue - MaxLimit, problems) ?? 0;
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
        var page = host.Interactions.Users(from, size);
        var users = new List<UserSummary>(page.Users.Count);
        foreach (var u in page.Users) users.Add(new UserSummary(u.Id, u.Events, u.Last));
        int? next = from + users.Count < page.Total && users.Count == size ? from + size : null;
        return TypedResults.Ok(new UsersResponse(users, page.Total, from, next));
    }
}
