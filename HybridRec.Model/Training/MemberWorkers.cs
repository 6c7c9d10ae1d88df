namespace HybridRec.Model.Training;

/// <summary>Runs ensemble members on dedicated threads, and forwards their progress one report at a time.</summary>
internal static class MemberWorkers
{
    /// <summary>
    /// Runs <paramref name="body"/> for 0 … <paramref name="count"/> − 1 on <paramref name="workers"/> dedicated
    /// threads (not the thread pool, which the members' own parallel loops and prefetch tasks use). The first failure
    /// cancels the others and is rethrown as itself.
    /// </summary>
    public static void Run(int count, int workers, CancellationToken cancellationToken, Action<int, CancellationToken> body)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1;
        Exception? first = null;
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(() =>
            {
                int item;
                while ((item = Interlocked.Increment(ref next)) < count && !failed.IsCancellationRequested)
                {
                    try { body(item, failed.Token); }
                    catch (Exception e)
                    {
                        // A cancellation caused by another member's failure is not a failure of its own.
                        if (!(e is OperationCanceledException && !cancellationToken.IsCancellationRequested && first is not null))
                            Interlocked.CompareExchange(ref first, e, null);
                        failed.Cancel();
                        return;
                    }
                }
            }) { IsBackground = true, Name = $"HybridRec member worker {w}" };
            threads[w].Start();
        }
        foreach (var t in threads) t.Join();
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Forwards reports from several threads one at a time.</summary>
    public sealed class SynchronisedProgress<TReport>(IProgress<TReport> inner) : IProgress<TReport>
    {
        private readonly Lock _gate = new();

        public void Report(TReport value)
        {
            lock (_gate) inner.Report(value);
        }
    }
}
