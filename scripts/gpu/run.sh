#!/usr/bin/env bash
# Runs on the GPU machine (no .NET needed): unpacks the bundle made by publish.sh, prints the accelerator,
# runs the kernel checks and the CUDA tests against the CPU reference, trains the main job on CUDA (and on
# the CPU backend for comparison), generates a synthetic ml-25m-sized dataset, trains an epoch of it on CUDA
# and measures throughput per batch size. Each stage has its own time limit and log; a failing stage does not
# stop the others. Everything ends up in $OUT/gpu-results.tgz (or ./gpu-out/).
# Usage, from the repository root on the GPU machine: bash scripts/gpu/run.sh [.gpu/hybridrec-linux-x64.tar.xz]
# STAGES="02 09 10" bash scripts/gpu/run.sh runs only the stages with those numbers.
set -uo pipefail
bundle=${1:-.gpu/hybridrec-linux-x64.tar.xz}
out=${OUT:-$PWD/gpu-out}
mkdir -p "$out"
work=/tmp/hybridrec
rm -rf "$work" && mkdir -p "$work/logs" && tar -C "$work" -xJf "$bundle"
app=$work/app
logs=$work/logs
export DOTNET_CLI_TELEMETRY_OPTOUT=1 HYBRIDREC_DEBUG=1
stage() { # name, limit in seconds, command...  (STAGES="02 05 09" runs only those numbers)
  local name=$1 limit=$2; shift 2
  if [[ -n "${STAGES:-}" && " $STAGES " != *" ${name%%-*} "* ]]; then return; fi
  echo "=== $name ($(date +%T), limit ${limit}s)"
  local t0=$SECONDS
  timeout "$limit" "$@" > "$logs/$name.log" 2>&1
  local rc=$?
  tail -n "${TAIL:-6}" "$logs/$name.log" | cut -c1-220
  echo "=== $name: exit $rc in $((SECONDS - t0)) s"
}
stage 01-nvidia-smi 20 nvidia-smi
TAIL=4 stage 02-device-info 40 "$app/HybridRec.Bench" device-info
TAIL=3 stage 03-check-kernels 90 "$app/HybridRec.Bench" check-kernels --backend cuda --cases 5
TAIL=3 stage 04-kernel-tests-cuda 120 "$app/HybridRec.Kernels.Tests" -trait Category=Cuda -parallelMode none
TAIL=3 stage 05-model-tests-cuda 60 "$app/HybridRec.Model.Tests" -trait Category=Cuda -parallelMode none
TAIL=12 stage 06-movielens-cuda 90 "$app/HybridRec.Bench" movielens --backend cuda --preset seed --epochs 5 --report "$logs/movielens-cuda.json"
TAIL=4 stage 07-movielens-cpu 60 "$app/HybridRec.Bench" movielens --backend cpu --preset seed --epochs 5 --report "$logs/movielens-cpu.json"
TAIL=3 stage 08-synth-25m 90 "$app/HybridRec.Bench" synth --out /tmp/ml-synth-25m
TAIL=10 stage 09-movielens-25m-cuda 150 "$app/HybridRec.Bench" movielens --data /tmp/ml-synth-25m --backend cuda --preset seed --adam lazy --epochs 3 --batch-size 1048576 --min-tag-count 200 --no-ranking --report "$logs/movielens-25m-cuda.json"
TAIL=26 stage 10-throughput-cuda 200 "$app/HybridRec.Bench" throughput --backends cuda --data /tmp/ml-synth-25m --min-tag-count 200 --adam lazy,dense --batch-sizes 256,4096,65536,262144,1048576 --out "$logs/throughput"
TAIL=30 stage 11-kernel-timings-cuda 150 "$app/HybridRec.Kernels.Tests" -trait Category=CudaLarge -parallelMode none -showLiveOutput
TAIL=22 stage 12-profile-step-cuda 90 "$app/HybridRec.Bench" profile-step --backend cuda --data /tmp/ml-synth-25m --min-tag-count 200 --batch-size 1048576 --adam lazy --steps 20
# Issue 10 (ranking head): the tuned default with its ranking head on CUDA and, on the same split and seed, on the host's
# CPU backend; then the seed preset's training throughput at batch 1024 with the head off and on, on both backends.
TAIL=14 stage 13-movielens-tuned-cuda 200 "$app/HybridRec.Bench" movielens --backend cuda --seed 1 --progress 0 --report "$logs/movielens-tuned-cuda.json"
TAIL=8 stage 14-movielens-tuned-cpu 150 "$app/HybridRec.Bench" movielens --backend cpu --seed 1 --progress 0 --report "$logs/movielens-tuned-cpu.json"
TAIL=8 stage 15-ranking-throughput 120 bash -c "for b in cuda cpu; do for loss in off softmax; do echo \$b \$loss; \
  '$app/HybridRec.Bench' movielens --preset seed --backend \$b --batch-size 1024 --epochs 10 --ranking-loss \$loss --no-ranking \
  --progress 0 --report '$logs'/tp-\$b-\$loss.json | grep -E '^training:'; done; done"
tar -C "$work" -czf "$out/gpu-results.tgz" logs
ls -la "$out"
