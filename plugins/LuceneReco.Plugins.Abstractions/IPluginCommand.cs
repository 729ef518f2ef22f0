namespace LuceneReco.Plugins;

/// <summary>
/// A command a plugin adds to the command line: <c>lucenereco NAME ARGS...</c> runs <see cref="RunCommand"/> with the arguments
/// after the name (for example <c>lucenereco fairness mtable --k 20</c> for a plugin whose <see cref="CommandName"/> is
/// <c>fairness</c>). Implement it on the same class as <see cref="IRankerPlugin"/>. The host looks commands up among the
/// built-in plugins (or <c>--plugins DIR</c> given first) only when the name is none of its own.
/// </summary>
public interface IPluginCommand
{
    /// <summary>The command's name, e.g. "fairness" (letters, digits, '-'); a name the host has itself is never dispatched.</summary>
    string CommandName { get; }

    /// <summary>One line for the command list.</summary>
    string CommandDescription { get; }

    /// <summary>
    /// Runs the command; returns the exit code: 0 success, 2 bad usage or bad input (one line on <paramref name="error"/>, never a
    /// stack trace), 1 any other failure.
    /// </summary>
    int RunCommand(IReadOnlyList<string> arguments, TextWriter output, TextWriter error);
}
