using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using LuceneReco.CrashWriter;

namespace LuceneReco.Index.Tests.Durability;

/// <summary>
/// A <c>CrashWriter</c> child process (built next to the tests, see the test project) whose
/// <c>resumed {b}</c> and <c>committed {b}</c> lines are tracked as they arrive.
/// </summary>
internal sealed class CrashWriterProcess : IDisposable
{
    /// <summary>Exit code of a process killed by SIGKILL (128 + 9), as <see cref="Process.ExitCode"/> reports it.</summary>
    public const int KilledExitCode = 137;

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly ManualResetEventSlim _resumedEvent = new();
    private int _resumed = -1, _committed = -1;

    private CrashWriterProcess(Process process) => _process = process;

    /// <summary>Starts <c>dotnet CrashWriter.dll <paramref name="directory"/> <paramref name="seed"/></c>.</summary>
    public static CrashWriterProcess Start(string directory, int seed)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(CrashWorkload).Assembly.Location);
        info.ArgumentList.Add(directory);
        info.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = info };
        var writer = new CrashWriterProcess(process);
        process.OutputDataReceived += (_, e) => writer.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer._stderr) writer._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return writer;
    }

    public int Id => _process.Id;

    /// <summary>The batch the writer said it would apply first, once it has opened the index.</summary>
    public int? Resumed => Volatile.Read(ref _resumed) is >= 0 and var r ? r : null;

    /// <summary>The last batch the writer printed as committed.</summary>
    public int? LastCommitted => Volatile.Read(ref _committed) is >= 0 and var c ? c : null;

    public string StandardError { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Waits until the writer holds the index open (printed its resume line) or exits.</summary>
    public bool WaitUntilResumed(TimeSpan timeout) => _resumedEvent.Wait(timeout);

    /// <summary>Sends SIGKILL (what <see cref="Process.Kill()"/> does on Unix), waits until the process and its output end; returns the exit code.</summary>
    public int KillAndWait()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(); // also drains redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit on its own; returns the exit code, or null on timeout.</summary>
    public int? WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return null;
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        KillAndWait();
        _process.Dispose();
        _resumedEvent.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) { _resumedEvent.Set(); return; } // end of output: nobody should keep waiting
        var parts = line.Split(' ');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int batch)) return;
        if (parts[0] == "resumed") { Volatile.Write(ref _resumed, batch); _resumedEvent.Set(); }
        else if (parts[0] == "committed") Volatile.Write(ref _committed, batch);
    }

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH under the SDK), else the one next to the runtime, else the PATH's.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        string exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var besideRuntime = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", exe));
        return File.Exists(besideRuntime) ? besideRuntime : exe;
    }
}
