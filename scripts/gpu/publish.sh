#!/usr/bin/env bash
# Publishes the bench and the kernel/model test executables self-contained for linux-x64 into one folder and
# packs it for a GPU machine without .NET: .gpu/hybridrec-linux-x64.tar.xz (git-ignored).
# Usage: scripts/gpu/publish.sh            (then carry .gpu/hybridrec-linux-x64.tar.xz and run scripts/gpu/run.sh there)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.gpu/app
rm -rf .gpu && mkdir -p "$out"
common=(-c Release -r linux-x64 --self-contained true -p:DebugType=none -p:GenerateDocumentationFile=false -o "$out")
dotnet publish HybridRec.Bench/HybridRec.Bench.csproj "${common[@]}"
# The test projects are xunit v3 executables: published next to the bench they share its runtime files.
dotnet publish tests/HybridRec.Kernels.Tests/HybridRec.Kernels.Tests.csproj "${common[@]}"
dotnet publish tests/HybridRec.Model.Tests/HybridRec.Model.Tests.csproj "${common[@]}"
cp scripts/gpu/run.sh "$out/"
tar -C .gpu -cJf .gpu/hybridrec-linux-x64.tar.xz app
ls -la .gpu/hybridrec-linux-x64.tar.xz
