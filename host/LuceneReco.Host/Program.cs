using LuceneReco.Host.Bench;

// TEMPORARY entry point until the CLI lands: bench recall ITEMS MLT_IDS KEYWORDS OUT [ANALYZER]
if (args.Length >= 5 && args[0] == "bench-recall")
    return RecallBench.Run(new RecallBenchOptions(args[1], args[2], args[3], args[4]) { Analyzer = args.Length > 5 ? args[5] : "english" }, Console.Out, Console.Error);
return 2;
