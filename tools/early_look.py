"""A quick motion-transfer look at a teacher while its run is still going (or at a finished teacher checkpoint).
Usage: python tools/early_look.py RUN [--clips 4 --steps 20 --raw --threads 2 --w_t 3 --w_m 1.5 [W ...] --no_dropped --rows DIR --tracker auto]
          [--arch runs/retrain/teacher/toy_teacher.safetensors --vae runs/retrain/toy_vae.safetensors --attn_ref_keys N]
RUN is a run folder with a state.pt (its EMA weights are used, or the trained ones with --raw) or a finished DiT
checkpoint (`toy_teacher.safetensors`, text encoder `toy_text.safetensors` beside it). For a state.pt the DiT and
text encoder are built like the checkpoint `--arch` (and its `toy_text.safetensors`), which must have the
architecture the run trains (true for `teacher_more`/`teacher2`, which start from it). Runs the protocol of
notebook 07c on the first CLIPS test clips with STEPS Euler steps, for joint guidance (one row per --w_m) and the
motion-dropped baseline only (3 NFE per step for each joint row, 2 for the baseline), and prints the table, `bar_check`, the PSNR and EPE by frame range and each clip's PSNR and EPE. Few clips and
steps: a trend to watch between checkpoints, not the issue's measurement (`ms-eval`, 16 clips, 50 steps)."""
import argparse, time, torch
from motionstream.vae import load_vae
from teacher_state import load_teacher
from motionstream.eval import get_tracker, TeacherSampler, METHODS, JOINT, BASELINES, motion_transfer, motion_transfer_set, format_table, bar_check, format_over_time

ap = argparse.ArgumentParser()
ap.add_argument('run'); ap.add_argument('--clips', type=int, default=4); ap.add_argument('--steps', type=int, default=20)
ap.add_argument('--raw', action='store_true', help='the trained weights instead of their EMA')
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--arch', default='runs/retrain/teacher/toy_teacher.safetensors')
ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors')
ap.add_argument('--w_t', type=float, default=3.0, help='text guidance weight of the joint rows')
ap.add_argument('--w_m', type=float, nargs='+', default=[1.5], help='one joint-guidance row per motion guidance weight')
ap.add_argument('--no_dropped', action='store_true', help='skip the motion-dropped baseline row')
ap.add_argument('--tracker', default='auto', help="'auto' (CoTracker3 if local, else lk-motion), 'lk-motion' or 'lk' (the plain LK of looks up to the twenty-second)")
ap.add_argument('--rows', default=None, help='keep the generated rows there and reuse them on a re-run (generate_row)')
ap.add_argument('--attn_ref_keys', type=int, default=None, help="scale the DiT's self-attention logits by "
                'log(keys) / log(N) (notebook 05; 0: off; default: as its checkpoint says)')
a = ap.parse_args()
torch.set_num_threads(a.threads)
t0 = time.time()
model, what = load_teacher(a.run, a.arch, a.raw, attn_ref_keys=a.attn_ref_keys)
print(f"{what}; {a.clips} test clips, {a.steps} steps", flush=True)
sampler = TeacherSampler(model.dit.eval(), model.text.eval(), load_vae(a.vae), 'cpu')
clips = motion_transfer_set(a.clips)
methods = {f"teacher, joint guidance (w_t={a.w_t:g}, w_m={w:g})": (a.w_t, w, True) for w in a.w_m}
if not a.no_dropped: methods[BASELINES[1]] = METHODS[BASELINES[1]]
r = motion_transfer(sampler, clips, a.steps, methods=methods, tracker=a.tracker, rows_dir=a.rows)
print(format_table(r))
for row in methods:
    if row != BASELINES[1]: print(); print(bar_check(r, row, [b for b in BASELINES if b in r['rows']])[1])
joints = [k for k in methods if k != BASELINES[1]]
print(); print(format_over_time(r, clips, joints + [k for k in BASELINES + ('reference: VAE reconstruction',) if k in r['videos']], get_tracker(a.tracker)[0]))
rows = joints + [k for k in BASELINES + ('reference: VAE reconstruction',) if k in r['rows']]
print(); print('per clip, PSNR (dB) / EPE (px): | clip | ' + ' | '.join(rows) + ' |')
for i, c in enumerate(clips):
    print(f"| {c.seed} | " + ' | '.join(f"{r['rows'][k]['per_clip']['psnr'][i]:.2f} / {r['rows'][k]['per_clip']['epe'][i]:.2f}" for k in rows) + ' |')
print(f"{time.time() - t0:.0f} s")
