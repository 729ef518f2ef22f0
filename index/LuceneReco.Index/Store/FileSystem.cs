using System.Runtime.InteropServices;

namespace LuceneReco.Index.Store;

/// <summary>Durability primitives: fsync of a directory and atomic rename; reading a file another process holds locked.</summary>
internal static partial class FileSystem
{
    /// <summary>Makes the directory entries (creates, renames, deletes) of <paramref name="directory"/> durable.</summary>
    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows commits metadata with the rename
        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"Cannot open directory '{directory}' to fsync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally { Close(fd); }
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> atomically (replacing it), then syncs the directory.</summary>
    public static void AtomicRename(string from, string to)
    {
        File.Move(from, to, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
    }

    /// <summary>
    /// Up to <paramref name="maxBytes"/> of <paramref name="path"/> as UTF-8 read with plain open/read, or null when that fails
    /// or on Windows. Needed for files another process holds with <see cref="FileShare.None"/>: on Unix .NET takes an
    /// advisory flock on every FileStream (shared for readers), which that holder's exclusive flock refuses.
    /// </summary>
    public static unsafe string? ReadUnlocked(string path, int maxBytes)
    {
        if (OperatingSystem.IsWindows()) return null;
        int fd = Open(path, 0 /* O_RDONLY */);
        if (fd < 0) return null;
        try
        {
            var buffer = new byte[maxBytes];
            nint n;
            fixed (byte* p = buffer) n = Read(fd, p, maxBytes);
            return n < 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, (int)n);
        }
        finally { Close(fd); }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
