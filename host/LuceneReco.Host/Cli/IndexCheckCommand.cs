using System.CommandLine;
using LuceneReco.Index;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco index check</c>: verifies every byte of every file of the last commit.</summary>
internal static class IndexCheckCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var command = new Command("check", "Verify every file of the last commit (checksums). Exit code 0 when all are good, 1 naming each damaged file.")
        {
            index,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(index)!, console)));
        return command;
    }

    /// <summary>Checks the index; returns the exit code.</summary>
    public static int Run(string indexDirectory, CliConsole console)
    {
        if (!Directory.Exists(indexDirectory)) throw new UsageException($"index directory '{indexDirectory}' does not exist");
        IReadOnlyList<FileCheck> files;
        try
        {
            files = LuceneReco.Index.LuceneNet.LuceneNetRecallIndex.IsLuceneNetIndex(indexDirectory)
                ? LuceneReco.Index.LuceneNet.LuceneNetIndexChecker.Check(indexDirectory) // Lucene.Net's CheckIndex
                : IndexChecker.Check(indexDirectory);
        }
        catch (IOException e)
        {
            console.Fail($"cannot check the index: {e.Message}");
            return ExitCodes.Failure;
        }
        if (files.Count == 0)
        {
            console.Fail($"no index files found in '{indexDirectory}'");
            return ExitCodes.Failure;
        }

        var width = files.Max(f => f.File.Length);
        var bytesWidth = files.Max(f => CliFormat.Count(f.Bytes).Length);
        foreach (var file in files)
        {
            var status = file.Problem is null ? "OK     " : "DAMAGED";
            var problem = file.Problem is null ? "" : $"  {file.Problem}";
            console.Out.WriteLine($"{status}  {file.File.PadRight(width)}  {CliFormat.Count(file.Bytes).PadLeft(bytesWidth)} bytes{problem}");
        }
        var damaged = files.Where(f => f.Problem is not null).ToList();
        if (damaged.Count == 0)
        {
            console.Out.WriteLine($"index OK: {CliFormat.Plural(files.Count, "file")}, {CliFormat.Bytes(files.Sum(f => f.Bytes))}");
            return ExitCodes.Ok;
        }
        console.Fail($"index damaged: {string.Join(", ", damaged.Select(f => f.File))} ({CliFormat.Count(damaged.Count)} of {CliFormat.Plural(files.Count, "file")})");
        return ExitCodes.Failure;
    }
}
