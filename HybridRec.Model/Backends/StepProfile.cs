using System.Diagnostics;
using System.Text;
using HybridRec.Kernels;

namespace HybridRec.Model.Backends;

/// <summary>Wall time per phase of the ILGPU training step, measured by synchronising after each phase.</summary>
internal sealed class StepProfile
{
    private readonly Dictionary<string, (double Ms, int Count)> _phases = [];
    private readonly List<string> _order = [];
    private readonly Stopwatch _clock = new();

    public void Restart(ComputeDevice device)
    {
        device.Synchronize();
        _clock.Restart();
    }

    public void Mark(string phase, ComputeDevice device)
    {
        device.Synchronize();
        double ms = _clock.Elapsed.TotalMilliseconds;
        _clock.Restart();
        if (!_phases.TryGetValue(phase, out var t)) _order.Add(phase);
        _phases[phase] = (t.Ms + ms, t.Count + 1);
    }

    /// <summary>A table of mean milliseconds per step and share, for <paramref name="steps"/> steps.</summary>
    public string Format(int steps)
    {
        double total = _phases.Values.Sum(v => v.Ms);
        var sb = new StringBuilder();
        sb.AppendLine($"{"phase",-36} {"ms/step",9} {"share",7}");
        foreach (var name in _order)
            sb.AppendLine($"{name,-36} {_phases[name].Ms / steps,9:0.000} {_phases[name].Ms / total,7:P1}");
        sb.Append($"{"total (synchronised after each phase)",-36} {total / steps,9:0.000}");
        return sb.ToString();
    }
}
