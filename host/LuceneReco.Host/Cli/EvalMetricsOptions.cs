using System.CommandLine;
using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Cli;

/// <summary><c>eval</c>'s options naming the item and user attributes its diversity and fairness metrics read.</summary>
internal sealed class EvalMetricsOptions
{
    public Option<string> CategoryField { get; } = new("--category-field")
    { Description = "Keyword field of categories: ILD by category, alpha-nDCG subtopics, calibration KL (default category).", HelpName = "FIELD", DefaultValueFactory = _ => "category" };

    public Option<string> ProviderField { get; } = new("--provider-field")
    { Description = "Keyword field whose first value is an item's provider, for the provider exposure Gini (default provider).", HelpName = "FIELD", DefaultValueFactory = _ => "provider" };

    public Option<string> GroupField { get; } = new("--group-field")
    { Description = "Keyword field of the item groups whose exposure is compared, or 'popularity' for the popular 20% against the tail (default popularity).", HelpName = "FIELD", DefaultValueFactory = _ => BeyondAccuracyOptions.Popularity };

    public Option<string> TextFields { get; } = new("--text-fields")
    { Description = "Comma-separated text fields of the TF-IDF vectors of the text ILD (default title,body).", HelpName = "FIELDS", DefaultValueFactory = _ => "title,body" };

    public Option<string> UserGroups { get; } = new("--user-groups")
    { Description = "TSV of user and group, for the NDCG gap between user groups (default: light vs heavy users by history length).", HelpName = "FILE" };

    public void AddTo(Command command)
    {
        command.Options.Add(CategoryField);
        command.Options.Add(ProviderField);
        command.Options.Add(GroupField);
        command.Options.Add(TextFields);
        command.Options.Add(UserGroups);
    }

    /// <summary>The options asked for, validated.</summary>
    /// <exception cref="UsageException">A bad value or an unreadable user-groups file.</exception>
    public BeyondAccuracyOptions Bind(ParseResult parse, int k)
    {
        var options = new BeyondAccuracyOptions
        {
            Depth = Math.Min(10, k),
            CategoryField = parse.GetValue(CategoryField)!.Trim(),
            ProviderField = parse.GetValue(ProviderField)!.Trim(),
            GroupField = parse.GetValue(GroupField)!.Trim(),
            TextFields = parse.GetValue(TextFields)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            UserGroups = parse.GetValue(UserGroups) is { } file ? ReadGroups(file) : null,
        };
        if (options.Validate() is { Count: > 0 } problems) throw new UsageException(string.Join("; ", problems));
        return options;
    }

    private static Dictionary<string, string> ReadGroups(string file)
    {
        if (!File.Exists(file)) throw new UsageException($"user groups file '{file}' does not exist");
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        int line = 0;
        foreach (string text in File.ReadLines(file))
        {
            line++;
            if (text.Length == 0) continue;
            string[] parts = text.Split('\t');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new UsageException($"{file}:{line}: expected 'user<TAB>group'");
            groups[parts[0]] = parts[1];
        }
        return groups;
    }
}
