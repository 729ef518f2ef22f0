namespace LuceneReco.Host.Serving;

/// <summary>Recognising a full disk in an I/O failure, and checking that a folder can take writes again.</summary>
internal static class DiskSpace
{
    private const int Enospc = 28;              // Linux and macOS errno; .NET's IOException carries it as HResult on Unix
    private const int Edquot = 122;             // Linux: disk quota exceeded
    private const int DiskFullWin = unchecked((int)0x80070070);
    private const int HandleDiskFullWin = unchecked((int)0x80070027);

    /// <summary>How much a probe writes: more than a small event batch needs, so "can write again" is not claimed on a few free bytes.</summary>
    public const int ProbeBytes = 256 * 1024;

    /// <summary>Whether <paramref name="e"/> (or an exception inside it) says the disk or quota is full.</summary>
    public static bool IsFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is IOException && e.HResult is Enospc or Edquot or DiskFullWin or HandleDiskFullWin) return true;
            if (e is IOException && e.Message.Contains("No space left on device", StringComparison.Ordinal)) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 13 }) return true; // SQLITE_FULL
        }
        return false;
    }

    /// <summary>Writes, fsyncs and deletes a <see cref="ProbeBytes"/> file in <paramref name="folder"/>; returns whether that worked.</summary>
    public static bool CanWrite(string folder)
    {
        string probe = Path.Combine(folder, ".write-probe-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush(flushToDisk: true);
            }
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            _ = TryDelete(probe);
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false; // a probe file left behind is replaced and deleted by the next probe
        }
    }
}
