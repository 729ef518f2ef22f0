using LuceneReco.Host.Interactions;
using System.CommandLine;
using System.Globalization;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco recommend-batch</c>: trains on a training file and writes every listed user's recommendations.</summary>
internal static class RecommendBatchCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var interactions = new Option<string>("--interactions") { Description = "Training interactions TSV (user, item, weight, timestamp): the models' input and each user's history.", HelpName = "TRAIN.tsv", Required = true };
        var users = new Option<string>("--users") { Description = "The users to recommend for, one per line.", HelpName = "USERS.txt", Required = true };
        var k = new Option<int>("--k", "-k") { Description = $"Items per user (1 to {PipelineRequest.MaxK}; default 100).", HelpName = "N", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--out") { Description = "Output TSV: user<TAB>item1,item2,... best first.", HelpName = "RECS.tsv", Required = true };
        var batch = new BatchCliOptions();
        var command = new Command("recommend-batch",
            "Recommendations for many users offline: trains the models the pipeline needs on the training file, then runs each user (items in their training history left out).")
        {
            index, interactions, users, k, output,
        };
        batch.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var options = batch.Bind(parse, parse.GetValue(index)!, parse.GetValue(k));
            string usersFile = parse.GetValue(users)!;
            if (!File.Exists(usersFile)) throw new UsageException($"users file '{usersFile}' does not exist");
            var userIds = new List<string>();
            foreach (var line in File.ReadLines(usersFile))
                if (line.Trim() is { Length: > 0 } id) userIds.Add(id);
            var train = InteractionFiles.ReadAll(parse.GetValue(interactions)!, console.Time.GetUtcNow());
            string outPath = parse.GetValue(output)!;
            if (Directory.Exists(outPath)) throw new UsageException($"--out must be a file, '{outPath}' is a directory");

            var result = batch.Run(console, options, train, userIds, parse);
            using (var writer = new StreamWriter(outPath))
                for (int u = 0; u < userIds.Count; u++) writer.WriteLine($"{userIds[u]}\t{string.Join(',', result.Lists[u])}");
            string training = result.Training.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $", trained {string.Join(", ", result.Training.Select(t => t.Plugin))} on {train.Count:N0} events")
                : "";
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {userIds.Count:N0} users' top {options.K} to {outPath} in {result.Took.TotalSeconds:0.0} s{training}"));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
