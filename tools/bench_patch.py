"""What does a patch-1 toy DiT cost against patch 2, and on windows? Side by side in one run (notebook 07c, eleventh
and fifteenth looks).
Usage: python tools/bench_patch.py [--arch runs/retrain/teacher33b/toy_teacher.safetensors --batch 8 --threads 2]
                                   [--crops 16 12 8 [--windows_only]]
Builds the DiT of ARCH (random weights) with spatial patch 2 and 1 and times, for 33- and 81-frame clips on 16x16
latents, one training step (forward + backward under bf16 autocast, batch BATCH, the best of 2) and one sampling
forward (batch 1, float32, no grad), and prints each patch-1 figure with its ratio to patch 2. With --crops it also
times the patch-1 training step at 81 frames on C x C grids of latent cells, the windows `ms-train-teacher --crop C`
trains on, with each ratio to the first C (attention costs the square of the tokens); --windows_only skips the
patch table."""
import argparse, time, torch
from dataclasses import replace
from motionstream.dit import MotionDiT, load_dit

ap = argparse.ArgumentParser()
ap.add_argument('--arch', default='runs/retrain/teacher33b/toy_teacher.safetensors')
ap.add_argument('--batch', type=int, default=8); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--crops', type=int, nargs='*', default=[]); ap.add_argument('--windows_only', action='store_true')
a = ap.parse_args()
torch.set_num_threads(a.threads)
base = load_dit(a.arch).config

def times(patch, frames, grid=16):
    torch.manual_seed(0)
    dit = MotionDiT(replace(base, patch_size=(1, patch, patch))).train()
    F, B = (frames - 1) // 4 + 1, a.batch
    x, y = torch.randn(B, base.latent_channels, F, grid, grid), torch.zeros(B, 4 + base.latent_channels, F, grid, grid)
    c_m, ctx, t = torch.randn(B, base.track_dim, frames, grid, grid), torch.randn(B, 8, base.text_dim), torch.rand(B)
    train = []
    for _ in range(2):
        t0 = time.perf_counter()
        with torch.autocast('cpu', dtype=torch.bfloat16): out = dit(x, t, ctx, y, c_m)
        out.float().square().mean().backward()
        train.append(time.perf_counter() - t0)
    dit.eval()
    with torch.no_grad():
        t0 = time.perf_counter(); dit(x[:1], t[:1], ctx[:1], y[:1], c_m[:1]); fwd = time.perf_counter() - t0
    return F * (grid // patch) ** 2, min(train), fwd

print(f"DiT of {a.arch}: dim {base.dim}, {base.num_layers} blocks; {torch.get_num_threads()} threads")
if not a.windows_only: print('| frames | patch | tokens | train step (s) | x patch 2 | sampling forward (s) | x patch 2 |\n| --- | --- | --- | --- | --- | --- | --- |')
for frames in () if a.windows_only else (33, 81):
    n2, s2, f2 = times(2, frames)
    n1, s1, f1 = times(1, frames)
    print(f'| {frames} | 2 | {n2} | {s2:.2f} | 1 | {f2:.3f} | 1 |')
    print(f'| {frames} | 1 | {n1} | {s1:.2f} | {s1 / s2:.1f} | {f1:.3f} | {f1 / f2:.1f} |', flush=True)
if a.crops:
    rows = [(c, *times(1, 81, c)[:2]) for c in a.crops]
    print(f'\npatch 1, 81 frames, batch {a.batch}: one training step on C x C windows of latent cells')
    print('| window | tokens | train step (s) | x faster than the first |\n| --- | --- | --- | --- |')
    for c, n, s_ in rows: print(f'| {c}x{c} | {n:,} | {s_:.2f} | {rows[0][2] / s_:.1f} |')
