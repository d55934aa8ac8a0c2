"""How much of the still frame's EPE lead on quiet clips is the decoder? Scores, on the first CLIPS test clips of notebook
07c's protocol, the first frame repeated (the issue's baseline), the same still video encoded and decoded by the VAE, and the
VAE's reconstruction of the true clip, each clip's PSNR and EPE (and the tracker's EPE on the true clip), and the per-clip gaps between them,
the true clip's against the still frame's among them (no sampling, about 2 min).
Usage: python tools/still_decoded.py [--clips 12 --vae runs/retrain/vaedec/toy_vae.safetensors --threads 2 --tracker auto]"""
import argparse, time, numpy as np, torch
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.metrics import get_tracker, video_epe
from motionstream.eval import motion_transfer_set, score_videos, paired_gap

ap = argparse.ArgumentParser()
ap.add_argument('--clips', type=int, default=12); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--vae', default='runs/retrain/vaedec/toy_vae.safetensors')
ap.add_argument('--tracker', default='auto', help="'auto' (CoTracker3 if local, else lk-motion), 'lk-motion' or 'lk'")
a = ap.parse_args()
torch.set_num_threads(a.threads)
t0 = time.time()
vae, clips, (track, track_name) = load_vae(a.vae), motion_transfer_set(a.clips), get_tracker(a.tracker)
through = lambda v: tensor_to_video(vae.decode(vae.encode(video_to_tensor(v))))
still = [np.repeat(c.frames[:1], len(c.frames), 0) for c in clips]
with torch.no_grad():
    videos = {'first frame repeated': still, 'first frame repeated, through the VAE': [through(v) for v in still],
              'VAE reconstruction': [through(c.frames) for c in clips]}
r = {'rows': {k: score_videos(clips, v, track) for k, v in videos.items()}}
floor = [video_epe(c.frames, c.tracks, c.visible, track) for c in clips]   # the tracker on the true clip
print(f"{a.clips} test clips x {len(clips[0].frames)} frames, VAE {a.vae}, tracker {track_name}\n")
print('| row | PSNR (dB) | EPE (px) |\n| --- | --- | --- |')
for k, v in r['rows'].items(): print(f"| {k} | {v['psnr']:.2f} | {v['epe']:.2f} |")
print(f"| the true clip (the tracker's floor) | | {np.mean(floor):.2f} |")
names = list(videos)
print('\n| clip | ' + ' | '.join(f'{k}: PSNR / EPE' for k in names) + ' | true clip: EPE |\n|' + ' --- |' * (len(names) + 2))
for i, c in enumerate(clips):
    print(f"| {c.seed} | " + ' | '.join(f"{r['rows'][k]['per_clip']['psnr'][i]:.2f} / {r['rows'][k]['per_clip']['epe'][i]:.2f}" for k in names) + f' | {floor[i]:.2f} |')
print('\nper-clip EPE gaps (+ = the first row is better; bootstrap 95% interval, clips won):')
r['rows']['the true clip'] = {'per_clip': {'epe': floor}}
for x, y in [(names[2], names[0]), (names[2], names[1]), (names[1], names[0]), ('the true clip', names[0])]:
    g = paired_gap(r, x, y, 'epe'); print(f"- {x} vs {y}: {g['mean']:+.2f} px [{g['lo']:+.2f}, {g['hi']:+.2f}], {g['wins']}/{g['n']}")
print(f"{time.time() - t0:.0f} s")
