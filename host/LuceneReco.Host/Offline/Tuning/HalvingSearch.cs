using System.Globalization;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// Seeded random search with successive halving (Jamieson &amp; Talwalkar 2016; the rungs of Li et al.'s Hyperband): trial 0 is
/// the defaults, the rest are drawn from the <see cref="SearchSpace"/> (a share near the defaults, <see cref="HalvingSearchOptions.NearDefaults"/>); every trial is evaluated on the smallest share of
/// the evaluation data, the best 1/eta go on to the next share, and so on up to the whole set. The best trial at the
/// highest rung reached wins (ties: the lower trial number). The budget is wall time: no trial starts once the trials
/// already run, extrapolated to the rungs still to come, would not fit; so with a fixed <see cref="HalvingSearchOptions.MaxTrials"/>
/// that fits, the same seed chooses the same settings. What a trial is and how it scores is the caller's: <c>tune</c>
/// trains models and runs pipelines; a sweep can reuse this with its own space and objective.
/// </summary>
internal sealed class HalvingSearch
{
    private readonly SearchSpace _space;
    private readonly HalvingSearchOptions _options;

    public HalvingSearch(SearchSpace space, HalvingSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _space = space;
        _options = options;
    }

    /// <summary>The trials in the order they are tried: the defaults, then distinct draws.</summary>
    public List<Trial> Draw()
    {
        var random = new Random(_options.Seed);
        var trials = new List<Trial> { new(0, _space.Defaults()) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { SearchSpace.Key(trials[0].Settings) };
        for (int attempt = 0; trials.Count < _options.MaxTrials && attempt < _options.MaxTrials * 20; attempt++)
        {
            var settings = random.NextDouble() < _options.NearDefaults ? _space.Near(trials[0].Settings, random, 3) : _space.Sample(random);
            if (seen.Add(SearchSpace.Key(settings))) trials.Add(new Trial(trials.Count, settings));
        }
        if (_options.Cost is { } cost) // cheapest first after the defaults (stable), numbered in the order they run
        {
            var ordered = trials.Skip(1).Select(t => (Trial: t, Cost: cost(t.Settings))).OrderBy(p => p.Cost).ThenBy(p => p.Trial.Number).ToList();
            trials = [trials[0], .. ordered.Select((p, i) => p.Trial with { Number = i + 1 })];
        }
        return trials;
    }

    /// <summary>Runs the search.</summary>
    /// <param name="evaluate">Scores a trial on the share of the evaluation data given (the rung's); returns a skipped outcome when the trial cannot run.</param>
    /// <param name="progress">Told one line per trial evaluated.</param>
    /// <param name="cancellation">Stops the search (an <see cref="OperationCanceledException"/>).</param>
    /// <exception cref="SearchBudgetException">The budget ran out before one trial finished, or every trial was skipped.</exception>
    public SearchResult Run(Func<Trial, double, CancellationToken, TrialOutcome> evaluate, Action<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        var clock = _options.Clock;
        long started = clock.GetTimestamp();
        var rungs = _options.Rungs;
        var records = new Dictionary<int, TrialRecord>();
        List<Trial> current = Draw();
        int rung = 0;
        string? stoppedBy = null;
        bool deadlinePassed = false;
        double secondsPerShare = 0; // mean cost of one trial per unit share of the data, from trials run so far
        int costSamples = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_options.Budget);
        for (; rung < rungs.Count; rung++)
        {
            var ran = new List<Trial>();
            for (int t = 0; t < current.Count; t++)
            {
                Trial trial = current[t];
                double elapsed = clock.GetElapsedTime(started).TotalSeconds;
                // no trial starts that, with the rungs after it, would not fit: the rest of this rung is cut, the later rungs still run
                if (costSamples > 0 && ran.Count > 0 && elapsed + Projected(rung, ran.Count + 1, current.Count, secondsPerShare) > _options.Budget.TotalSeconds)
                {
                    stoppedBy = "budget";
                    break;
                }
                long trialStarted = clock.GetTimestamp();
                TrialOutcome outcome;
                try
                {
                    outcome = evaluate(trial, rungs[rung], deadline.Token);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
                {
                    stoppedBy = "budget";
                    deadlinePassed = true;
                    break;
                }
                double took = clock.GetElapsedTime(trialStarted).TotalSeconds;
                secondsPerShare = (secondsPerShare * costSamples + took / rungs[rung]) / (costSamples + 1);
                costSamples++;
                if (!records.TryGetValue(trial.Number, out var record)) records[trial.Number] = record = new TrialRecord(trial, []);
                record.Rungs.Add(outcome);
                ran.Add(trial);
                progress?.Invoke(Describe(trial, rung, outcome, took, clock.GetElapsedTime(started)));
            }
            var scored = ran.Where(t => records[t.Number].Rungs.Count == rung + 1 && !double.IsNaN(records[t.Number].Last.Score)).ToList();
            if (scored.Count == 0)
            {
                if (rung == 0)
                    throw new SearchBudgetException(records.Count == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"the budget of {Format(_options.Budget)} ran out before one trial finished; give a larger --budget")
                        : $"every trial was skipped ({string.Join("; ", records.Values.Select(r => r.Last.Skipped).Distinct())})");
                rung--;
                break;
            }
            if (deadlinePassed || rung == rungs.Count - 1)
            {
                current = scored;
                break;
            }
            scored.Sort((a, b) => Compare(records[a.Number].Last, records[b.Number].Last, a, b));
            current = scored.Take(Math.Max(1, (int)Math.Ceiling(scored.Count / (double)_options.Eta))).ToList();
            // the defaults always go on, so the choice on the whole set is never one that scores below them there
            if (_options.KeepDefaults && !current.Any(t => t.Number == 0) && scored.FirstOrDefault(t => t.Number == 0) is { } first) current.Add(first);
        }
        rung = Math.Min(rung, rungs.Count - 1);
        var atTop = records.Values.Where(r => r.Rungs.Count == rung + 1 && !double.IsNaN(r.Last.Score)).Select(r => r.Trial).ToList();
        atTop.Sort((a, b) => Compare(records[a.Number].Last, records[b.Number].Last, a, b));
        Trial best = atTop[0];
        return new SearchResult(best, records[best.Number].Last, rung, records.Values.OrderBy(r => r.Trial.Number).ToList(), clock.GetElapsedTime(started), stoppedBy);
    }

