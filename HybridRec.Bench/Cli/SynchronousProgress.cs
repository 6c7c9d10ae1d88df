namespace HybridRec.Bench.Cli;

/// <summary>Reports progress on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so console lines could come out of order).</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
