using LuceneReco.Host.Cli;

namespace LuceneReco.Host.Tests.Cli;

/// <summary>The outcome of running the CLI in-process.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>lucenereco</c> with <paramref name="args"/> and captures both streams.</summary>
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The non-empty lines of stderr.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Asserts the run failed with <paramref name="exitCode"/>, printed exactly one line on stderr (no stack trace) and returns it.</summary>
    public string AssertOneLineFailure(int exitCode)
    {
        Assert.True(ExitCode == exitCode, $"expected exit code {exitCode}, got {ExitCode}; stderr: {Error}");
        var line = Assert.Single(ErrorLines);
        Assert.StartsWith("lucenereco: ", line);
        Assert.DoesNotContain("   at ", Error);
        return line;
    }

    /// <summary>Asserts exit code 0 and returns stdout.</summary>
    public string AssertOk()
    {
        Assert.True(ExitCode == 0, $"expected exit code 0, got {ExitCode}; stderr: {Error}");
        return Out;
    }
}
