namespace HybridRec.Model.Training;

/// <summary>What <see cref="HybridTrainer"/>.Train returns.</summary>
public sealed class TrainingResult
{
    internal TrainingResult(HybridModel model, IReadOnlyList<EpochSummary> history, IReadOnlyList<int> bestEpochs, bool stoppedEarly, TimeSpan trainTime,
        long samplesTrained, int trainSamples, int validationSamples, string backend, string device, int concurrentMembers = 1, IReadOnlyList<string>? warnings = null,
        IReadOnlyList<TimeSpan>? memberTrainTimes = null, IReadOnlyList<long>? memberSamplesTrained = null, IReadOnlyList<double?>? memberRankingLosses = null)
    {
        MemberRankingLosses = memberRankingLosses ?? [];
        Warnings = warnings ?? [];
        MemberTrainTimes = memberTrainTimes ?? [trainTime];
        MemberSamplesTrained = memberSamplesTrained ?? [samplesTrained];
        Model = model;
        History = history;
        BestEpochs = bestEpochs;
        StoppedEarly = stoppedEarly;
        TrainTime = trainTime;
        SamplesTrained = samplesTrained;
        TrainSamples = trainSamples;
        ValidationSamples = validationSamples;
        Backend = backend;
        Device = device;
        ConcurrentMembers = concurrentMembers;
    }

    /// <summary>
    /// Per ensemble member with a ranking head, the mean sampled-softmax cross-entropy per training sample of the last epoch
    /// that trained the head (the refit's last epoch when it refits, else the last epoch on its fitting part); empty without a head.
    /// </summary>
    public IReadOnlyList<double?> MemberRankingLosses { get; }

    /// <summary>The trained model (best epoch's parameters when restoring was asked for).</summary>
    public HybridModel Model { get; }

    /// <summary>One summary per epoch trained, of every ensemble member in turn (see <see cref="EpochSummary.Member"/>).</summary>
    public IReadOnlyList<EpochSummary> History { get; }

    /// <summary>The epochs of the first member (the whole history of a single model).</summary>
    public IReadOnlyList<EpochSummary> FirstMemberHistory => History.Where(h => h.Member == 0).ToList();

    /// <summary>1-based epoch whose parameters the first member holds (the best validation epoch when restoring).</summary>
    public int BestEpoch => BestEpochs[0];

    /// <summary>Per ensemble member, the 1-based epoch whose parameters it holds.</summary>
    public IReadOnlyList<int> BestEpochs { get; }

    /// <summary>Whether early stopping ended training of any member before the planned epochs.</summary>
    public bool StoppedEarly { get; }

    /// <summary>
    /// The wall time of training: from the first member's start to the last member's end, whatever the schedule (members
    /// in turn or concurrently), with everything training did in between (validation passes, epoch plans, refits).
    /// </summary>
    public TimeSpan TrainTime { get; }

    /// <summary>Training samples processed by all members (their epochs' and their refits' samples).</summary>
    public long SamplesTrained { get; }

    /// <summary>Training throughput: <see cref="SamplesTrained"/> / <see cref="TrainTime"/> (samples per second of wall time).</summary>
    public double SamplesPerSecond => TrainTime.TotalSeconds > 0 ? SamplesTrained / TrainTime.TotalSeconds : 0;

    /// <summary>Per ensemble member, the summed time of its training steps (its epochs' and its refit's batches; validation passes excluded).</summary>
    public IReadOnlyList<TimeSpan> MemberTrainTimes { get; }

    /// <summary>Per ensemble member, the training samples it processed (its epochs' and its refit's).</summary>
    public IReadOnlyList<long> MemberSamplesTrained { get; }

    /// <summary>
    /// The throughput of one member's training steps: all members' samples over all members' step time
    /// (Σ <see cref="MemberSamplesTrained"/> / Σ <see cref="MemberTrainTimes"/>). Members training at the same time
    /// share the processor, so this is lower than one member alone would reach; with several at a time
    /// <see cref="SamplesPerSecond"/> can exceed it.
    /// </summary>
    public double StepSamplesPerSecond
    {
        get
        {
            double seconds = MemberTrainTimes.Sum(t => t.TotalSeconds);
            return seconds > 0 ? MemberSamplesTrained.Sum() / seconds : 0;
        }
    }

    /// <summary>Samples used for gradient steps (per member).</summary>
    public int TrainSamples { get; }

    /// <summary>Samples held out for validation (per member).</summary>
    public int ValidationSamples { get; }

    /// <summary>Backend name (<c>cpu</c>, <c>cuda</c>, …).</summary>
    public string Backend { get; }

    /// <summary>The device that ran training, in words.</summary>
    public string Device { get; }

    /// <summary>
    /// What the run could not do as asked but did not need to stop for, in words (e.g. a validation part that rounded
    /// to no ratings while nothing depended on it, so no epoch was validated). Empty when all went as asked.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>How many ensemble members trained at the same time (1: in turn).</summary>
    public int ConcurrentMembers { get; }
}
