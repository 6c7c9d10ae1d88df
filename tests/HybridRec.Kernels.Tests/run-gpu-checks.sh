#!/usr/bin/env bash
# GPU checks for HybridRec.Kernels, for a machine with an NVIDIA GPU and the .NET 10 SDK.
#   1. device info + every kernel property on CUDA (Category=Cuda: small and awkward shapes, ~25 cases each)
#   2. the self-test with GPU-sized cases and launch timings at B = 2^20 (Category=CudaLarge)
# Usage: tests/HybridRec.Kernels.Tests/run-gpu-checks.sh [quick]   ("quick" runs step 1 only)
# Exit status is non-zero if any test fails. Without CUDA the tests report "skipped", never "passed".
set -euo pipefail
cd "$(dirname "$0")/../.."
config=Release
dotnet build tests/HybridRec.Kernels.Tests -c "$config" -v quiet -nologo
exe=tests/HybridRec.Kernels.Tests/bin/$config/net10.0/HybridRec.Kernels.Tests
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
"$exe" -trait "Category=Cuda" -showLiveOutput -parallelMode none
if [[ "${1:-}" != "quick" ]]; then
  "$exe" -trait "Category=CudaLarge" -showLiveOutput -parallelMode none
fi
