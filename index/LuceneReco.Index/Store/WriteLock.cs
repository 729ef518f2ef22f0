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
            string holder = "unknown process";
            try { holder = "pid " + File.ReadAllText(path).Trim(); }
            catch (IOException) { /* the holder's pid is only for the message; the lock error is what matters */ }
            throw new IndexLockedException(directory, holder);
        }
        stream.SetLength(0);
        using (var w = new StreamWriter(stream, leaveOpen: true)) w.Write(Environment.ProcessId);
        stream.Flush();
        return new WriteLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
