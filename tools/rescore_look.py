"""Score the rows an early look or `ms-eval` stored (`--rows DIR`, `DIR/rows`) again with other trackers, without sampling:
each stored row, the first frame repeated and the VAE reconstruction, and the tracker on the true clips (its floor), with
each row's per-clip gap to the first frame repeated (and to the motion-dropped row when stored) and `bar_check`.
With several DIRs (for example two teachers' looks), each row is named after its folder, and each pair of sampled rows
is compared clip by clip as well.
Usage: python tools/rescore_look.py DIR [DIR ...] [--clips 24 --trackers lk lk-motion --vae runs/retrain/vaedec/toy_vae.safetensors]"""
import argparse, json, time, numpy as np, torch
from pathlib import Path
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.metrics import get_tracker, video_epe
from motionstream.eval import motion_transfer_set, score_videos, paired_gap, bar_check, BASELINES

ap = argparse.ArgumentParser()
ap.add_argument('rows', nargs='+'); ap.add_argument('--clips', type=int, default=24); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--trackers', nargs='+', default=['lk', 'lk-motion'])
ap.add_argument('--vae', default='runs/retrain/vaedec/toy_vae.safetensors')
a = ap.parse_args()
torch.set_num_threads(a.threads)
clips = motion_transfer_set(a.clips)
seeds, stored = [c.seed for c in clips], {}
for d in a.rows:
    for f in sorted(Path(d).glob('*.npz')):                 # batches of 8 clips, named <row>_<first clip>.npz
        with np.load(f) as z: meta, vids = json.loads(str(z['meta'])), list(z['videos'])
        i = seeds.index(meta['seeds'][0]) if meta['seeds'][0] in seeds else None
        if i is None or seeds[i:i + len(vids)] != meta['seeds']: continue
        name = meta['row'] if len(a.rows) == 1 else f"{Path(d).name}: {meta['row']}"
        stored.setdefault(name, {}).update(zip(range(i, i + len(vids)), vids))
rows = {k: [v[i] for i in range(a.clips)] for k, v in stored.items() if len(v) >= a.clips and all(i in v for i in range(a.clips))}
if not rows: raise SystemExit(f"no row in {a.rows} holds all of the first {a.clips} test clips (found: {({k: len(v) for k, v in stored.items()})})")
vae = load_vae(a.vae)
with torch.no_grad(): rows['reference: VAE reconstruction'] = [tensor_to_video(vae.decode(vae.encode(video_to_tensor(c.frames)))) for c in clips]
rows[BASELINES[0]] = [np.repeat(c.frames[:1], len(c.frames), 0) for c in clips]
print(f"{' '.join(a.rows)}: {a.clips} test clips x {len(clips[0].frames)} frames; rows {list(rows)}")
for name in a.trackers:
    t0, (track, long_name) = time.time(), get_tracker(name)
    r = {'rows': {k: score_videos(clips, v, track) for k, v in rows.items()}}
    floor = [video_epe(c.frames, c.tracks, c.visible, track) for c in clips]
    r['rows']['the true clip'] = {'per_clip': {'epe': floor}}
    print(f"\n### tracker {name}: {long_name} ({time.time() - t0:.0f} s)\n\n| row | PSNR (dB) | EPE (px) |\n| --- | --- | --- |")
    for k, v in r['rows'].items():
        print(f"| {k} | {np.mean(v['per_clip']['psnr']):.2f} | {np.mean(v['per_clip']['epe']):.2f} |" if 'psnr' in v['per_clip'] else f"| {k} (the tracker's floor) | | {np.mean(v['per_clip']['epe']):.2f} |")
    base = [b for b in BASELINES if b in r['rows']]
    sampled = [k for k in stored if k not in BASELINES and k in rows]
    for k in sampled: print(); print(bar_check(r, k, base)[1])
    for i, x in enumerate(sampled):
        for y in sampled[i + 1:]:
            print(f"\n{x} against {y}, clip by clip (+ = the first is better; bootstrap 95% interval, clips won):")
            for m, unit in (('psnr', 'dB'), ('epe', 'px')):
                g = paired_gap(r, x, y, m); print(f"- {m.upper()}: {g['mean']:+.2f} {unit} [{g['lo']:+.2f}, {g['hi']:+.2f}], {g['wins']}/{g['n']}")
    print('\nEPE gap to the first frame repeated (+ = better; bootstrap 95% interval, clips won):')
    for k in ['reference: VAE reconstruction', 'the true clip']:
        g = paired_gap(r, k, BASELINES[0], 'epe'); print(f"- {k}: {g['mean']:+.2f} px [{g['lo']:+.2f}, {g['hi']:+.2f}], {g['wins']}/{g['n']}")
    print('\nper clip EPE (px): ' + ' | '.join(r['rows'].keys()))
    for i, c in enumerate(clips): print(f"| {c.seed} | " + ' | '.join(f"{v['per_clip']['epe'][i]:.2f}" for v in r['rows'].values()) + ' |')
