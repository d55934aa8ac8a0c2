#!/usr/bin/env bash
# The toy pipeline from scratch, stage by stage, every stage resumable (re-run the same stage after a kill).
# Usage: bash tools/retrain_toy.sh STAGE [STAGE ...]   with STAGE in: vae gate vaedec vaeobj vaeobjlong pilot tiny tinydec teacher teacher_more teacher33 teacher81 teacher2 teacher33b teacher81b teacher2b teachercopy teachercopyb teachercopy2 repatch1 teacherp1 teacherp1b teacher81p1 teacher81p1b teachercrop teachercrop2 teachercrop3 teachercrop4 teachercrop5 teachersub teachersub2 teachersub3 teacherdeep gain eval verdict adapt distill collect student_eval bench ablate stream all
#        plus pack / unpack, which carry the run across machines through git (see below).
# Settings through the environment (defaults in brackets):
#   R [runs/retrain]       run folder for everything below
#   THREADS [2]            torch CPU threads
#   VAE_STEPS [6000] PILOT_STEPS [2000] PILOT_CLIPS [800] TINY_STEPS [1500] TEACHER_STEPS [4000] TEACHER_LR [1e-3]
#   TEACHER_MORE_STEPS [4000] TEACHER33_STEPS [3000] TEACHER81_STEPS [500] TEACHER2_STEPS [500] CLIPS [1500]
#   TEACHER33B_STEPS [2000] TEACHER81B_STEPS [500] TEACHER2B_STEPS [500] ADAPT_STEPS [1000] DISTILL_STEPS [500]
# `teacher_more` continues stage 1 from the finished `teacher` (its EMA weights, a fresh warm-up and cosine schedule): the first
# 4,000 steps underfit (notebook 07c, sixth look). Its gains flattened by step 2,700 of its 4,000-step schedule, so we stopped
# it there: `TEACHER_MORE_STEPS=2700 bash tools/retrain_toy.sh teacher_more` on its state at step 2,700 writes its checkpoint
# (07c, eighth look). `teacher33` restarts stage 1 from it on the first 33 frames of each clip (a fresh warm-up from lr 1e-3,
# 2-3x cheaper per step; copying along the tracks is the same skill in every frame), and `teacher81` takes that back to
# 81 frames. `teacher2` fine-tunes the latest stage-1 teacher (teacher81, else teacher33, teacher_more, teacher, the first
# that has finished). Its 16-clip `eval` did not pass (07c, ninth look), so stage 1 goes round once more: `teacher33b`
# (33 frames from teacher81), `teacher81b` (81 frames) and `teacher2b` (stage 2 from teacher81b). The stages after them
# use the newest stage-2 teacher that exists (teacher2b, else teacher2), else the latest stage-1 teacher.
# `teachercopy` stops those same-kind restarts: an attention probe (tools/attn_probe.py, 07c tenth look) found that no
# layer looks up a token's source in frame 0 (attention there at chance), so it trains on from teacher33b at 81 frames with
# the toy-scale copy loss of notebook 06b (COPY_WEIGHT [0.2], TEACHERCOPY_STEPS [600]) and a track head widened by
# WIDEN_TRACKS [64] channels that start as the tracks' raw identity codes, read by random patch-embedding weights, the loss on moved tokens only (06b);
# `teachercopyb` continues it (TEACHERCOPYB_STEPS [1500], lr 5e-4, COPY_WEIGHT_B [0.5]: the lookup was still being learnt);
# `teachercopy2` is the stage 2 of the newest of them
# (TEACHERCOPY2_STEPS [500], the copy loss kept). The copy teachers come first in what the later stages use.
# `teachercopyb` was stopped at step 700 (its checkpoint written with TEACHERCOPYB_STEPS=700): a bound in 07c (eleventh
# look) showed that even a perfect copy of the source *token* predicts a moved token no better than these patch-2 teachers
# do, because an 8x8-pixel token is coarser than the motion. `repatch1` converts it to a patch-1 DiT (tools/repatch.py;
# a token is then one latent pixel, 4x4 pixels, where copying along the tracks does beat them) and `teacherp1` trains that
# on the first 33 frames with the copy loss (TEACHERP1_STEPS [400], lr 5e-4, COPY_WEIGHT_B; ~11 s/step on 2 cores);
# `teacherp1b` continues it there (TEACHERP1B_STEPS [1000], lr 3e-4). At 81 frames a patch-1 step costs ~56 s on 2 cores
# (tools/bench_patch.py), so the 81-frame stage and the eval of a patch-1 teacher are for a GPU or several sessions.
# `teacher81p1` takes the patch-1 pilot (`teacherp1b` if finished, else `teacherp1`) to the 81 frames the evaluation uses
# (TEACHER81P1_STEPS [120], batch 4, lr 3e-4, the copy loss kept; ~28 s/step on 2 cores): the 33-frame pilot was no
# better than `teacher81` at 81 frames.
# `teacher81p1b` continues it at 81 frames on a long schedule (TEACHER81P1B_STEPS [1000], lr 3e-4, batch 4, saved every
# 20 steps): its 120-step schedule spent its second half at a low rate and gained little there, so this one is stopped
# once the moved-pixel x0 probe flattens, and its checkpoint written with TEACHER81P1B_STEPS=<the step it stopped at>.
# It was flat from the start (07c, thirteenth look: x0 at step 100 equal to teacher81p1's), so it was stopped at step 100
# and is not carried; tools/renoise_probe.py then showed that the samples lose the motion at low noise instead. It is left
# out of RUNS, so `pack` does not carry its unfinished state (38 MB, over the 20 MB a commit may hold).
# `teacher81big` (200 steps of batch 32 from teacher81, run by hand; 07c fourteenth look) left teacher81 unchanged: the patch-2
# teacher is saturated, so the next compute goes to the patch-1 teacher, on a lent GPU through tools/gpu_teacher.sh.
# `teachercrop` continues teacher81p1 at 81 frames on random 8x8 windows of latent cells (`ms-train-teacher --crop 8`;
# TEACHERCROP_STEPS [1200], batch 8, lr 3e-4, the copy loss kept; ~2.4 s/step on 2 cores where a whole-frame step of batch 8
# takes ~34 s, tools/bench_patch.py --crops). 07c fifteenth look: x0 at t = 1 10-18% below teacher81p1's, samples barely better (EPE 10.57 vs 10.77 px).
# `teachercrop2` continues teachercrop on the same windows (TEACHERCROP2_STEPS [2000], lr 3e-4; TEACHERCROP2_MINUTES stops it saved
# after that wall time, 82 in 07c's sixteenth look, at step 1,961): x0 at t = 1 15-24% lower, samples beat the still frame in frames 9-32.
# `teachercrop3` continues teachercrop2 with half of its windows placed on far moves (`--crop_far`, CROP_FAR [0.5]; TEACHERCROP3_STEPS
# [2000], TEACHERCROP3_MINUTES as above): its x0 on moved pixels whose source is over 3.5 cells away was worse than copying the source.
# 07c seventeenth look: x0 at t = 1 9-19% lower, samples beat the still frame on PSNR (4/4 clips), not yet on EPE (late frames).
# `teachercrop4` continues teachercrop3 the same way (TEACHERCROP4_STEPS [2000], TEACHERCROP4_MINUTES): the late frames still lose on EPE.
# `teachercrop5` continues teachercrop4 the same way (TEACHERCROP5_STEPS [2000], TEACHERCROP5_MINUTES): EPE 33-80 still loses to the still frame.
# 07c nineteenth look: run with TEACHERCROP5_STEPS=600 on a machine where a step took 4.4 s (2,000 steps no longer fit a session).
# `teachersub` continues teachercrop4 with half of its steps on whole frames (`--subset 5 --p_subset 0.5 --subset_t_min 0.6`:
# frame 0 and 4 random later latent frames of the 16x16 grid at their own RoPE positions, at t >= 0.6, about the cost of an
# 8x8 window) and the other half on teachercrop4's windows (TEACHERSUB_STEPS [2000], TEACHERSUB_MINUTES, P_SUBSET [0.5]):
# windows never show a move longer than 7 cells nor a whole frame's softmax, and the late frames lose at high noise (07c nineteenth look).
# 07c twenty-first look: run with TEACHERSUB_STEPS=450 (53 min on a 2-core CPU in float32): x0 at t = 1 on moved pixels 6-17% below
# teachercrop4's, samples 21.48 dB / EPE 9.17 px (teachercrop4 21.22 / 9.53), ahead of or level with the still frame in every frame range.
# `teachersub2` continues teachersub the same way with three quarters of its steps on whole-frame subsets (P_SUBSET2 [0.75],
# TEACHERSUB2_STEPS [450], TEACHERSUB2_MINUTES): teachersub's whole-frame loss was still falling at its last step.
# 07c twenty-second look: 61 min on a 2-core CPU in float32; x0 at t = 1 on moved pixels 1-8% below teachersub's, samples level with it.
# `teachersub3` continues teachersub2 the same way, drawing clips in proportion to how far they move for half of the
# probability (P_MOVING [0.5], `--p_moving`; TEACHERSUB3_STEPS [450], TEACHERSUB3_MINUTES): teachersub2 trails the VAE's
# reconstruction most on the clips that move most (07c twenty-third look), and many training clips hardly move.
# 07c twenty-fourth look: 50 min on a 2-core CPU in float32; x0 at t = 1 on moved pixels 0-5% below teachersub2's, samples on
# 8 test clips level with it (EPE 0.04 px worse, PSNR 0.17 dB better, neither interval clear of zero); not carried (`pack` skips it).
# `teacherdeep` asks whether the 6-block teacher is out of room: teachersub2 grown to 8 blocks (`--grow_layers 2`, notebook 05's
# `deepen`: copies of blocks 1 and 3 with zeroed output projections, the same function at step 0) and trained with teachersub2's
# own recipe (TEACHERDEEP_STEPS [450], TEACHERDEEP_MINUTES, GROW_LAYERS [2]). Its control is teachersub3: the same 450 steps on
# the 6-block teacher (with p_moving 0.5, which changed nothing), 0-5% on the x0 probe.
# 07c twenty-fifth look: run with TEACHERDEEP_STEPS=400 (54 min on a 2-core CPU in float32, 8.1 s/step); losses flat, x0 at t = 1
# on moved pixels level with teachersub3's; the new blocks' output projections grew to ~3% of an old block's; not carried.
# `vaedec` fine-tunes the decoder of $R/toy_vae.safetensors alone on 81-frame clips (`ms-train-vae --stage decoder`; VAEDEC_STEPS
# [800], VAEDEC_LR [3e-4], VAEDEC_MINUTES): the VAE was trained on 17-frame clips, and from latent frame ~11 of an 81-frame clip
# its decoder leaves what it trained on (07c twentieth look). The encoder is frozen, so the latent cache and the teachers stay valid.
# `vaeobj` fine-tunes the `vaedec` decoder again, alone, with the pixel loss weighted OBJECT_WEIGHT [10] times more on the sprites
# (`--object_weight`), on short clips in large batches (VAEOBJ_FRAMES [5], VAEOBJ_BATCH [8], VAEOBJ_STEPS [1200], VAEOBJ_LR [3e-4],
# VAEOBJ_MINUTES): `vaedec` turns the moving objects into colourless ghosts (07c twenty-sixth look), and a decoder fine-tuned
# alone on such batches brings them back (tools/decoder_probe.py), so the latents hold them. A first run on 81-frame clips of
# batch 1 (OBJECT_WEIGHT 5, 850 steps) moved the objects' error only from 34.6 to 32.0: one clip per step shows too few objects
# (07c twenty-seventh look). The encoder stays frozen, so the latent cache and the teachers stay valid.
# 07c twenty-seventh look: run with VAEOBJ_MINUTES=40 (stopped at step 950): the objects' error in frames 0 / 1-4 fell from
# 30.3 / 33.2 to 11.5 / 17.7, but trained on 5-frame clips the decoder drifts again in long clips (background error in frames
# 21-80 7.6 -> 17.7), which `vaedec` had cured. `vaeobjlong` continues it on 81-frame clips with the object weight
# (VAEOBJLONG_STEPS [800], VAEOBJLONG_LR [1e-4], VAEOBJLONG_MINUTES), to keep the objects and cure the drift again.
# `tinydec` does the same for the Tiny VAE (`ms-train-vae --stage tiny --init`, 81-frame clips; TINYDEC_STEPS [800], TINYDEC_LR
# [3e-4], TINYDEC_MINUTES): trained on 13-frame clips, it too decodes the late frames of a long clip ~2 dB worse than the same
# frames as a clip of their own (07c twentieth look).
# `eval` writes to $EVAL_OUT [$R/eval_teacher]; TEACHER=<run folder under $R> makes `gain`, `eval` and the student
# stages use that teacher instead of the newest patch-2 one (e.g. TEACHER=teacher81p1).
# It is the recipe of issue 4's next attempt: a stride-4 VAE trained for reconstruction only (16x16 latents at 64x64,
# which passes the latent gate of notebook 07c as it trains), then the Tiny VAE, the latent cache, the teacher with
# 250-625 tracks per clip, and the causal student. `collect` copies the run's checkpoints into $R/ckpts under their shipped
# names; the last four stages read them there (MOTIONSTREAM_CHECKPOINTS), so nothing in checkpoints/ changes until you copy them.
# On a GPU the ms-* commands use CUDA (and bf16) automatically. On a CPU without native bf16 (no AVX512-BF16 or AMX) their
# --bf16 is turned off with a warning: emulated there, it made a teacher step 17x slower (127 s against 7.5 s, 07c twenty-first look).
# The whole recipe takes more CPU hours than one working session, and $R is not in git. `pack` copies what the run has
# finished (the VAEs' and teachers' weights) into $CARRY [checkpoints/retrain] and packs the state of every unfinished
# training run there (`motionstream.train.loop.pack_state`: weights fp32, EMA fp16, no Adam moments, ~37 MB for the
# teacher); commit that folder. On a fresh checkout `unpack` puts it all back into $R, and the stages resume. The latent
# cache is not carried (hundreds of MB): the teacher stage rebuilds it from the carried VAE (about 23 min on 2 cores).
set -euo pipefail
R=${R:-runs/retrain}; T=${THREADS:-2}
mkdir -p "$R"
C=${CARRY:-checkpoints/retrain}
# finished checkpoints that pack/unpack carry (paths under $R, without .safetensors)
CARRIED="toy_vae toy_tiny_vae vaedec/toy_vae tinydec/toy_tiny_vae teacher/toy_teacher teacher/toy_text teacher_more/toy_teacher teacher_more/toy_text teacher33/toy_teacher teacher33/toy_text teacher81/toy_teacher teacher81/toy_text teacher2/toy_teacher teacher2/toy_text teacher33b/toy_teacher teacher33b/toy_text teacher81b/toy_teacher teacher81b/toy_text teacher2b/toy_teacher teacher2b/toy_text teachercopy/toy_teacher teachercopy/toy_text teachercopyb/toy_teacher teachercopyb/toy_text teachercopy2/toy_teacher teachercopy2/toy_text teacherp1/toy_teacher teacherp1/toy_text teacherp1b/toy_teacher teacherp1b/toy_text teacher81p1/toy_teacher teacher81p1/toy_text teacher81p1b/toy_teacher teacher81p1b/toy_text teachercrop/toy_teacher teachercrop/toy_text teachercrop2/toy_teacher teachercrop2/toy_text teachercrop3/toy_teacher teachercrop3/toy_text teachercrop4/toy_teacher teachercrop4/toy_text teachercrop5/toy_teacher teachercrop5/toy_text teachersub/toy_teacher teachersub/toy_text teachersub2/toy_teacher teachersub2/toy_text adapt/toy_student_adapt distill/toy_student"
# stage run folder : the file it writes when finished (a finished run carries that file, an unfinished one its state)
RUNS="vae:toy_vae.safetensors vaedec:vaedec/toy_vae.safetensors tiny:toy_tiny_vae.safetensors tinydec:tinydec/toy_tiny_vae.safetensors teacher:teacher/toy_teacher.safetensors teacher_more:teacher_more/toy_teacher.safetensors teacher33:teacher33/toy_teacher.safetensors teacher81:teacher81/toy_teacher.safetensors teacher2:teacher2/toy_teacher.safetensors teacher33b:teacher33b/toy_teacher.safetensors teacher81b:teacher81b/toy_teacher.safetensors teacher2b:teacher2b/toy_teacher.safetensors teachercopy:teachercopy/toy_teacher.safetensors teachercopyb:teachercopyb/toy_teacher.safetensors teachercopy2:teachercopy2/toy_teacher.safetensors teacherp1:teacherp1/toy_teacher.safetensors teacherp1b:teacherp1b/toy_teacher.safetensors teacher81p1:teacher81p1/toy_teacher.safetensors teachercrop:teachercrop/toy_teacher.safetensors teachercrop2:teachercrop2/toy_teacher.safetensors teachercrop3:teachercrop3/toy_teacher.safetensors teachercrop4:teachercrop4/toy_teacher.safetensors teachercrop5:teachercrop5/toy_teacher.safetensors teachersub:teachersub/toy_teacher.safetensors teachersub2:teachersub2/toy_teacher.safetensors teachersub3:teachersub3/toy_teacher.safetensors teacherdeep:teacherdeep/toy_teacher.safetensors adapt:adapt/toy_student_adapt.safetensors distill:distill/toy_student.safetensors"
# the VAE that decodes for `eval` and the student stages: the one whose decoder was fine-tuned on 81-frame clips (`vaedec`)
# when it exists. Its encoder is $R/toy_vae.safetensors's, so the latent cache and every teacher are the same for both.
dvae() { [ -f "$R/vaedec/toy_vae.safetensors" ] && echo "$R/vaedec/toy_vae.safetensors" || echo "$R/toy_vae.safetensors"; }
# the same for the Tiny VAE (`tinydec`, fine-tuned on 81-frame clips), which `collect` ships to the student stages
dtiny() { [ -f "$R/tinydec/toy_tiny_vae.safetensors" ] && echo "tinydec/toy_tiny_vae" || echo "toy_tiny_vae"; }
s1dir() { for d in teacher81 teacher33 teacher_more; do [ -f "$R/$d/toy_teacher.safetensors" ] && { echo "$R/$d"; return; }; done; echo "$R/teacher"; }
tdir() { [ -n "${TEACHER:-}" ] && { echo "$R/$TEACHER"; return; }
         for d in teachercopy2 teachercopyb teachercopy teacher2b teacher2; do [ -f "$R/$d/toy_teacher.safetensors" ] && { echo "$R/$d"; return; }; done; s1dir; }
