using System.Runtime.ExceptionServices;

namespace HybridRec.Data.Synthetic;

/// <summary>
/// Produces numbered blocks on worker threads and consumes them on the calling thread strictly in block order,
/// with a bounded number of blocks in flight. Workers take block numbers in increasing order, so the block the
/// consumer waits for is always taken or about to be taken: no deadlock, and the consumed sequence never
/// depends on the number of threads or on scheduling.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>
    /// Runs <paramref name="produce"/>(worker, block) for blocks 0..count-1 on <paramref name="workers"/> threads and
    /// <paramref name="consume"/>(block, result) in order on this thread. The first exception (or cancellation)
    /// stops everything and is rethrown after all workers have ended.
    /// </summary>
    public static void Run<T>(int count, int workers, Func<int, int, T> produce, Action<int, T> consume, CancellationToken ct)
    {
        if (count <= 0) return;
        workers = Math.Clamp(workers, 1, count);
        if (workers == 1)
        {
            for (int i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                consume(i, produce(0, i));
            }
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int inFlight = 2 * workers;
        using var window = new SemaphoreSlim(inFlight, inFlight);
        var slots = new TaskCompletionSource<T>[count];
        for (int i = 0; i < count; i++) slots[i] = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        int next = -1;
        ExceptionDispatchInfo? failure = null;

        var tasks = new Task[workers];
        for (int w = 0; w < workers; w++)
        {
            int worker = w;
            tasks[w] = Task.Factory.StartNew(() =>
            {
                try
                {
                    while (true)
                    {
                        window.Wait(cts.Token);
                        int i = Interlocked.Increment(ref next);
                        if (i >= count) return;
                        slots[i].SetResult(produce(worker, i));
                    }
                }
                catch (OperationCanceledException) when (cts.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    cts.Cancel();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            for (int i = 0; i < count; i++)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    slots[i].Task.Wait(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    Volatile.Read(ref failure)?.Throw();
                    ct.ThrowIfCancellationRequested();
                    throw;
                }
                T result = slots[i].Task.Result;
                slots[i] = null!;
                consume(i, result);
                window.Release();
            }
        }
        catch
        {
            cts.Cancel();
            throw;
        }
        finally
        {
            Task.WaitAll(tasks); // workers swallow their exceptions; this only waits
        }
    }
}
