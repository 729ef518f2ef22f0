namespace LuceneReco.Host.Cli;

/// <summary>The process exit codes of <c>lucenereco</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work could not be done: a damaged index, a locked index, an I/O failure, a failed check.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: unknown option, missing file, malformed items, wrong schema. Nothing was changed.</summary>
    public const int Usage = 2;
}
