namespace HybridRec.Bench.Tests.Cli;

/// <summary>Runs the command line in-process and captures its output.</summary>
internal static class Bench
{
    /// <summary>The exit code, standard output and standard error of <c>HybridRec.Bench</c> with <paramref name="args"/>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = BenchApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }
}
