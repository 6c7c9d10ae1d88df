using HybridRec.Data.Synthetic;
using Xunit;

namespace HybridRec.Data.Tests.Synthetic;

public sealed class OrderedParallelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Blocks_are_consumed_in_order_whatever_the_worker_count(int workers)
    {
        var consumed = new List<int>();
        OrderedParallel.Run(200, workers,
            produce: (_, i) =>
            {
                Thread.SpinWait((200 - i) * 50); // later blocks finish sooner
                return i * i;
            },
            consume: (i, value) =>
            {
                Assert.Equal(i * i, value);
                consumed.Add(i);
            },
            CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 200), consumed);
    }

    [Fact]
    public void A_producer_exception_surfaces_unchanged()
    {
        var e = Assert.Throws<InvalidDataException>(() => OrderedParallel.Run(100, 3,
            produce: (_, i) => i == 37 ? throw new InvalidDataException("block 37") : i,
            consume: (_, _) => { },
            CancellationToken.None));
        Assert.Equal("block 37", e.Message);
    }

    [Fact]
    public void A_consumer_exception_stops_the_workers()
    {
        int produced = 0;
        Assert.Throws<InvalidOperationException>(() => OrderedParallel.Run(10_000, 2,
            produce: (_, i) => Interlocked.Increment(ref produced),
            consume: (i, _) =>
            {
                if (i == 5) throw new InvalidOperationException();
            },
            CancellationToken.None));
        Assert.True(Volatile.Read(ref produced) < 100, $"{produced} blocks produced after the failure");
    }

    [Fact]
    public void Cancellation_stops_the_run()
    {
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => OrderedParallel.Run(10_000, 2,
            produce: (_, i) => i,
            consume: (i, _) =>
            {
                if (i == 3) cts.Cancel();
            },
            cts.Token));
    }
}
