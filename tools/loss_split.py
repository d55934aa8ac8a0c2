"""Plot a training run's loss split by a 0/1 field of its log (notebook 07c, twenty-first look).
Usage: python tools/loss_split.py RUN_DIR OUT.png [--field subset --keys loss copy --smooth 25 --names windows "whole frames"]
RUN_DIR holds the run's log.jsonl (one record per step, `motionstream.train.loop.TrainRun.log`). `teachersub` logs
`subset` = 1 on the steps that trained on whole frames at high noise and 0 on the 8x8-window steps; their losses
are not comparable (other times, other tokens), so each kind gets its own curve: its raw values faint, and the
moving average over the last SMOOTH steps *of that kind* drawn over them. Prints each kind's mean over its first
and last 100 steps."""
import argparse, json
from pathlib import Path
import numpy as np
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt

p = argparse.ArgumentParser()
p.add_argument('run'); p.add_argument('out')
p.add_argument('--field', default='subset'); p.add_argument('--keys', nargs='+', default=['loss', 'copy'])
p.add_argument('--smooth', type=int, default=25); p.add_argument('--names', nargs=2, default=['8x8 windows', 'whole frames, t >= 0.6'])
a = p.parse_args()
log = Path(a.run) / 'log.jsonl'
if not log.exists(): raise SystemExit(f"no log.jsonl in {a.run}")
h = [json.loads(l) for l in log.read_text().splitlines() if l]
if not h or a.field not in h[-1]: raise SystemExit(f"{log} has no field {a.field!r} to split by")
keys = [k for k in a.keys if any(k in r for r in h)]
if not keys: raise SystemExit(f"none of {a.keys} is in {log}")
fig, axes = plt.subplots(1, len(keys), figsize=(5 * len(keys), 3.2), squeeze=False)
for ax, k in zip(axes[0], keys):
    for kind, name in enumerate(a.names):
        rs = [r for r in h if k in r and int(r.get(a.field, 0)) == kind]
        if not rs: continue
        s, v = np.array([r['step'] for r in rs]), np.array([r[k] for r in rs])
        ax.plot(s, v, alpha=0.2, color=f'C{kind}')
        if len(v) >= a.smooth: ax.plot(s[a.smooth - 1:], np.convolve(v, np.ones(a.smooth) / a.smooth, 'valid'), color=f'C{kind}', label=name)
        n = min(100, len(v) // 2)
        print(f"{k:6s} {name:24s} steps {len(v):5d}  first {n}: {v[:n].mean():.4f}  last {n}: {v[-n:].mean():.4f}")
    ax.set_title(k); ax.set_xlabel('step'); ax.legend(fontsize=8)
fig.suptitle(f"{Path(a.run).name}: losses by kind of step"); fig.tight_layout()
fig.savefig(a.out, dpi=80); print(f"wrote {a.out}")
