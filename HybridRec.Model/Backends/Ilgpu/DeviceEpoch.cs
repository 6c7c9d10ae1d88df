using HybridRec.Model.Training;
using ILGPU;
using ILGPU.Runtime;

namespace HybridRec.Model.Backends.Ilgpu;

/// <summary>
/// An epoch's samples and segment lists on the device, uploaded once per shuffle (plans of the same shape, such as
/// the trainer's two alternating plans, share the buffers), and the views of one batch into them.
/// </summary>
internal sealed class DeviceEpoch(DeviceMemory memory)
{
    private EpochPlan? _plan;
    private int _version = -1;
    private MemoryBuffer1D<int, Stride1D.Dense>? _users, _items;
    private MemoryBuffer1D<float, Stride1D.Dense>? _targets;
    private MemoryBuffer1D<int, Stride1D.Dense>? _candidates;          // (SampleCount·(1+k)) with a ranking head
    private MemoryBuffer1D<byte, Stride1D.Dense>? _candidateMask;      // (SampleCount·(1+k))
    private readonly DeviceSegments _userSegments = new(memory), _itemSegments = new(memory), _candidateSegments = new(memory);

    /// <summary>Uploads <paramref name="plan"/> unless it is the plan (and shuffle) already on the device.</summary>
    public void Ensure(EpochPlan plan)
    {
        if (ReferenceEquals(plan, _plan) && plan.Version == _version) return;
        if (_users is null || _users.Length != plan.SampleCount)
        {
            memory.Free(ref _users);
            memory.Free(ref _items);
            memory.Free(ref _targets);
            _users = memory.Allocate<int>(plan.SampleCount);
            _items = memory.Allocate<int>(plan.SampleCount);
            _targets = memory.Allocate<float>(plan.SampleCount);
        }
        _users.CopyFromCPU(plan.Users);
        _items!.CopyFromCPU(plan.Items);
        _targets!.CopyFromCPU(plan.Targets);
        _userSegments.Upload(plan.UserSegments);
        _itemSegments.Upload(plan.ItemSegments);
        if (plan.RankNegatives > 0) UploadCandidates(plan);
        _plan = plan;
        _version = plan.Version;
    }

    /// <summary>The views of batch <paramref name="batch"/> of the uploaded plan.</summary>
    public DeviceBatch Batch(EpochPlan plan, int batch)
    {
        Ensure(plan);
        int n = plan.BatchLength(batch);
        int start = plan.BatchStart(batch);
        DeviceCandidates? candidates = null;
        if (plan.RankNegatives > 0)
        {
            int width = 1 + plan.RankNegatives, entries = n * width;
            candidates = new DeviceCandidates(width, _candidates!.View.SubView((long)start * width, entries), _candidateMask!.View.SubView((long)start * width, entries),
                _candidateSegments.Batch(plan.CandidateSegments!, batch, entries));
        }
        return new DeviceBatch(n, _users!.View.SubView(start, n), _items!.View.SubView(start, n), _targets!.View.SubView(start, n),
            _userSegments.Batch(plan.UserSegments, batch, n), _itemSegments.Batch(plan.ItemSegments, batch, n), candidates);
    }

    /// <summary>The ranking head's candidates, mask and candidate segments (the buffers are kept while the sizes stay).</summary>
    private void UploadCandidates(EpochPlan plan)
    {
        if (plan.CandidateSegments is null) throw new ArgumentException("the plan has negatives but no candidate segments.", nameof(plan));
        if (_candidates is null || _candidates.Length != plan.Candidates.Length)
        {
            memory.Free(ref _candidates);
            memory.Free(ref _candidateMask);
            _candidates = memory.Allocate<int>(plan.Candidates.Length);
            _candidateMask = memory.Allocate<byte>(plan.CandidateMask.Length);
        }
        _candidates.CopyFromCPU(plan.Candidates);
        _candidateMask!.CopyFromCPU(plan.CandidateMask);
        _candidateSegments.Upload(plan.CandidateSegments);
    }

    /// <summary>The four arrays of one <see cref="SegmentTable"/> on the device.</summary>
    private sealed class DeviceSegments(DeviceMemory memory)
    {
        private MemoryBuffer1D<int, Stride1D.Dense>? _rows, _offsets, _samples, _segmentOf;

        public void Upload(SegmentTable table)
        {
            if (_rows is null || _rows.Length != table.Rows.Length || _offsets!.Length != table.Offsets.Length)
            {
                memory.Free(ref _rows);
                memory.Free(ref _offsets);
                memory.Free(ref _samples);
                memory.Free(ref _segmentOf);
                _rows = memory.Allocate<int>(table.Rows.Length);
                _offsets = memory.Allocate<int>(table.Offsets.Length);
                _samples = memory.Allocate<int>(table.Samples.Length);
                _segmentOf = memory.Allocate<int>(table.SegmentOf.Length);
            }
            _rows.CopyFromCPU(table.Rows);
            _offsets!.CopyFromCPU(table.Offsets);
            _samples!.CopyFromCPU(table.Samples);
            _segmentOf!.CopyFromCPU(table.SegmentOf);
        }

        public BatchRows Batch(SegmentTable table, int batch, int n)
        {
            int k = table.RowCounts[batch];
            int start = table.RowStart(batch);
            return new BatchRows(k, _rows!.View.SubView(start, k), _offsets!.View.SubView(table.OffsetStart(batch), k + 1),
                _samples!.View.SubView(start, n), _segmentOf!.View.SubView(start, n));
        }
    }
}

/// <summary>One batch on the device: <c>n</c> samples and the segment lists over their users and items (and the ranking head's candidates, when the plan has them).</summary>
internal readonly record struct DeviceBatch(int N, ArrayView<int> Users, ArrayView<int> Items, ArrayView<float> Targets, BatchRows UserRows, BatchRows ItemRows, DeviceCandidates? Candidates = null);

/// <summary>
/// A batch's ranking-head candidates: <see cref="Width"/> = 1 + k per sample (the positive first), their mask, and the
/// segment list over the batch's n·(1 + k) candidate entries.
/// </summary>
internal readonly record struct DeviceCandidates(int Width, ArrayView<int> Items, ArrayView<byte> Mask, BatchRows Rows);

/// <summary>The distinct rows of a batch (<see cref="Count"/> of them), their segment offsets, the ordered samples and each sample's segment.</summary>
internal readonly record struct BatchRows(int Count, ArrayView<int> Rows, ArrayView<int> Offsets, ArrayView<int> Samples, ArrayView<int> SegmentOf);
