using System.Net;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// The <c>--urls</c> of <c>serve</c>, checked before Kestrel sees them: each must be <c>http://HOST:PORT</c> (or https),
/// and whether any reaches beyond loopback (a wildcard such as 0.0.0.0, [::], * or +, or an address or name that is not loopback).
/// </summary>
internal sealed record ListenAddresses(IReadOnlyList<string> Urls, IReadOnlyList<string> Hosts, bool BeyondLoopback)
{
    /// <summary>The host names every server accepts in the Host header.</summary>
    public static IReadOnlyList<string> LoopbackNames { get; } = ["localhost", "127.0.0.1", "::1"];

    /// <summary>Parses <paramref name="urls"/> (';'-separated), or returns null with the problem.</summary>
    public static ListenAddresses? Parse(string urls, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(urls);
        problem = null;
        var list = new List<string>();
        var hosts = new List<string>();
        bool beyond = false;
        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel takes the wildcards * and + where Uri does not: read them as 0.0.0.0 to check the rest.
            var text = raw.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.IsDefaultPort && !text.Contains(":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                problem = $"--urls must be http://HOST:PORT addresses separated by ';' (e.g. {ServeApp.DefaultUrls}), got '{raw}'";
                return null;
            }
            var host = uri.IdnHost.Trim('[', ']');
            if (!IsLoopback(host)) beyond = true;
            if (!IsWildcard(host)) hosts.Add(host);
            list.Add(raw);
        }
        if (list.Count == 0)
        {
            problem = $"--urls must name at least one address (e.g. {ServeApp.DefaultUrls})";
            return null;
        }
        return new ListenAddresses(list, hosts, beyond);
    }

    /// <summary>
    /// The first fixed address (an IP or localhost with a port other than 0) something else already listens on, as a
    /// one-line problem, or null. Checked before the index and plugins are opened; Kestrel's own bind error covers a race.
    /// </summary>
    public string? FirstInUse()
    {
        foreach (var raw in Urls)
        {
            var text = raw.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Port == 0) continue;
            var host = uri.IdnHost.Trim('[', ']');
            var ip = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
            if (ip is null) continue;
            var probe = new System.Net.Sockets.TcpListener(ip, uri.Port);
            try
            {
                probe.Start();
            }
            catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
            {
                return $"cannot listen on {raw}: the address is already in use (another server on port {uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}?)";
            }
            catch (System.Net.Sockets.SocketException e)
            {
                return $"cannot listen on {raw}: {e.Message}";
            }
            finally
            {
                probe.Stop();
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="host"/> (no brackets) is localhost or a loopback address.</summary>
    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsWildcard(string host) =>
        IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
}
