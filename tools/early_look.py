"""A quick motion-transfer look at a teacher while its run is still going (or at a finished teacher checkpoint).
Usage: python tools/early_look.py RUN [--clips 4 --steps 20 --raw --threads 2]
          [--arch runs/retrain/teacher/toy_teacher.safetensors --vae runs/retrain/toy_vae.safetensors]
RUN is a run folder with a state.pt (its EMA weights are used, or the trained ones with --raw) or a finished DiT
checkpoint (`toy_teacher.safetensors`, text encoder `toy_text.safetensors` beside it). For a state.pt the DiT and
text encoder are built like the checkpoint `--arch` (and its `toy_text.safetensors`), which must have the
architecture the run trains (true for `teacher_more`/`teacher2`, which start from it). Runs the protocol of
notebook 07c on the first CLIPS test clips with STEPS Euler steps, for joint guidance and the motion-dropped
baseline only (5 NFE per step), and prints the table, `bar_check` and the PSNR by frame range. Few clips and
steps: a trend to watch between checkpoints, not the issue's measurement (`ms-eval`, 16 clips, 50 steps)."""
import argparse, time, torch
from motionstream.vae import load_vae
from teacher_state import load_teacher
from motionstream.eval import TeacherSampler, METHODS, JOINT, BASELINES, motion_transfer, motion_transfer_set, format_table, bar_check, format_over_time

ap = argparse.ArgumentParser()
ap.add_argument('run'); ap.add_argument('--clips', type=int, default=4); ap.add_argument('--steps', type=int, default=20)
ap.add_argument('--raw', action='store_true', help='the trained weights instead of their EMA')
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--arch', default='runs/retrain/teacher/toy_teacher.safetensors')
ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors')
a = ap.parse_args()
torch.set_num_threads(a.threads)
t0 = time.time()
model, what = load_teacher(a.run, a.arch, a.raw)
print(f"{what}; {a.clips} test clips, {a.steps} steps", flush=True)
sampler = TeacherSampler(model.dit.eval(), model.text.eval(), load_vae(a.vae), 'cpu')
clips = motion_transfer_set(a.clips)
r = motion_transfer(sampler, clips, a.steps, methods={k: METHODS[k] for k in (JOINT, BASELINES[1])}, tracker='lk')
print(format_table(r)); print(); print(bar_check(r)[1]); print(); print(format_over_time(r, clips))
print(f"{time.time() - t0:.0f} s")