    /// <summary>Seconds still needed after the <paramref name="done"/>-th trial of <paramref name="count"/> at <paramref name="rung"/>: the rest of this rung and the rungs after it.</summary>
    private double Projected(int rung, int done, int count, double secondsPerShare)
    {
        double seconds = secondsPerShare * _options.Rungs[rung]; // the trial about to start
        int n = done;
        for (int r = rung + 1; r < _options.Rungs.Count; r++)
        {
            n = Math.Max(1, (int)Math.Ceiling(n / (double)_options.Eta));
            seconds += n * secondsPerShare * _options.Rungs[r];
        }
        return seconds;
    }

    private static int Compare(TrialOutcome x, TrialOutcome y, Trial a, Trial b) =>
        x.Score != y.Score ? y.Score.CompareTo(x.Score) : a.Number.CompareTo(b.Number);

    private string Describe(Trial trial, int rung, TrialOutcome outcome, double took, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        string head = string.Create(c, $"trial {trial.Number} rung {rung + 1}/{_options.Rungs.Count} ({_options.Rungs[rung]:0.##} of the users)");
        string result = outcome.Skipped is { } why
            ? "skipped: " + why
            : string.Join(", ", outcome.Metrics.Select(m => string.Create(c, $"{m.Key} {m.Value:0.0000}")));
        return string.Create(c, $"{head}: {result} in {took:0.0} s (elapsed {Format(elapsed)})");
    }

    /// <summary>A duration as people write it: <c>45s</c>, <c>12m30s</c>, <c>1h05m</c>.</summary>
    public static string Format(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}h{t.Minutes:00}m")
        : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s") : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0}s");
}
