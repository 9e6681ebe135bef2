using OnePlace.Analytics.Bench;

// Analytics benchmark helper (bench/framework.sh): combines analytical stores, each made by `oneplace import` and
// `oneplace analytics refresh` from its own generated borough, into one larger store, and checks that the framework
// counts on the combined store what it counts on its parts.
//   merge --into FILE STORE STORE [STORE …]
//   check --indicators DIR MERGED STORE STORE [STORE …]
//   describe STORE   (its people and care events)
try
{
    switch (args)
    {
        case ["merge", "--into", var into, .. var stores] when stores.Length >= 2:
            Console.WriteLine(StoreMerge.Run(into, stores));
            return 0;
        case ["describe", var file]:
            Console.WriteLine(StoreMerge.Describe(file));
            return 0;
        case ["check", "--indicators", var folder, var merged, .. var parts] when parts.Length >= 2:
            var (message, same) = MergeCheck.Run(folder, merged, parts);
            Console.WriteLine(message);
            return same ? 0 : 1;
    }
}
catch (InvalidOperationException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.Error.WriteLine("Usage: merge --into FILE STORE STORE [STORE …]   (FILE must not exist yet)");
Console.Error.WriteLine("       check --indicators DIR MERGED STORE STORE [STORE …]");
Console.Error.WriteLine("       describe STORE");
return 2;
