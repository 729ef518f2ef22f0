using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LuceneReco.LoadTest;

/// <summary>
/// A real <c>lucenereco serve</c> child process (<c>dotnet lucenereco.dll serve ...</c>). Started, it has
/// printed its <c>listening on</c> line, which gives <see cref="BaseAddress"/>. <see cref="Stop"/> asks it to
/// stop with SIGTERM as an operator would; <see cref="Dispose"/> kills whatever is still running, so a
/// failing test leaves no server behind.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const int SigTerm = 15;
    private const string ListeningPrefix = "listening on ";

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    /// <summary>The address from the <c>listening on</c> line.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the server wrote to stderr so far.</summary>
    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// Starts <c>dotnet <paramref name="hostDll"/> serve <paramref name="serveArguments"/></c> and waits until it
    /// prints <c>listening on URL</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server ended its output without listening (its stderr is in the message).</exception>
    /// <exception cref="TimeoutException">No <c>listening on</c> line within <paramref name="timeout"/>.</exception>
    public static async Task<ServerProcess> StartAsync(string hostDll, IEnumerable<string> serveArguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(BuildOutputs.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(hostDll);
        info.ArgumentList.Add("serve");
        foreach (var argument in serveArguments) info.ArgumentList.Add(argument);
        var server = new ServerProcess(new Process { StartInfo = info });
        server._process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._stderr) server._stderr.AppendLine(e.Data); };
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            server.BaseAddress = await server._listening.Task.WaitAsync(timeout).ConfigureAwait(false);
            return server;
        }
        catch (TimeoutException)
        {
            server.Dispose();
            throw new TimeoutException($"the server printed no '{ListeningPrefix}' line within {timeout.TotalSeconds:0} s; stderr: {server.StandardError}");
        }
        catch (InvalidOperationException)
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The server's resident set size (VmRSS of /proc/&lt;pid&gt;/status), or null where there is no /proc.</summary>
    public long? ResidentSetBytes()
    {
        var status = $"/proc/{Id.ToString(CultureInfo.InvariantCulture)}/status";
        if (!File.Exists(status)) return null;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            // "VmRSS:     123456 kB"
            var parts = line.Split(' ', '\t').Where(p => p.Length > 0).ToArray();
            return long.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
        }
        return null;
    }

    /// <summary>
    /// Sends SIGTERM (Ctrl+C's equivalent; on Windows, a kill) and waits for the process to exit; returns its exit code.
    /// </summary>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="timeout"/>; it has then been killed.</exception>
    public int Stop(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows()) _process.Kill(entireProcessTree: true);
            else if (SendSignal(_process.Id, SigTerm) != 0 && !_process.HasExited)
                throw new InvalidOperationException($"kill -TERM {_process.Id} failed with errno {Marshal.GetLastPInvokeError()}");
        }
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            throw new TimeoutException($"the server did not exit within {timeout.TotalSeconds:0} s of SIGTERM and was killed; stderr: {StandardError}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Kills the server if it is still running and waits for it.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException($"the server closed its output without printing '{ListeningPrefix}URL'; stderr: {StandardError}"));
            return;
        }
        if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal) && Uri.TryCreate(line[ListeningPrefix.Length..].Trim(), UriKind.Absolute, out var address))
            _listening.TrySetResult(address);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
