namespace LuceneReco.Web.Tests;

/// <summary>Where the browser tests find Debian's Chromium, and how they start it (no browser is ever downloaded).</summary>
internal static class Chromium
{
    /// <summary>Debian's chromium package puts its launcher here.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// Headless, as root in a container (no sandbox), and quiet on a closed network: without the background-networking
    /// switches Chromium keeps trying to reach Google's hosts.
    /// </summary>
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Set by ./test.sh to why it could not install chromium (the apt-get failure), so a skip says so.</summary>
    public const string MissingReasonVariable = "LUCENERECO_CHROMIUM_MISSING";

    /// <summary>Why the browser tests cannot run here, or null when Chromium is installed.</summary>
    public static string? Missing()
    {
        if (File.Exists(ExecutablePath)) return null;
        string why = Environment.GetEnvironmentVariable(MissingReasonVariable) is { Length: > 0 } reason
            ? reason
            : "run ./test.sh, which installs it with apt-get, or apt-get install -y chromium";
        return $"{ExecutablePath} is not installed ({why}), so the demo page is not tested in a browser";
    }
}

/// <summary>A theory that is skipped, with the reason, only where Chromium is not installed.</summary>
internal sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.Missing() is { } why) Skip = why;
    }
}

/// <summary>A fact that is skipped, with the reason, only where Chromium is not installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Missing() is { } why) Skip = why;
    }
}
