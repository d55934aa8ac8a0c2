"""Where does a method's EPE come from? Splits the EPE of every row of a finished `ms-eval` run by the kind of point.
Usage: python tools/epe_probe.py EVAL_DIR [--tracker lk] [--moving 2.0]
EVAL_DIR holds the `videos.npz` that `ms-eval` writes (every generated clip, uint8). The clips are rebuilt from
the seeds in it (`motion_transfer_set`), the points visible in frame 0 are re-tracked through each row's videos
(as `video_epe` does), and the error is averaged separately over
- *static* points: the truth moves them less than MOVING px over the clip (a still video scores ~0 there; a
  generated clip only loses by changing or drifting what should stay put), and
- *moving* points: the rest (where the motion has to come from the tracks),
and separately over the entries *before each point's first occlusion* (the truth hides it, or it leaves the frame):
after an occlusion Lucas-Kanade rarely finds a point again, so those entries measure the tracker more than the video.
Also prints how far each row's tracked points move at all (mean path length per point), beside the truth's.
Last, the gap of joint guidance to each baseline on the before-first-occlusion EPE, as `bar_check` reports gaps."""
import argparse
import numpy as np
from motionstream.eval import motion_transfer_set, split_of, paired_gap, JOINT, BASELINES
from motionstream.metrics import get_tracker

ap = argparse.ArgumentParser()
ap.add_argument('eval_dir'); ap.add_argument('--tracker', default='lk'); ap.add_argument('--moving', type=float, default=2.0)
a = ap.parse_args()
z = np.load(f'{a.eval_dir}/videos.npz')
names, seeds = [str(n) for n in z['names']], [int(s) for s in z['seeds']]
T = z['row0'].shape[1]
clips = motion_transfer_set(len(seeds), split_of(seeds[0]), T)
if [c.seed for c in clips] != seeds: raise SystemExit(f"the seeds in {a.eval_dir}/videos.npz are not the first {len(seeds)} of their split")
track = get_tracker(a.tracker)[0]
kinds = {}
for c in clips:
    q = c.visible[0]
    tr, vis = c.tracks[:, q], c.visible[:, q]
    span = np.linalg.norm(tr - tr[:1], axis=-1).max(0)          # how far the truth takes each point
    kinds[c.seed] = (tr, vis, span >= a.moving)
rows = [('truth', [c.frames for c in clips])] + [(n, list(z[f'row{i}'])) for i, n in enumerate(names)]
print(f"{a.eval_dir}: {len(clips)} clips x {T} frames; static = the truth moves a point < {a.moving} px; EPE in px")
print('| row | EPE all | EPE static | EPE moving | EPE before first occlusion | path length (px/point) |'); print('| --- | --- | --- | --- | --- | --- |')
share, pre_rows = None, {}
for name, vids in rows:
    e_all, e_st, e_mv, e_pre, path, n_st, n_mv = [], [], [], [], [], 0, 0
    for c, v in zip(clips, vids):
        tr, vis, mv = kinds[c.seed]
        p = np.asarray(track(v, tr[0]))
        err = np.linalg.norm(p - tr, axis=-1)[1:]; m = vis[1:]
        e_all.append(err[m].mean())
        pre = m & ~(np.cumsum(~vis, 0) > 0)[1:]                    # visible, and never hidden so far
        if pre.any(): e_pre.append(err[pre].mean())
        ms, mm = m & ~mv[None], m & mv[None]
        if ms.any(): e_st.append(err[ms].mean())
        if mm.any(): e_mv.append(err[mm].mean())
        n_st += ms.sum(); n_mv += mm.sum()
        path.append(np.linalg.norm(np.diff(p, axis=0), axis=-1).sum(0).mean())
    share = share or n_mv / (n_st + n_mv)
    pre_rows[name] = {'per_clip': {'epe': e_pre}}
    print(f"| {name} | {np.mean(e_all):.2f} | {np.mean(e_st):.2f} | {np.mean(e_mv):.2f} | {np.mean(e_pre):.2f} | {np.mean(path):.1f} |")
print(f"\nmoving points: {share:.0%} of the scored (point, frame) entries")
if JOINT in pre_rows:
    print("\nEPE before first occlusion, joint guidance against the baselines (gap per clip, + = better, bootstrap 95% interval, clips won):")
    for b in BASELINES:
        if b in pre_rows:
            g = paired_gap({'rows': pre_rows}, JOINT, b, 'epe')
            print(f"- vs {b}: {g['mean']:+.2f} px [{g['lo']:+.2f}, {g['hi']:+.2f}], {g['wins']}/{g['n']} clips")
