#!/usr/bin/env bash
# Runs on the GPU machine (no .NET needed): unpacks the published bundle, prints the accelerator, runs the
# kernel checks and the CUDA tests against the CPU reference, trains the main job on CUDA, generates a
# synthetic ml-25m-sized dataset and measures throughput per batch size. Every stage has its own time limit
# and log; a failing stage does not stop the others. Logs go to $OUT (or ./gpu-out).
# Usage (from the repository root there): bash scripts/gpu/run.sh [.gpu/hybridrec-linux-x64.tar.xz]
set -uo pipefail
bundle=${1:-.gpu/hybridrec-linux-x64.tar.xz}
out=${OUT:-$PWD/gpu-out}
mkdir -p "$out"
work=/tmp/hybridrec
rm -rf "$work" && mkdir -p "$work" && tar -C "$work" -xJf "$bundle"
app=$work/app
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_gcServer=0 HYBRIDREC_DEBUG=1
stage() { # name, limit (s), command...
  local name=$1 limit=$2; shift 2
  echo "=== $name ($(date +%T), limit ${limit}s)"
  local t0=$SECONDS
  timeout "$limit" "$@" > "$out/$name.log" 2>&1
  local rc=$?
  tail -n "${TAIL:-25}" "$out/$name.log"
  echo "=== $name: exit $rc in $((SECONDS - t0)) s"
}
stage 01-nvidia-smi 30 nvidia-smi
stage 02-device-info 60 "$app/HybridRec.Bench" device-info
stage 03-check-kernels 180 "$app/HybridRec.Bench" check-kernels --backend cuda --large
TAIL=12 stage 04-kernel-tests 240 "$app/HybridRec.Kernels.Tests" -trait Category=Cuda
TAIL=12 stage 05-model-tests 240 "$app/HybridRec.Model.Tests" -trait Category=Cuda
stage 06-movielens-cuda 180 "$app/HybridRec.Bench" movielens --backend cuda --preset seed --epochs 5 --report "$out/movielens-cuda.json"
stage 07-movielens-cpu 180 "$app/HybridRec.Bench" movielens --backend cpu --preset seed --epochs 5 --report "$out/movielens-cpu.json"
stage 08-synth 240 "$app/HybridRec.Bench" synth --out /tmp/ml-synth-25m
stage 09-movielens-25m-cuda 300 "$app/HybridRec.Bench" movielens --data /tmp/ml-synth-25m --backend cuda --preset seed --adam lazy --epochs 1 --batch-size 1048576 --min-tag-count 200 --no-ranking --report "$out/movielens-25m-cuda.json"
stage 10-throughput-cuda 420 "$app/HybridRec.Bench" throughput --backends cuda --data /tmp/ml-synth-25m --min-tag-count 200 --adam lazy,dense --out "$out/throughput"
ls -la "$out"
