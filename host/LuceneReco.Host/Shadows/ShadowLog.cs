using System.Text.Json;
using LuceneReco.Host.Http;

namespace LuceneReco.Host.Shadows;

/// <summary>
/// The shadow lists on disk (<c>"shadowLog"</c> in the serving configuration): one JSON object per line, each marked
/// <c>"served": false</c>, with the served list it was compared with and the comparison, appended by the shadow worker (one
/// writer, off every request's path). Never a feature log: <c>features join</c> cannot take it, so a shadow list never becomes a
/// training label. Bounded: when the file passes <see cref="MaxBytes"/> it is renamed to <c>FILE.1</c> (replacing the older
/// one) and a new file is started, so at most about twice that is kept. It names no user (the served request's id links to
/// the feature log, which erasure cleans). A failure to write is reported once through the log and never reaches serving.
/// </summary>
internal sealed class ShadowLog(string path, long maxBytes, Action<string> log)
{
    /// <summary>The default bound of the current file: 64 MiB.</summary>
    public const long DefaultMaxBytes = 64L << 20;

    private readonly object _gate = new();
    private bool _reported;

    /// <summary>The file written, as given (relative to the working folder, or absolute).</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>The bound of the current file before it is rotated.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Appends <paramref name="list"/> as one line.</summary>
    public void Append(ShadowList list)
    {
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(list, HttpJson.Write);
        lock (_gate)
        {
            try
            {
                if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
                var info = new FileInfo(Path);
                if (info.Exists && info.Length + line.Length + 1 > MaxBytes) File.Move(Path, Path + ".1", overwrite: true);
                using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                file.Write(line);
                file.WriteByte((byte)'\n');
                _reported = false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (_reported) return;
                _reported = true;
                log($"the shadow log {Path} cannot be written ({e.Message}); shadow lists stay in memory only until it can");
            }
        }
    }
}
