namespace LuceneReco.Host.Cli;

/// <summary>
/// A build is written to a hidden sibling of the target directory and moved into place only after
/// its commit succeeded, so a failed or interrupted build leaves the target exactly as it was (and
/// leaves nothing behind when the target did not exist).
/// </summary>
internal sealed class StagingDirectory
{
    private readonly string _target;
    private readonly string? _createdAncestor;
    private bool _done;

    private StagingDirectory(string target, string path, string? createdAncestor)
    {
        _target = target;
        Path = path;
        _createdAncestor = createdAncestor;
    }

    /// <summary>The directory to build into.</summary>
    public string Path { get; }

    /// <summary>Creates a fresh staging directory next to <paramref name="target"/> (creating missing parents).</summary>
    public static StagingDirectory Create(string target)
    {
        target = System.IO.Path.GetFullPath(target).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        var parent = System.IO.Path.GetDirectoryName(target)
            ?? throw new UsageException($"cannot build an index at the file system root '{target}'");
        string? createdAncestor = null;
        for (var dir = parent; dir is not null && !Directory.Exists(dir); dir = System.IO.Path.GetDirectoryName(dir))
            createdAncestor = dir;
        var name = System.IO.Path.GetFileName(target);
        var path = System.IO.Path.Combine(parent, $".{name}.building-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path);
        return new StagingDirectory(target, path, createdAncestor);
    }

    /// <summary>Moves the staged index to the target, replacing what is there (an empty directory, or an index being overwritten).</summary>
    public void Publish()
    {
        string? old = null;
        if (Directory.Exists(_target))
        {
            old = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_target)!, $".{System.IO.Path.GetFileName(_target)}.old-{Guid.NewGuid().ToString("N")[..8]}");
            Directory.Move(_target, old);
        }
        try
        {
            Directory.Move(Path, _target);
        }
        catch (IOException) when (old is not null)
        {
            Directory.Move(old, _target);
            throw;
        }
        _done = true;
        if (old is not null) Directory.Delete(old, recursive: true);
    }

    /// <summary>Removes the staging directory and any parent directories it created, unless published.</summary>
    public void Discard()
    {
        if (_done) return;
        _done = true;
        var doomed = _createdAncestor ?? Path;
        if (Directory.Exists(doomed)) Directory.Delete(doomed, recursive: true);
    }
}
