#!/usr/bin/env bash
# For a person with an NVIDIA GPU and the CUDA Toolkit: builds lab-train with its CUDA path, trains
# the same short run with --device=cpu and --device=cuda, compares the logged metrics against the
# tolerance stated in trainer/engine.h and prints the timings. Exit code 0 when they agree.
#   trainer/gpu-check.sh                 (CUDA_ARCH=90 to build for one architecture only)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$src/build-gpu-check}
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLABCONSOLE_WITH_CUDA=ON \
    -DLABCONSOLE_BUILD_TESTS=OFF -DLABCONSOLE_BUILD_BENCH=OFF ${CUDA_ARCH:+-DCMAKE_CUDA_ARCHITECTURES=$CUDA_ARCH} >/dev/null
cmake --build "$build" --target lab-train
store=$(mktemp -d)
args=(--epochs=10 --samples=10000 --hidden-sizes=128,128 --batch-size=128 --seed=3)
export NVIDIA_TF32_OVERRIDE=0 # full float32 GEMMs, as lab-train asks for
for dev in cpu cuda; do
    start=$(date +%s%N)
    MLFLOW_TRACKING_URI="file:$store/mlruns" MLFLOW_EXPERIMENT_NAME="gpu-check-$dev" \
        "$build/trainer/lab-train" "${args[@]}" --device=$dev >"$store/$dev.log"
    printf '%-4s %6d ms  %s\n' "$dev" $((($(date +%s%N) - start) / 1000000)) "$(grep '^Device:' "$store/$dev.log")"
done

# The run folder of each experiment: mlruns/<experiment id>/<run id>/
run_dir() {
    local exp
    exp=$(dirname "$(grep -l "^name: gpu-check-$1\$" "$store"/mlruns/*/meta.yaml)")
    for d in "$exp"/*/; do if [ -f "$d/meta.yaml" ]; then echo "${d%/}"; fi; done
}
cpu=$(run_dir cpu); gpu=$(run_dir cuda)
first() { head -n1 "$1/metrics/$2" | awk '{print $2}'; }
last() { tail -n1 "$1/metrics/$2" | awk '{print $2}'; }
ok=1
check() { # name cpu gpu kind(rel|abs) tolerance
    local verdict
    verdict=$(awk -v a="$2" -v b="$3" -v k="$4" -v t="$5" 'BEGIN {
        d = a - b; if (d < 0) d = -d; if (k == "rel") d = d / (a < 0 ? -a : a); print (d <= t ? "ok" : "DIFFERS") }')
    printf '%-22s cpu %-12s cuda %-12s %s %s (%s)\n' "$1" "$2" "$3" "$4" "$5" "$verdict"
    [ "$verdict" = ok ] || ok=0
}
check "first train_loss" "$(first "$cpu" train_loss)" "$(first "$gpu" train_loss)" rel 1e-5
check "final val_loss" "$(last "$cpu" val_loss)" "$(last "$gpu" val_loss)" rel 1e-2
check "final val_accuracy" "$(last "$cpu" val_accuracy)" "$(last "$gpu" val_accuracy)" abs 0.01
ls "$gpu/metrics/system" 2>/dev/null | sed 's|^|logged: system/|'
[ -f "$gpu/metrics/system/gpu_0_utilization_percentage" ] || { echo "no system/gpu_0_* metrics logged"; ok=0; }
echo "logs and store: $store"
[ "$ok" = 1 ] && echo "CPU and CUDA agree" || { echo "CPU and CUDA differ beyond the stated tolerance"; exit 1; }
