#!/usr/bin/env bash
# GPU check of the ONNX sentence encoders: `jobrec bench text` on CUDA and on the CPU, both lines printed.
#
#   deploy/gpu-check.sh bundle [DIR]   on a machine with the .NET SDK and the NuGet copy (this one): publishes the GPU
#                                      variant (-p:JobRecGpu=true: Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0) self-contained
#                                      for linux-x64 into DIR (default out/gpu-check) with the two ONNX models (from the
#                                      model cache, run deploy/setup.sh first) and the O*NET titles the benchmark reads.
#   DIR/gpu-check.sh                   on the GPU machine (no SDK, no internet needed): runs the benchmark with
#                                      --encoder-execution cuda, then cpu, and prints the two sets of `text:` lines.
#   deploy/gpu-check.sh all            both steps on one machine that has the SDK and a GPU.
#
# What the GPU machine must have (the NuGet package does not carry it; checked with readelf on the 1.32.0 provider):
# an NVIDIA driver new enough for CUDA 13 (libcuda.so.1), the CUDA 13 runtime libraries libcudart.so.13, libcublas.so.13,
# libcublasLt.so.13 and libcurand.so.10, and cuDNN 9 (loaded at run time), all on the library path (LD_LIBRARY_PATH).
# Without them the cuda run stops with "CUDA was required ... Failed to load shared library" and the cpu run still works.
# Size: the bundle is about 600 MB, not tens of MiB: libonnxruntime_providers_cuda.so alone is 277 MB, libonnxruntime.so
# 37 MB, the two models 181 MB, the self-contained .NET runtime and jobrec ~100 MB; trimming cannot shrink the native
# provider, so plan to copy ~600 MB (or ~420 MB without the models, if the GPU machine gets them another way).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${JOBREC_CACHE:-$HOME/.cache/jobrec}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Inside a bundle (app/ beside this script) the default is to run; in the repository, to bundle and run.
if [ -x "$here/app/jobrec" ]; then mode="${1:-run}"; else mode="${1:-all}"; fi
dir="${2:-$root/out/gpu-check}"

bundle() {
  (cd "$cache/models" && sha256sum --quiet -c "$root/deploy/models.sha256") || {
    echo "gpu-check: the ONNX models in $cache/models are missing or corrupt; run deploy/setup.sh" >&2; exit 1; }
  rm -rf "$dir"
  mkdir -p "$dir/cache/models" "$dir/data/onet"
  echo "gpu-check: publishing the GPU variant into $dir/app (restores Microsoft.ML.OnnxRuntime.Gpu.Linux, ~550 MB, once)"
  dotnet publish "$root/src/JobRec.Cli/JobRec.Cli.csproj" -c Release -r linux-x64 --self-contained -p:JobRecGpu=true \
    -o "$dir/app" -v q -clp:ErrorsOnly -nologo
  cp -r "$cache/models/minilm" "$cache/models/arctic-xs" "$dir/cache/models/"
  local onet="${JOBREC_SHARED_DATA:-$root/../shared/data}/onet"
  cp "$onet/ONET.OccupationData.tsv" "$onet/ONET.AlternateTitles.tsv" "$dir/data/onet/"
  cp "$root/deploy/gpu-check.sh" "$dir/gpu-check.sh"
  echo "gpu-check: bundle ready: $(du -sh "$dir" | cut -f1) in $dir; copy it to the GPU machine and run $dir/gpu-check.sh there"
}

run() {
  local here="$1"
  for execution in cuda cpu; do
    echo "gpu-check: jobrec bench text on $execution"
    JOBREC_CACHE="$here/cache" "$here/app/jobrec" bench text --skip-vectors --encoders minilm,arctic-xs \
      --encoder-execution "$execution" --onet "$here/data/onet" --titles 4000 --descriptions 200 || {
      echo "gpu-check: the $execution run failed (see above)" >&2; [ "$execution" = cpu ] && exit 1; }
  done
}

case "$mode" in
  bundle) bundle ;;
  all) bundle; run "$dir" ;;
  run)
    [ -x "$here/app/jobrec" ] || { echo "gpu-check: run works inside a bundle (deploy/gpu-check.sh bundle makes one)" >&2; exit 2; }
    run "$here" ;;
  *) echo "usage: deploy/gpu-check.sh bundle [DIR] | all [DIR]; or DIR/gpu-check.sh inside a bundle" >&2; exit 2 ;;
esac
