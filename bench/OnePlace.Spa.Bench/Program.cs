using OnePlace.Spa.Bench;

// Single Point of Access benchmark: see BenchOptions.Usage, bench/spa.sh and docs/benchmarks/spa.md.
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

switch (options.Step)
{
    case "prepare":
        var credentials = await Credentials.CreateAsync(options.Store(), options.Text("team", "UCR-ALL"));
        credentials.Save(options.Text("out"));
        Console.WriteLine($"prepare: API client '{credentials.ClientId}' and team manager {credentials.Email} of {credentials.Team} registered");
        if (options.Optional("describe") is { } describe)
        {
            string line = await Credentials.DescribeAsync(options.Store(), options.Text("store-name"));
            Console.WriteLine(line);
            File.AppendAllText(describe, line + "\n");
        }

        return 0;
    case "intake":
        return await IntakeBenchmark.RunAsync(options);
    case "worklist":
        return await WorklistBenchmark.RunAsync(options);
    case "dashboards":
        return await DashboardBenchmark.RunAsync(options);
    default:
        return Report.Write(options);
}
