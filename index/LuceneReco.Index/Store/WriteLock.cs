namespace LuceneReco.Index.Store;

/// <summary>
/// The index's single-writer lock: <c>write.lock</c> held open with an exclusive OS lock (flock on Unix),
/// which the kernel releases when the holding process dies, so a crashed writer never leaves it stuck.
/// </summary>
internal sealed class WriteLock : IDisposable
{
    public const string FileName = "write.lock";
    private readonly FileStream _stream;

    private WriteLock(FileStream stream) => _stream = stream;

    public static WriteLock Acquire(string directory)
    {
        string path = Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            // The holder's pid is only for the message. File.ReadAllText cannot read it on Unix (its shared flock is refused).
            string? pid = FileSystem.ReadUnlocked(path, 32)?.Trim();
            throw new IndexLockedException(directory, pid is { Length: > 0 } ? "pid " + pid : "unknown process");
        }
        stream.SetLength(0);
        using (var w = new StreamWriter(stream, leaveOpen: true)) w.Write(Environment.ProcessId);
        stream.Flush();
        return new WriteLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
