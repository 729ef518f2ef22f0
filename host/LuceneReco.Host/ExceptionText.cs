namespace LuceneReco.Host;

/// <summary>Exception messages as one line for people.</summary>
internal static class ExceptionText
{
    /// <summary>The message of <paramref name="e"/> without the runtime's " (Parameter 'name')" suffix.</summary>
    public static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}
