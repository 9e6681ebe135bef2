// One browser journey at a time. Two WebApplicationFactory instances started at once on Kestrel were seen to
// interfere: one started on the default port 5000 instead of the free port it asked for (the factory finds the
// application's host through a process-wide diagnostic listener, which both share). Two headless Chromiums side
// by side are slow besides.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
