using HybridRec.Bench;

return BenchApp.Run(args, Console.Out, Console.Error);