# s1 OUT FROM STEPS LR [ARGS]: a teacher run $R/OUT that starts from the finished $R/FROM (a fresh warm-up and cosine schedule)
s1() { ms-train-teacher --init "$R/$2/toy_teacher.safetensors" --init_text "$R/$2/toy_text.safetensors" --vae "$R/toy_vae.safetensors" \
         --cache "$R/latents" --clips "${CLIPS:-1500}" --out "$R/$1" --steps "$3" --batch 8 --lr "$4" --bf16 --threads "$T" \
         --save_every 100 "${@:5}"; }
stage() {
  case "$1" in
    vae)      ms-train-vae --stage vae --stride 4 --dim 16 --frames 17 --batch 2 --lr 3e-4 --steps "${VAE_STEPS:-6000}" \
                --out "$R/vae" --ckpt "$R/toy_vae.safetensors" --threads "$T" --save_every 100 ;;
    gate)     python - "$R/toy_vae.safetensors" <<'EOF'
import sys
from motionstream.vae import load_vae
from motionstream.eval import latent_gate, motion_transfer_set
vae = load_vae(sys.argv[1])
g = latent_gate(vae.encode, motion_transfer_set(16, 'val', 33), vae.config.stride_s)
print('latent gate (warp vs repeat from latent frame 0, 16 val clips):', {k: (round(v, 3) if isinstance(v, float) else v) for k, v in g.items()})
EOF
              ;;
    vaedec)   ms-train-vae --stage decoder --init "$R/toy_vae.safetensors" --out "$R/vaedec" --ckpt "$R/vaedec/toy_vae.safetensors" \
                --frames 81 --batch 1 --lr "${VAEDEC_LR:-3e-4}" --steps "${VAEDEC_STEPS:-800}" --save_every 50 --threads "$T" \
                ${VAEDEC_MINUTES:+--minutes "$VAEDEC_MINUTES"} ;;
    vaeobj)   ms-train-vae --stage decoder --init "$R/vaedec/toy_vae.safetensors" --out "$R/vaeobj" --ckpt "$R/vaeobj/toy_vae.safetensors" \
                --frames "${VAEOBJ_FRAMES:-5}" --batch "${VAEOBJ_BATCH:-8}" --lr "${VAEOBJ_LR:-3e-4}" --object_weight "${OBJECT_WEIGHT:-10}" \
                --steps "${VAEOBJ_STEPS:-1200}" --save_every 50 --threads "$T" ${VAEOBJ_MINUTES:+--minutes "$VAEOBJ_MINUTES"} ;;
    vaeobjlong) ms-train-vae --stage decoder --init "$R/vaeobj/toy_vae.safetensors" --out "$R/vaeobjlong" --ckpt "$R/vaeobjlong/toy_vae.safetensors" \
                --frames 81 --batch 1 --lr "${VAEOBJLONG_LR:-1e-4}" --object_weight "${OBJECT_WEIGHT:-10}" \
                --steps "${VAEOBJLONG_STEPS:-800}" --save_every 50 --threads "$T" ${VAEOBJLONG_MINUTES:+--minutes "$VAEOBJLONG_MINUTES"} ;;
    tinydec)  ms-train-vae --stage tiny --init "$R/toy_tiny_vae.safetensors" --vae "$R/toy_vae.safetensors" --out "$R/tinydec" \
                --ckpt "$R/tinydec/toy_tiny_vae.safetensors" --frames 81 --batch 1 --lr "${TINYDEC_LR:-3e-4}" --adv_weight 0 \
                --adv_start 1000000000 --steps "${TINYDEC_STEPS:-800}" --save_every 50 --threads "$T" ${TINYDEC_MINUTES:+--minutes "$TINYDEC_MINUTES"} ;;
    tiny)     ms-train-vae --stage tiny --vae "$R/toy_vae.safetensors" --frames 13 --batch 4 --lr 1e-3 --adv_weight 0 \
                --adv_start 1000000000 --steps "${TINY_STEPS:-1500}" --out "$R/tiny" --ckpt "$R/toy_tiny_vae.safetensors" --threads "$T" ;;
    pilot)    ms-train-teacher --vae "$R/toy_vae.safetensors" --cache "$R/latents" --clips "${PILOT_CLIPS:-800}" --out "$R/pilot" \
                --steps "${PILOT_STEPS:-2000}" --batch 8 --lr 1e-3 --dim 192 --layers 4 --patch 2 --frames 33 --bf16 --threads "$T" --save_every 200
              ms-eval --dit "$R/pilot/toy_teacher.safetensors" --text "$R/pilot/toy_text.safetensors" --vae "$R/toy_vae.safetensors" \
                --frames 33 --out "$R/eval_pilot" --tracker lk --threads "$T" ;;
    teacher)  ms-train-teacher --vae "$R/toy_vae.safetensors" --cache "$R/latents" --clips "${CLIPS:-1500}" --out "$R/teacher" \
                --steps "${TEACHER_STEPS:-4000}" --batch 8 --lr "${TEACHER_LR:-1e-3}" --patch 2 --bf16 --threads "$T" --save_every 100 ;;
    teacher_more) s1 teacher_more teacher "${TEACHER_MORE_STEPS:-4000}" "${TEACHER_LR:-1e-3}" ;;
    teacher33) s1 teacher33 teacher_more "${TEACHER33_STEPS:-3000}" "${TEACHER_LR:-1e-3}" --frames 33 ;;
    teacher81) s1 teacher81 teacher33 "${TEACHER81_STEPS:-500}" 3e-4 ;;
    teacher2) s1 teacher2 "$(basename "$(s1dir)")" "${TEACHER2_STEPS:-500}" 1e-4 --stage 2 ;;
    teacher33b) s1 teacher33b teacher81 "${TEACHER33B_STEPS:-2000}" "${TEACHER_LR:-1e-3}" --frames 33 ;;
    teacher81b) s1 teacher81b teacher33b "${TEACHER81B_STEPS:-500}" 3e-4 ;;
    teacher2b) s1 teacher2b teacher81b "${TEACHER2B_STEPS:-500}" 1e-4 --stage 2 ;;
    teachercopy) s1 teachercopy teacher33b "${TEACHERCOPY_STEPS:-600}" 5e-4 --copy_weight "${COPY_WEIGHT:-0.2}" --widen_tracks "${WIDEN_TRACKS:-64}" --widen_scale 1.0 --copy_moved_only ;;
    teachercopyb) s1 teachercopyb teachercopy "${TEACHERCOPYB_STEPS:-1500}" 5e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only ;;
    teachercopy2) s1 teachercopy2 "$( [ -f "$R/teachercopyb/toy_teacher.safetensors" ] && echo teachercopyb || echo teachercopy )" "${TEACHERCOPY2_STEPS:-500}" 1e-4 --stage 2 --copy_weight "${COPY_WEIGHT:-0.2}" --copy_moved_only ;;
    repatch1) python tools/repatch.py "$R/teachercopyb/toy_teacher.safetensors" "$R/p1init" --patch 1 ;;
    teacherp1) s1 teacherp1 p1init "${TEACHERP1_STEPS:-400}" 5e-4 --frames 33 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 ;;
    teacherp1b) s1 teacherp1b teacherp1 "${TEACHERP1B_STEPS:-1000}" 3e-4 --frames 33 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 ;;
    teacher81p1) s1 teacher81p1 "$( [ -f "$R/teacherp1b/toy_teacher.safetensors" ] && echo teacherp1b || echo teacherp1 )" "${TEACHER81P1_STEPS:-120}" 3e-4 --batch 4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 20 ;;
    teachercrop) s1 teachercrop teacher81p1 "${TEACHERCROP_STEPS:-1200}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 ;;
    teachercrop2) s1 teachercrop2 teachercrop "${TEACHERCROP2_STEPS:-2000}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 ${TEACHERCROP2_MINUTES:+--minutes "$TEACHERCROP2_MINUTES"} ;;
    teachercrop3) s1 teachercrop3 teachercrop2 "${TEACHERCROP3_STEPS:-2000}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" ${TEACHERCROP3_MINUTES:+--minutes "$TEACHERCROP3_MINUTES"} ;;
    teachercrop4) s1 teachercrop4 teachercrop3 "${TEACHERCROP4_STEPS:-2000}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" ${TEACHERCROP4_MINUTES:+--minutes "$TEACHERCROP4_MINUTES"} ;;
    teachercrop5) s1 teachercrop5 teachercrop4 "${TEACHERCROP5_STEPS:-2000}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" ${TEACHERCROP5_MINUTES:+--minutes "$TEACHERCROP5_MINUTES"} ;;
    teachersub) s1 teachersub teachercrop4 "${TEACHERSUB_STEPS:-2000}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" --subset 5 --p_subset "${P_SUBSET:-0.5}" --subset_t_min 0.6 ${TEACHERSUB_MINUTES:+--minutes "$TEACHERSUB_MINUTES"} ;;
    teachersub2) s1 teachersub2 teachersub "${TEACHERSUB2_STEPS:-450}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" --subset 5 --p_subset "${P_SUBSET2:-0.75}" --subset_t_min 0.6 ${TEACHERSUB2_MINUTES:+--minutes "$TEACHERSUB2_MINUTES"} ;;
    teachersub3) s1 teachersub3 teachersub2 "${TEACHERSUB3_STEPS:-450}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" --subset 5 --p_subset "${P_SUBSET2:-0.75}" --subset_t_min 0.6 --p_moving "${P_MOVING:-0.5}" ${TEACHERSUB3_MINUTES:+--minutes "$TEACHERSUB3_MINUTES"} ;;
    teacherdeep) s1 teacherdeep teachersub2 "${TEACHERDEEP_STEPS:-450}" 3e-4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 50 --crop 8 --crop_far "${CROP_FAR:-0.5}" --subset 5 --p_subset "${P_SUBSET2:-0.75}" --subset_t_min 0.6 --grow_layers "${GROW_LAYERS:-2}" ${TEACHERDEEP_MINUTES:+--minutes "$TEACHERDEEP_MINUTES"} ;;
    teacher81p1b) s1 teacher81p1b teacher81p1 "${TEACHER81P1B_STEPS:-1000}" 3e-4 --batch 4 --copy_weight "${COPY_WEIGHT_B:-0.5}" --copy_moved_only --save_every 20 ;;
    gain)     python - "$(tdir)" "$R" <<'EOF'
