using System.Diagnostics;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>A small tmpfs mounted for one test (<c>mount -t tmpfs -o size=... tmpfs DIR</c>; the tests run as root), unmounted on dispose.</summary>
internal sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. "8m") at <paramref name="path"/>, or returns null with why it could not.</summary>
    public static SmallTmpfs? TryMount(string path, string size, out string? why)
    {
        why = null;
        if (!OperatingSystem.IsLinux()) { why = "tmpfs needs Linux"; return null; }
        Directory.CreateDirectory(path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", path);
        if (code == 0) return new SmallTmpfs(path);
        why = $"mount -t tmpfs was refused (exit {code}): {output.Trim()}";
        return null;
    }

    /// <summary>Fills the file system with one file until it is full; returns the file (delete it to give the space back).</summary>
    public string Fill()
    {
        string filler = System.IO.Path.Combine(Path, "filler.bin");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // full: write what fits of smaller pieces too, so not even a page is left
            for (int size = 32 * 1024; size >= 512; size /= 2)
            {
                try { while (true) stream.Write(block, 0, size); }
                catch (IOException) { continue; }
            }
        }
        return filler;
    }

    public void Dispose()
    {
        var (code, output) = Run("umount", "-l", Path);
        if (code != 0) throw new IOException($"umount {Path} failed (exit {code}): {output}");
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            string output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
