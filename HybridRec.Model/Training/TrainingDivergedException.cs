namespace HybridRec.Model.Training;

/// <summary>
/// Training stopped because an ensemble member diverged: its training loss became NaN or infinite, or one of its
/// parameters NaN, infinite or larger than ±10⁶ in magnitude (where predictions could overflow; no converging run comes
/// near it). Both are checked after every epoch, refit epochs included, on every backend, so no broken model is returned. The
/// message names the member, the epoch and what went wrong, e.g.
/// <c>training diverged: ensemble member 2/10, epoch 3: the training loss is NaN; lower the learning rate (now 0.5).</c>
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    internal TrainingDivergedException(int member, int members, int epoch, bool refit, string reason, float learningRate)
        : base($"training diverged: ensemble member {member + 1}/{members}, {(refit ? "refit epoch" : "epoch")} {epoch}: {reason}; " +
               $"lower the learning rate (now {learningRate:G4}).")
    {
        Member = member;
        Epoch = epoch;
        Refit = refit;
        Reason = reason;
    }

    /// <summary>The 0-based ensemble member that diverged (the message counts from 1).</summary>
    public int Member { get; }

    /// <summary>The 1-based epoch after which the divergence was found (of the refit when <see cref="Refit"/>).</summary>
    public int Epoch { get; }

    /// <summary>Whether it happened while refitting on all training ratings (<see cref="TrainingOptions.RefitOnAllData"/>).</summary>
    public bool Refit { get; }

    /// <summary>What went wrong: the loss, or a parameter named by slice, row and column (e.g. <c>parameter item_cf[12, 3] is NaN</c>).</summary>
    public string Reason { get; }
}