import sys
from motionstream.dit import load_dit
from motionstream.text import load_text_encoder
from motionstream.train.latents import LatentCache
from motionstream.train.teacher import condition_gain
t, r = sys.argv[1:3]
print('teacher:', t)
rows = condition_gain(load_dit(f'{t}/toy_teacher.safetensors'), load_text_encoder(f'{t}/toy_text.safetensors'),
                      LatentCache(f'{r}/latents', limit=64), ts=(1.0, 0.9, 0.7, 0.4))
for row in rows: print({k: round(v, 4) for k, v in row.items()})
EOF
              ;;
    eval)     ms-eval --dit "$(tdir)/toy_teacher.safetensors" --text "$(tdir)/toy_text.safetensors" --vae "$(dvae)" \
                --out "${EVAL_OUT:-$R/eval_teacher}" --threads "$T" ;;
    verdict)  # one part of issue 4's verdict (07c twenty-sixth look): test clips VERDICT_START.. (VERDICT_CLIPS of them [8]),
              # 20 Euler steps, all rows, the lk-motion tracker, teacher $TEACHER [teachersub2], the `vaedec` decoder. Its results.json
              # goes to $C/verdict_<teacher>/clipsAA-BB.json (commit it: a fresh machine loses $R), then all parts so far are merged.
              tv=${TEACHER:-teachersub2}; a=${VERDICT_START:?set VERDICT_START, the first test clip of this part}; n=${VERDICT_CLIPS:-8}
              part=$(printf 'clips%02d-%02d' "$a" $((a + n - 1)))
              ms-eval --dit "$R/$tv/toy_teacher.safetensors" --text "$R/$tv/toy_text.safetensors" --vae "$(dvae)" --clips "$n" \
                --start "$a" --steps 20 --tracker lk-motion --out "$R/verdict_$tv/$part" --threads "$T"
              mkdir -p "$C/verdict_$tv"; cp "$R/verdict_$tv/$part/results.json" "$C/verdict_$tv/$part.json"
              ms-eval-merge "$C/verdict_$tv"/clips*.json --out "$R/verdict_$tv/merged" ;;
    adapt)    ms-adapt --out "$R/adapt" --cache "$R/latents" --clips "${CLIPS:-1500}" --teacher "$(tdir)/toy_teacher.safetensors" \
                --text "$(tdir)/toy_text.safetensors" --pairs 64 --pair_batch 8 --teacher_steps 48 --steps "${ADAPT_STEPS:-1000}" \
                --lr 1e-4 --bf16 --threads "$T" ;;
    distill)  ms-distill "$R/adapt/toy_student_adapt.safetensors" --out "$R/distill" --cache "$R/latents" --clips "${CLIPS:-1500}" \
                --teacher "$(tdir)/toy_teacher.safetensors" --text "$(tdir)/toy_text.safetensors" \
                --steps "${DISTILL_STEPS:-500}" --batch 4 --bf16 --threads "$T" ;;
    collect)  mkdir -p "$R/ckpts"        # the run's checkpoints under their shipped names, for MOTIONSTREAM_CHECKPOINTS
              td=$(basename "$(tdir)")
              dv=$(dvae); dv=${dv#"$R/"}; dv=${dv%.safetensors}
              for pair in $dv:toy_vae $(dtiny):toy_tiny_vae $td/toy_teacher:toy_teacher $td/toy_text:toy_text \
                          distill/toy_student:toy_student; do
                src="$R/${pair%%:*}.safetensors"; [ -f "$src" ] && cp "$src" "$R/ckpts/${pair##*:}.safetensors" && echo "collected $src"
              done; true ;;
    student_eval) MOTIONSTREAM_CHECKPOINTS="$R/ckpts" ms-eval --student "$R/ckpts/toy_student.safetensors" --out "$R/eval_student" \
                --tracker lk --threads "$T" ;;
    bench)    MOTIONSTREAM_CHECKPOINTS="$R/ckpts" ms-bench-stream --out "$R/bench_stream" --threads "$T" ;;
    ablate)   MOTIONSTREAM_CHECKPOINTS="$R/ckpts" ms-ablate --out "$R/ablation" --tracker lk --threads "$T" ;;
    stream)   MOTIONSTREAM_CHECKPOINTS="$R/ckpts" ms-stream --out "$R/stream/stream.mp4" --threads "$T" ;;
    pack)     mkdir -p "$C"
              for f in $CARRIED; do
                # already carried: an unpacked copy, or a carried file written after the run's (re-saving would only churn git)
                if [ -f "$R/$f.safetensors" ] && { cmp -s "$R/$f.safetensors" "$C/$f.safetensors" || [ "$C/$f.safetensors" -nt "$R/$f.safetensors" ]; }; then continue; fi
                if [ -f "$R/$f.safetensors" ]; then mkdir -p "$(dirname "$C/$f")"
                  case "$f" in   # DiTs travel in float16 (half the size; load_dit returns float32); VAEs and text encoders as they are
                    *toy_teacher|*toy_student*) python -c "import sys, torch; from motionstream.dit import load_dit, save_dit; from motionstream.core import load_tensors
