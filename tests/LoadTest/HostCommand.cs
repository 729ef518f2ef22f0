using System.Diagnostics;

namespace LuceneReco.LoadTest;

/// <summary>Runs one <c>lucenereco</c> command (<c>dotnet lucenereco.dll ...</c>) to completion.</summary>
public static class HostCommand
{
    /// <summary>Runs <c>dotnet <paramref name="hostDll"/> <paramref name="arguments"/></c>; returns its stdout.</summary>
    /// <exception cref="InvalidOperationException">It exited with a non-zero code (its stderr is in the message).</exception>
    public static async Task<string> RunAsync(string hostDll, params string[] arguments)
    {
        var info = new ProcessStartInfo(BuildOutputs.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"lucenereco {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        return await stdout.ConfigureAwait(false);
    }
}
