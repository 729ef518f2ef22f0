namespace LuceneReco.Host.Http.Security;

/// <summary>
/// The security of <c>serve</c> from its options: the listening addresses must parse; beyond loopback a key is required
/// (<c>--api-key-file</c> or <see cref="ApiKey.EnvironmentVariable"/>) unless <c>--insecure-no-auth</c>, which warns.
/// </summary>
internal static class SecuritySetup
{
    /// <summary>What the options ask for; <paramref name="errors"/> lists every problem at once, <paramref name="warnings"/> what <c>serve</c> prints at start.</summary>
    public static ServeSecurity? Resolve(string urls, string? keyFile, bool insecureNoAuth, bool keyReads, IReadOnlyList<string>? allowedHosts,
        IReadOnlyList<string>? limits, Func<string, string?> environment, List<string> errors, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(warnings);
        var addresses = ListenAddresses.Parse(urls, out var urlProblem);
        if (urlProblem is not null) errors.Add(urlProblem);
        var key = ApiKey.Load(keyFile, environment, out var keyProblem);
        if (keyProblem is not null) errors.Add(keyProblem);
        var requestLimits = RequestLimits.Default;
        var paging = Paging.PagingLimits.Default;
        foreach (var limit in limits ?? [])
        {
            var limitProblem = Paging.PagingLimitOptions.IsPagingLimit(limit) ? Paging.PagingLimitOptions.Set(ref paging, limit) : requestLimits.Set(limit);
            if (limitProblem is not null) errors.Add(limitProblem);
        }
        errors.AddRange(requestLimits.Validate());
        var hosts = new List<string>();
        foreach (var h in allowedHosts ?? [])
            hosts.AddRange(h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.Trim('[', ']')));
        if (keyReads && key is null && keyProblem is null) errors.Add($"--key-reads needs an API key (--api-key-file FILE or {ApiKey.EnvironmentVariable})");
        if (addresses is { BeyondLoopback: true } && key is null && keyProblem is null)
        {
            if (insecureNoAuth)
                warnings.Add($"warning: --insecure-no-auth: {string.Join(", ", addresses.Urls)} reaches beyond this machine and anyone who can connect may write items and events, erase users and reload plugins");
            else
                errors.Add($"--urls {string.Join(";", addresses.Urls)} reaches beyond this machine: give an API key (--api-key-file FILE or {ApiKey.EnvironmentVariable}), or --insecure-no-auth to serve without one");
        }
        if (addresses is { BeyondLoopback: true } && hosts.Count == 0 && addresses.Hosts.All(ListenAddresses.IsLoopback))
            warnings.Add("note: only the Host names localhost, 127.0.0.1 and ::1 are accepted; --allowed-hosts NAME,... adds the names clients use (or * for any)");
        if (errors.Count == 0 && addresses?.FirstInUse() is { } inUse) errors.Add(inUse);
        if (errors.Count > 0) return null;
        return new ServeSecurity
        {
            Key = key,
            KeyReads = keyReads,
            InsecureNoAuth = insecureNoAuth,
            AllowedHosts = hosts.Count == 0 ? null : hosts,
            Limits = requestLimits,
            Paging = paging,
        };
    }
}
