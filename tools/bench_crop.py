"""What does training on windows of latent cells save? (notebook 07c, fifteenth look; `ms-train-teacher --crop`)
Usage: python tools/bench_crop.py [CKPT] [--crops 16 12 8 --batch 8 --frames 81 --reps 2 --threads 2]
Times one training step (bf16 autocast forward, backward) of the DiT in CKPT (default: the carried patch-1 teacher
`checkpoints/retrain/teacher81p1`) on random inputs of FRAMES frames whose latent grid is CROP x CROP, for each CROP,
side by side in one run, and prints the seconds per step (the best of REPS) and the ratio to the first CROP (the whole
16x16 grid). Attention costs the square of the tokens, so the saving grows faster than the window shrinks."""
import argparse, time, torch
from motionstream.dit import load_dit, i2v_condition
from motionstream.core import latent_frames

ap = argparse.ArgumentParser()
ap.add_argument('ckpt', nargs='?', default='checkpoints/retrain/teacher81p1/toy_teacher.safetensors')
ap.add_argument('--crops', type=int, nargs='+', default=[16, 12, 8]); ap.add_argument('--batch', type=int, default=8)
ap.add_argument('--frames', type=int, default=81); ap.add_argument('--reps', type=int, default=2)
ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(0)
dit = load_dit(a.ckpt).train()
B, T = a.batch, a.frames
F, p = latent_frames(T, 4), dit.config.patch_size[1]
ctx = torch.randn(B, dit.config.text_len, dit.config.text_dim)
rows = []
for c in a.crops:
    z = torch.randn(B, dit.config.latent_channels, F, c, c)
    y, c_m = i2v_condition(z[:, :, :1], F), torch.randn(B, dit.config.track_dim, T, c, c)
    best = float('inf')
    for _ in range(a.reps):
        t0 = time.time()
        with torch.autocast('cpu', dtype=torch.bfloat16): out = dit(z, torch.rand(B), ctx, y, c_m)
        out.float().square().mean().backward(); dit.zero_grad(set_to_none=True)
        best = min(best, time.time() - t0)
    rows.append((c, F * (c // p) ** 2, best)); print(f"crop {c}: {best:.2f} s", flush=True)
print(f"\n{a.ckpt}: patch {p}, {T} frames, batch {B}, {a.threads} threads; one training step (forward + backward, bf16 autocast)")
print("| window (latent cells) | tokens | s/step | x faster than the first |\n| --- | --- | --- | --- |")
for c, n, s in rows: print(f"| {c}x{c} | {n:,} | {s:.2f} | {rows[0][2] / s:.1f} |")
