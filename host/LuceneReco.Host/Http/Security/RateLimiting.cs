using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// ASP.NET Core's rate limiter as one global token bucket per client: requests carrying the API key share the bucket
/// "key", every other request the bucket of its client address. <see cref="RequestLimits.RateBurst"/> requests at once,
/// refilled by <see cref="RequestLimits.RatePerSecond"/> each second; a request over it gets 429 with <c>Retry-After</c>.
/// </summary>
internal static class RateLimiting
{
    /// <summary>Adds the limiter when <see cref="RequestLimits.RatePerSecond"/> is set; returns whether it did.</summary>
    public static bool Add(IServiceCollection services, ServeSecurity security)
    {
        if (security.Limits.RatePerSecond is not int rate) return false;
        int burst = security.Limits.RateBurst;
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetTokenBucketLimiter(
                Partition(context, security.Key),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = rate,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) =>
            {
                int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(SecurityProblems.Write(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"this client sent more than the limit ratePerSecond ({rate.ToString("N0", CultureInfo.InvariantCulture)} requests a second, rateBurst {burst.ToString("N0", CultureInfo.InvariantCulture)} at once); retry after {seconds.ToString(CultureInfo.InvariantCulture)} s",
                    limit: "ratePerSecond"));
            };
        });
        return true;
    }

    // one bucket per key (by its line in the key file, never the key itself), else per client address
    private static string Partition(HttpContext context, ApiKey? key) =>
        key is not null && RequestGate.PresentedKey(context.Request, key) is >= 0 and var which
            ? "key " + which.ToString(CultureInfo.InvariantCulture)
            : "address " + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
