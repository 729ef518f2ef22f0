using System.Globalization;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// The limits every request is held to (see docs/security.md). Each has a name, used by <c>serve --limit NAME=VALUE</c>
/// and in the problem a request over it gets; <c>null</c> turns a rate limit off.
/// </summary>
internal sealed class RequestLimits
{
    /// <summary>The default limits.</summary>
    public static RequestLimits Default => new();

    /// <summary>Longest item id, user id or pipeline name, in characters. <value>The default is 512.</value></summary>
    public int MaxIdLength { get; set; } = 512;

    /// <summary>Longest event kind, in characters. <value>The default is 64.</value></summary>
    public int MaxKindLength { get; set; } = 64;

    /// <summary>Longest text value of an item field (each element of a list), in characters. <value>The default is 100,000.</value></summary>
    public int MaxFieldLength { get; set; } = 100_000;

    /// <summary>Longest query text or filter, in characters. <value>The default is 4,096.</value></summary>
    public int MaxQueryLength { get; set; } = 4_096;

    /// <summary>Largest item, its JSON in bytes. <value>The default is 262,144 (256 KiB).</value></summary>
    public int MaxItemBytes { get; set; } = 262_144;

    /// <summary>Most items or events in one request, and most recent items or filters in a recommendation. <value>The default is 10,000.</value></summary>
    public int MaxBatch { get; set; } = 10_000;

    /// <summary>Largest request body, in bytes. <value>The default is 16,777,216 (16 MiB).</value></summary>
    public long MaxBodyBytes { get; set; } = 16L << 20;

    /// <summary>Requests per second each client (key or address) may make on average. <value>The default is 2,000; <c>null</c> is no rate limit.</value></summary>
    public int? RatePerSecond { get; set; } = 2_000;

    /// <summary>Requests a client may make at once above the average (the token bucket's size). <value>The default is 4,000.</value></summary>
    public int RateBurst { get; set; } = 4_000;

    /// <summary>The names <see cref="Set"/> knows, as problems and docs spell them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["maxIdLength", "maxKindLength", "maxFieldLength", "maxQueryLength", "maxItemBytes", "maxBatch", "maxBodyBytes", "ratePerSecond", "rateBurst"];

    /// <summary>Sets the limit <c>NAME=VALUE</c> (<c>ratePerSecond=off</c> turns rate limiting off); returns the problem, or null.</summary>
    public string? Set(string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var name = eq < 0 ? assignment : assignment[..eq].Trim();
        var raw = eq < 0 ? "" : assignment[(eq + 1)..].Trim();
        if (eq < 0 || !Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            return $"--limit takes NAME=VALUE with NAME one of {string.Join(", ", Names.Concat(Paging.PagingLimitOptions.Names))}, got '{assignment}'";
        if (name.Equals("ratePerSecond", StringComparison.OrdinalIgnoreCase) && raw.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            RatePerSecond = null;
            return null;
        }
        if (!long.TryParse(raw.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1
            || (value > int.MaxValue && !name.Equals("maxBodyBytes", StringComparison.OrdinalIgnoreCase)))
            return $"--limit {name} must be a whole number from 1 to {(name.Equals("maxBodyBytes", StringComparison.OrdinalIgnoreCase) ? long.MaxValue : int.MaxValue).ToString(CultureInfo.InvariantCulture)}{(name.Equals("ratePerSecond", StringComparison.OrdinalIgnoreCase) ? " or off" : "")}, got '{raw}'";
        int small = (int)Math.Min(value, int.MaxValue);
        switch (name.ToLowerInvariant())
        {
            case "maxidlength": MaxIdLength = small; break;
            case "maxkindlength": MaxKindLength = small; break;
            case "maxfieldlength": MaxFieldLength = small; break;
            case "maxquerylength": MaxQueryLength = small; break;
            case "maxitembytes": MaxItemBytes = small; break;
            case "maxbatch": MaxBatch = small; break;
            case "maxbodybytes": MaxBodyBytes = value; break;
            case "ratepersecond": RatePerSecond = small; break;
            default: RateBurst = small; break;
        }
        return null;
    }

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (MaxIdLength < 1) errors.Add($"maxIdLength must be at least 1, got {MaxIdLength}");
        if (MaxKindLength < 1) errors.Add($"maxKindLength must be at least 1, got {MaxKindLength}");
        if (MaxFieldLength < 1) errors.Add($"maxFieldLength must be at least 1, got {MaxFieldLength}");
        if (MaxQueryLength < 1) errors.Add($"maxQueryLength must be at least 1, got {MaxQueryLength}");
        if (MaxItemBytes < 1) errors.Add($"maxItemBytes must be at least 1, got {MaxItemBytes}");
        if (MaxBatch < 1) errors.Add($"maxBatch must be at least 1, got {MaxBatch}");
        if (MaxBodyBytes < 1) errors.Add($"maxBodyBytes must be at least 1, got {MaxBodyBytes}");
        if (RatePerSecond is < 1) errors.Add($"ratePerSecond must be at least 1 or off, got {RatePerSecond}");
        if (RateBurst < 1) errors.Add($"rateBurst must be at least 1, got {RateBurst}");
        if (MaxBatch > WriteEndpoints.MaxBatch) errors.Add($"maxBatch must be at most {WriteEndpoints.MaxBatch.ToString("N0", CultureInfo.InvariantCulture)}, got {MaxBatch}");
        if (MaxItemBytes > MaxBodyBytes) errors.Add($"maxItemBytes ({MaxItemBytes}) must not exceed maxBodyBytes ({MaxBodyBytes})");
        return errors;
    }
}
