#!/usr/bin/env bash
# Issue 4 on a lent GPU in ONE device call: build the latent cache there, train the toy teacher for a wall-time budget,
# run ms-eval's 16-clip protocol on it, and bring back the checkpoint, its log and the table.
#
# Why: on the 2-core CPU a teacher step at 81 frames takes 4-5 s (batch 8, patch 2), so a working session trains about
# 1,500 steps; a lent H200 (15 minutes of device time per session, start-up included) does many times that in minutes.
#
# Steps, for a session whose `status` says a machine is lent (can_start_another: true):
#   1. here:   bash tools/gpu_teacher.sh prepare
#              The device call sends the working tree, which must stay under 64 MiB, and checkpoints/retrain holds
#              ~150 MB; this moves everything in it but the VAE and the INIT teacher, and the shipped checkpoints/*.safetensors
#              (~40 MB, not used by the run), to $BAK [/tmp/ms_retrain_bak], and
#              downloads fastcore (the one requirement the device image lacks) as a wheel into .whl/ (git-ignored).
#   2. device: run(command="PYTHONUNBUFFERED=1 MINUTES=5 bash tools/gpu_teacher.sh run", carry=[".whl"], timeout_s=560)
#              About 1 min to build the cache (rendering in 14 processes), 0.5 min to calibrate, MINUTES of training,
#              1-3 min of ms-eval. Everything it brings back lies in $OUT (at most 8 files under 16 MiB each).
#   3. here:   bash tools/gpu_teacher.sh restore     (puts the moved files back; they are all in git, so `git checkout -- checkpoints`
#              restores them too if $BAK is lost)
#   4. here:   python tools/renoise_probe.py <returned teacher> ... and the 16-clip table are the results to record.
# On a CPU, `SMOKE=1 bash tools/gpu_teacher.sh run` runs the same path with tiny settings (8 clips, 2 eval clips, 4 sampling steps).
#
# Settings (environment, defaults in brackets):
#   INIT [teacher81p1] run folder under checkpoints/retrain whose toy_teacher/toy_text it continues. The patch-1 teacher by
#                      default: the patch-2 `teacher81` is saturated (07c, fourteenth look: 200 more steps of batch 32 left
#                      its x0 error and its renoise probe unchanged, at the bound of copying whole 8x8-pixel tokens)
#   MINUTES [5]        training wall time     BATCH [32]   LR [3e-4]   CLIPS [1500]   WORKERS [12] batch threads
#   EXTRA ["--copy_weight 0.5 --copy_moved_only"]  more ms-train-teacher flags; the default keeps the copy loss teacher81p1 was
#                      trained with (EXTRA="" trains without it; e.g. EXTRA="--shift 1" for uniform training times)
#   EVAL_CLIPS [16]  EVAL_STEPS [50]  (decoded by checkpoints/retrain/vaedec/toy_vae.safetensors when it exists)   OUT [runs/gpu_out]   W [runs/gpu_work] scratch folder
set -euo pipefail
INIT=${INIT:-teacher81p1}; C=checkpoints/retrain; BAK=${BAK:-/tmp/ms_retrain_bak}
# the evaluation decodes with the VAE whose decoder was fine-tuned on 81-frame clips when it is carried (07c, twentieth look);
# its encoder is the VAE's own, so the latent cache and the teachers are the same either way
EVAL_VAE=$C/toy_vae.safetensors; [ -f "$C/vaedec/toy_vae.safetensors" ] && EVAL_VAE=$C/vaedec/toy_vae.safetensors
case "${1:-}" in
  prepare)
    mkdir -p "$BAK/retrain" "$BAK/shipped"
    for f in "$C"/*; do
      case "$(basename "$f")" in toy_vae.safetensors|vaedec|"$INIT") ;; *) mv "$f" "$BAK/retrain"/ ;; esac
    done
    mv checkpoints/*.safetensors "$BAK/shipped"/      # the shipped toy checkpoints: the run names its own files
    grep -qx '/.whl/' .git/info/exclude 2>/dev/null || echo '/.whl/' >> .git/info/exclude
    v=$(python3 -c "import fastcore; print(fastcore.__version__)")
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp -d .whl "fastcore==$v"
    echo "kept in $C: $(ls "$C" | tr '\n' ' '); moved the rest to $BAK"
    echo "what travels (tracked and untracked files, must be under 64 MiB):"
    git ls-files -co --exclude-standard -z | du -ch --files0-from=- 2>/dev/null | tail -1; du -sh .whl ;;
  restore)
    [ -d "$BAK/retrain" ] && mv "$BAK/retrain"/* "$C"/ && mv "$BAK/shipped"/* checkpoints/ && rm -r "$BAK"
    git status --short checkpoints ;;
  run)
    O=${OUT:-runs/gpu_out}; W=${W:-runs/gpu_work}; mkdir -p "$O" "$W"
    if ls .whl/*.whl >/dev/null 2>&1; then
      python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
      export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
    fi
    export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}
    if [ -n "${SMOKE:-}" ]; then CLIPS=${CLIPS:-8}; MINUTES=${MINUTES:-0.2}; BATCH=${BATCH:-2}; WORKERS=${WORKERS:-2}
      EVAL_CLIPS=${EVAL_CLIPS:-2}; EVAL_STEPS=${EVAL_STEPS:-4}; CW=1; CAL=3; THREADS=2; else CW=14; CAL=12; THREADS=4; fi
    CLIPS=${CLIPS:-1500}; MINUTES=${MINUTES:-5}; BATCH=${BATCH:-32}; WORKERS=${WORKERS:-12}; LR=${LR:-3e-4}
    [ -n "${EXTRA+set}" ] || EXTRA="--copy_weight 0.5 --copy_moved_only"       # unset: the default; set but empty: none
    EVAL_CLIPS=${EVAL_CLIPS:-16}; EVAL_STEPS=${EVAL_STEPS:-50}
    ms() { python3 tools/ms.py "$@"; }       # the console scripts without installing the package
    train() { ms ms-train-teacher --threads "$THREADS" --init "$C/$INIT/toy_teacher.safetensors" \
                --init_text "$C/$INIT/toy_text.safetensors" --vae "$C/toy_vae.safetensors" --cache "$W/latents" --clips "$CLIPS" \
                --batch "$BATCH" --lr "$LR" --workers "$WORKERS" --cache_workers "$CW" ${EXTRA:-} "$@"; }
    { date; python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.cuda.get_device_name() if torch.cuda.is_available() else '')"
      t0=$(date +%s)
      # 1. calibrate: CAL steps (the cache is built first), then as many steps as fit in MINUTES at the measured pace
      rm -rf "$W/calib"; train --out "$W/calib" --steps "$CAL" --save_every "$CAL"
      STEPS=$(python3 - "$W/calib/log.jsonl" "$MINUTES" <<'EOF'
import json, sys
t = [json.loads(l)['time'] for l in open(sys.argv[1]) if l.strip()]
k = max(1, len(t) // 3); per = (t[-1] - t[k - 1]) / (len(t) - k)     # seconds per step after the first third (warm-up)
print(max(10, int(float(sys.argv[2]) * 60 / per)))
EOF
)
      echo "cache + calibration: $(( $(date +%s) - t0 )) s; training $STEPS steps of $BATCH in about $MINUTES min"
      # 2. train (the same budget as a hard stop, plus 10 %, in case the pace drops)
      train --out "$W/teacher" --steps "$STEPS" --save_every 500 --minutes "$(python3 -c "print(round($MINUTES * 1.1, 2))")"
      echo "training done: $(( $(date +%s) - t0 )) s"
      # 3. the protocol of issue 4
      ms ms-eval --threads "$THREADS" --dit "$W/teacher/toy_teacher.safetensors" --text "$W/teacher/toy_text.safetensors" \
        --vae "$EVAL_VAE" --out "$W/eval" --clips "$EVAL_CLIPS" --steps "$EVAL_STEPS" --tracker lk
      echo "all done: $(( $(date +%s) - t0 )) s"
    } 2>&1 | tee "$O/run.log"
    # 4. what comes back (at most 8 files, each under 16 MiB): the teacher in float16 (12 MB), its text encoder, log, plot, table
    python3 -c "import sys, torch; from motionstream.dit import load_dit, save_dit; from motionstream.core import load_tensors
meta = {k: v for k, v in load_tensors(sys.argv[1], 'cpu')[1].items() if k not in ('dit', 'stored')}
save_dit(load_dit(sys.argv[1]), sys.argv[2], dtype=torch.float16, stored='float16 copy of the GPU run', **meta)" \
      "$W/teacher/toy_teacher.safetensors" "$O/toy_teacher.safetensors"
    cp "$W/teacher/toy_text.safetensors" "$W/teacher/log.jsonl" "$W/teacher/loss.png" "$W/eval/table.md" "$W/eval/results.json" "$O"/
    ls -la "$O" ;;
  *) echo "usage: bash tools/gpu_teacher.sh prepare|run|restore (see the comments at the top)" >&2; exit 2 ;;
esac