meta = {k: v for k, v in load_tensors(sys.argv[1], 'cpu')[1].items() if k not in ('dit', 'stored')}
save_dit(load_dit(sys.argv[1]), sys.argv[2], dtype=torch.float16, stored='float16 copy of ' + sys.argv[1], **meta)" "$R/$f.safetensors" "$C/$f.safetensors" ;;
                    *) cp "$R/$f.safetensors" "$C/$f.safetensors" ;;
                  esac; echo "carried $f"; fi
              done
              for pair in $RUNS; do d=${pair%%:*}
                if [ -f "$R/$d/state.pt" ] && [ ! -f "$R/${pair##*:}" ]; then
                  python -c "import sys; from motionstream.train.loop import pack_state; print('packed', pack_state(*sys.argv[1:]))" \
                    "$R/$d/state.pt" "$C/$d.state.safetensors"
                  cp "$R/$d/log.jsonl" "$C/$d.log.jsonl"
                elif [ -f "$R/${pair##*:}" ]; then rm -f "$C/$d.state.safetensors" "$C/$d.log.jsonl"; fi
              done ;;
    unpack)   for f in $CARRIED; do
                if [ -f "$C/$f.safetensors" ] && [ ! -f "$R/$f.safetensors" ]; then
                  mkdir -p "$(dirname "$R/$f")"; cp "$C/$f.safetensors" "$R/$f.safetensors"; echo "restored $f"; fi
              done
              for pair in $RUNS; do d=${pair%%:*}
                if [ -f "$C/$d.state.safetensors" ] && [ ! -f "$R/$d/state.pt" ]; then
                  python -c "import sys; from motionstream.train.loop import unpack_state; print('$d: state at step', unpack_state(*sys.argv[1:]))" \
                    "$C/$d.state.safetensors" "$R/$d/state.pt"
                  cp "$C/$d.log.jsonl" "$R/$d/log.jsonl"
                fi
              done ;;
    all)      for s in vae gate pilot tiny teacher teacher_more teacher33 teacher81 teacher2 teacher33b teacher81b teacher2b teachercopy teachercopyb teachercopy2 gain eval adapt distill collect student_eval bench ablate stream; do stage "$s"; done ;;
    *)        echo "unknown stage: $1" >&2; exit 2 ;;
  esac
}
for s in "$@"; do stage "$s"; done
