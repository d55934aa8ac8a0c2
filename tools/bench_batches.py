"""How fast are teacher batches drawn, in the training loop or ahead in threads (`ms-train-teacher --workers`)?
Usage: python tools/bench_batches.py [--cache runs/retrain/latents --batch 32 --steps 8 --workers 0 1 2 --patch 2]
Draws the batches of the same steps with each worker count, side by side in one run, checks they are identical,
and prints seconds per batch and the speed-up over drawing them in the loop (workers 0). With `--patch` the batches
carry the copy-loss targets too (`--copy_weight`). On a GPU the training step must not wait for these."""
import argparse, functools, time
import torch
from motionstream.train.latents import LatentCache
from motionstream.train.teacher import teacher_batch, step_batches

ap = argparse.ArgumentParser()
ap.add_argument('--cache', default='runs/retrain/latents'); ap.add_argument('--clips', type=int, default=200)
ap.add_argument('--batch', type=int, default=32); ap.add_argument('--steps', type=int, default=8)
ap.add_argument('--workers', type=int, nargs='+', default=[0, 1, 2]); ap.add_argument('--patch', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(1)
cache = LatentCache(a.cache, limit=a.clips)
make = functools.partial(teacher_batch, cache, batch=a.batch, copy_patch=a.patch or None, copy_moved_only=True)
ref, base = None, None
print(f"{cache}; batches of {a.batch}, {a.steps} steps, copy targets for patch {a.patch}")
print('| workers | s / batch | speed-up |'); print('| --- | --- | --- |')
for w in a.workers:
    t = time.perf_counter(); got = list(step_batches(make, 0, a.steps, w)); dt = (time.perf_counter() - t) / a.steps
    if ref is None: ref = got
    same = all(torch.equal(x['c_m'], y['c_m']) and torch.equal(x['noise'], y['noise']) for x, y in zip(ref, got))
    if not same: raise SystemExit(f"workers {w}: batches differ from those drawn with workers {a.workers[0]}")
    base = base or dt
    print(f"| {w} | {dt:.3f} | {base / dt:.2f}x |")
