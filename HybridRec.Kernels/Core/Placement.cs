using System.Runtime.InteropServices;

namespace HybridRec.Kernels;

// Kernels take their scalars in plain value-type argument blocks when they have more than ILGPU's 14-parameter
// launch delegates allow (and to keep launch signatures short); each family declares its own next to its kernels.
// All fields are set on the host by HybridKernels.

/// <summary>Row-major matrix placement: element (i, j) of a column range is at <c>i·Ld + Offset + j</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Placement
{
    public int Ld;
    public int Offset;

    public Placement(int ld, int offset)
    {
        Ld = ld;
        Offset = offset;
    }
}
