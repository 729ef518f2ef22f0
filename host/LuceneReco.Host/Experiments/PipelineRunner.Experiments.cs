using LuceneReco.Host.Experiments;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The runner's experiment path (docs/experiments.md): for a user in an experiment's traffic share, the control's ranking
/// (without its constraint stages) and the candidate's are interleaved, and the control's constraint stages (diversity,
/// fairness) run last on the interleaved list, so its guarantees hold on what is shown.
/// </summary>
internal sealed partial class PipelineRunner
{
    /// <summary>The request option that names the session (with the user, it fixes the interleaving's coin flips).</summary>
    public const string SessionOption = "session";

    /// <summary>The experiment <paramref name="request"/> takes part in when <paramref name="pipeline"/> serves it, or null.</summary>
    private static (string Name, ExperimentSettings Settings)? ExperimentFor(ServingConfig config, string pipeline, PipelineRequest request)
    {
        if (request.Offline || string.IsNullOrEmpty(request.UserId) || config.Experiments.Count == 0) return null;
        return ExperimentChecks.ForControl(config, pipeline) is { } x && x.Settings.Includes(x.Name, request.UserId) ? x : null;
    }

    /// <summary>
    /// Where the lists <paramref name="pipeline"/> serves alone (to users outside an experiment's traffic share) are logged
    /// when the pipeline has no feature log: the experiment's own <c>log</c>, or null when it is not an experiment's control.
    /// </summary>
    private static FeatureLogSettings? ControlOwnLog(ServingConfig config, string pipeline, PipelineRequest request)
    {
        if (request.Offline || request.Shadow || string.IsNullOrEmpty(request.UserId) || config.Experiments.Count == 0) return null;
        return ExperimentChecks.ForControl(config, pipeline) is { } x ? x.Settings.ImpressionLog(config) : null;
    }

    /// <summary>
    /// Ranks with both pipelines and interleaves them; each item keeps its own pipeline's features and reasons, gets a score
    /// falling from 1 by its interleaved place (the two pipelines' scores are on different scales, so later stages see the
    /// interleaved order), and a reason naming its variant.
    /// </summary>
    private async Task<Ranked> InterleaveAsync(string name, ExperimentSettings experiment, string controlName, PipelineDefinition control,
        ServingConfig config, RunState run, CancellationToken cancellation)
    {
        int constraints = experiment.ConstraintCount(control);
        int first = control.Stages.Count - constraints;
        var a = await RankAsync(controlName, control, first, run, cancellation).ConfigureAwait(false);
        var candidate = config.Find(experiment.Candidate)!; // the configuration was validated: the candidate exists
        var candidateRun = run with { Skipped = [] };
        var b = await RankAsync(experiment.Candidate, candidate, candidate.Stages.Count, candidateRun, cancellation).ConfigureAwait(false);
        foreach (var s in candidateRun.Skipped) run.Skipped.Add(s with { Stage = $"{experiment.Candidate}/{s.Stage}" }); // whose stage it was

        var seed = ExperimentHash.Seed("interleave", name, run.Request.UserId, run.Request.Options.GetValueOrDefault(SessionOption));
        var list = Interleaving.Interleave(experiment.MethodKind, Ids(a.Candidates), Ids(b.Candidates), a.Candidates.Count + b.Candidates.Count, seed);
        var fromA = ById(a.Candidates);
        var fromB = ById(b.Candidates);
        var merged = new List<Candidate>(list.Count);
        var origins = new Dictionary<string, ExperimentServed.Origin>(list.Count, StringComparer.Ordinal);
        for (int i = 0; i < list.Count; i++)
        {
            var team = list.Teams[i];
            var c = (team == Variant.A ? fromA : fromB)[list.Items[i]].Clone();
            c.Score = 1.0 - (double)i / list.Count;
            c.StageScores["experiment"] = c.Score;
            c.Explain("experiment", $"shown by experiment '{name}' for variant {team}");
            merged.Add(c);
            origins[c.ItemId] = new ExperimentServed.Origin(team, list.RankA[i], list.RankB[i]);
        }
        for (int i = first; i < control.Stages.Count && merged.Count > 0; i++)
            merged = await RunStageAsync(controlName, i, control.Stages[i], run.ConfigVersion, run.Rankers, run.Ranking, merged, run.Skipped, run.Timings, run.Served, cancellation).ConfigureAwait(false);
        return new Ranked(merged, a.Recalled, a.RecallTook, a.Slots, a.Known)
        {
            Experiment = new ExperimentServed(name, experiment.MethodKind, controlName, experiment.Candidate, origins),
        };
    }

    private static string[] Ids(List<Candidate> candidates)
    {
        var ids = new string[candidates.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = candidates[i].ItemId;
        return ids;
    }

    private static Dictionary<string, Candidate> ById(List<Candidate> candidates)
    {
        var byId = new Dictionary<string, Candidate>(candidates.Count, StringComparer.Ordinal);
        foreach (var c in candidates) byId.TryAdd(c.ItemId, c);
        return byId;
    }
}
