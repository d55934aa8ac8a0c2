"""How well a row of an `ms-eval` run keeps the moving objects: the mean absolute RGB error (0-255) at the points of the
clip's tracks that lie on a sprite (owner > 0 at frame 0) against those on the background, over every frame where a point is
visible, for each row in OUT/videos.npz. MotionWorld's exact tracks say where each point is in the true clip.
Usage: python tools/object_error.py OUT [--every 1]   (OUT: an ms-eval output folder, e.g. runs/eval/ts2_part0)"""
import argparse, numpy as np
from motionstream.data import MotionWorld

ap = argparse.ArgumentParser(); ap.add_argument('out'); ap.add_argument('--every', type=int, default=1, help='use every k-th frame')
a = ap.parse_args()
f = np.load(f'{a.out}/videos.npz'); names, seeds = [str(n) for n in f['names']], [int(s) for s in f['seeds']]
rows = [f[f'row{j}'] for j in range(len(names))]                  # each read (and decompressed) once
world = MotionWorld.from_preset('toy')
err = {n: {'object': [], 'background': []} for n in names}
for i, s in enumerate(seeds):
    c = world.clip(s, rows[0].shape[1])
    T, H, W = c.frames.shape[:3]
    for t in range(0, T, a.every):
        p = np.round(c.tracks[t]).astype(int); ok = c.visible[t] & (p[:, 0] >= 0) & (p[:, 0] < W) & (p[:, 1] >= 0) & (p[:, 1] < H)
        truth = c.frames[t][p[ok, 1], p[ok, 0]].astype(np.float64)
        for n, row in zip(names, rows):
            e = np.abs(row[i][t][p[ok, 1], p[ok, 0]] - truth).mean(1)
            err[n]['object'].append(e[c.owner[ok] > 0]); err[n]['background'].append(e[c.owner[ok] == 0])
print(f"mean |RGB error| (0-255) at visible track points, {len(seeds)} clips ({seeds[0]}..{seeds[-1]}), every {a.every} frame(s)")
print('| row | on objects | on the background |\n| --- | --- | --- |')
for n in names:
    o, b = (np.concatenate(err[n][k]) for k in ('object', 'background'))
    print(f"| {n} | {o.mean():.1f} ({len(o)} point-frames) | {b.mean():.1f} ({len(b)}) |")
