namespace LuceneReco.Host.Http.Security;

/// <summary>Who may use a server and how much (see docs/security.md).</summary>
internal sealed record ServeSecurity
{
    /// <summary>Loopback only, no key, the default limits: what tests and <c>serve</c> without options get.</summary>
    public static ServeSecurity Default => new();

    /// <summary>The key write and admin endpoints require. <value>The default is <c>null</c>: no key (only allowed on loopback, or with <see cref="InsecureNoAuth"/>).</value></summary>
    public ApiKey? Key { get; init; }

    /// <summary>Whether the read endpoints require the key too (all but <c>/health</c>). <value>The default is <c>false</c>.</value></summary>
    public bool KeyReads { get; init; }

    /// <summary>Serve beyond loopback without a key, after a warning. <value>The default is <c>false</c>.</value></summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>
    /// Host header names accepted besides the loopback names (localhost, 127.0.0.1, ::1), without port; <c>*</c> accepts any.
    /// <value>The default is <c>null</c>: the host names of the listening addresses other than wildcards.</value>
    /// </summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>Sizes and rates. <value>The default is <see cref="RequestLimits.Default"/>.</value></summary>
    public RequestLimits Limits { get; init; } = RequestLimits.Default;

    /// <summary>The bounds of cursor paging (<c>--limit pagingDepth=...</c>). <value>The default is <see cref="Paging.PagingLimits.Default"/>.</value></summary>
    public Paging.PagingLimits Paging { get; init; } = Http.Paging.PagingLimits.Default;
}
