using OnePlace.Linkage.Bench;

// Record linkage benchmark: see BenchOptions.Usage, bench/linkage.sh and docs/benchmarks/linkage.md.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return options.One is null ? Benchmark.Run(options, args) : Benchmark.MeasureOne(options);
