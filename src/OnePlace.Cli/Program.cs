using OnePlace.Cli;

return await OnePlaceCommand.RunAsync(args);
