"""One teacher's samples decoded by several VAE decoders that share an encoder: does a better decoder lift the samples?
Samples the joint-guidance latents (w_t = 3, w_m = 1.5) of test clips START..START+CLIPS-1 once, as `ms-eval` does (same
noise seed, shift and batches of 8), keeps them in LATENTS (reused when the teacher, steps and clips match), decodes
them with each VAE and scores each decode with PSNR / SSIM / EPE (frame 0 excluded, as in `ms-eval`), next to that VAE's
reconstruction of the true clip and the first frame repeated; then `bar_check` of each decode against the still frame,
and the mean absolute RGB error (0-255) on the pixels the sprites cover (`MotionWorld.sprite_alpha` > 1/2) and off them.
Usage: python tools/decoder_swap.py TEACHER_DIR VAE [VAE ...] [--clips 8 --start 0 --steps 20 --latents FILE --tracker lk-motion]
(TEACHER_DIR holds toy_teacher.safetensors and toy_text.safetensors)."""
import argparse, json, time
from pathlib import Path
import numpy as np, torch
from motionstream.core import atomic_write
from motionstream.data import MotionWorld
from motionstream.dit import load_dit
from motionstream.text import load_text_encoder
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.eval import (TeacherSampler, motion_transfer_set, score_videos, get_tracker, weights_fingerprint, bar_check,
                               format_table, BASELINES)
from motionstream.train.vae import object_errors

ap = argparse.ArgumentParser()
ap.add_argument('teacher'); ap.add_argument('vaes', nargs='+')
ap.add_argument('--clips', type=int, default=8); ap.add_argument('--start', type=int, default=0)
ap.add_argument('--steps', type=int, default=20); ap.add_argument('--latents', default=None)
ap.add_argument('--tracker', default='lk-motion'); ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads); t0 = time.time()
vaes = [load_vae(p) for p in a.vaes]
enc = [{k: v for k, v in m.state_dict().items() if k.startswith(('encoder.', 'conv1.'))} for m in vaes]
for p, e, m in zip(a.vaes[1:], enc[1:], vaes[1:]):
    if e.keys() != enc[0].keys() or any(not torch.equal(e[k], enc[0][k]) for k in e) or (m.config.mean, m.config.std) != (vaes[0].config.mean, vaes[0].config.std):
        raise SystemExit(f"{p} has another encoder than {a.vaes[0]}: its latents would mean something else")
sampler = TeacherSampler(load_dit(Path(a.teacher) / 'toy_teacher.safetensors'), load_text_encoder(Path(a.teacher) / 'toy_text.safetensors'), vaes[0], 'cpu')
clips = motion_transfer_set(a.clips, start=a.start)
meta = json.dumps(dict(models=weights_fingerprint(sampler.dit, sampler.text, vaes[0].encoder, vaes[0].conv1), steps=a.steps,
                       seeds=[c.seed for c in clips], w_t=3.0, w_m=1.5, shift=3.0, seed=0), sort_keys=True)
lat = Path(a.latents) if a.latents else None
z = None
if lat is not None and lat.exists():
    with np.load(lat) as f:
        if str(f['meta']) == meta: z = torch.from_numpy(f['z']); print(f"latents read from {lat}")
if z is None:
    z = torch.cat([sampler.latents(clips[i:i + 8], w_t=3.0, w_m=1.5, motion=True, steps=a.steps, shift=3.0, seed=0)
                   for i in range(0, len(clips), 8)])
    print(f"sampled {len(clips)} clips in {time.time() - t0:.0f} s", flush=True)
    if lat is not None: atomic_write(lat, lambda tmp: np.savez_compressed(tmp, z=z.numpy(), meta=np.array(meta)), suffix='.npz')
track_fn, track_name = get_tracker(a.tracker)
world = MotionWorld.from_preset('toy')
on = [world.sprite_alpha(world.scene(c.seed), len(c.frames)) > 0.5 for c in clips]
still = [np.repeat(c.frames[:1], len(c.frames), 0) for c in clips]
rows, videos = {BASELINES[0]: score_videos(clips, still, track_fn)}, {BASELINES[0]: still}
for p, vae in zip(a.vaes, vaes):
    name = Path(p).parent.name if Path(p).parent.name not in ('', '.') else Path(p).stem
    with torch.no_grad():
        videos[f'joint guidance, decoded by {name}'] = [tensor_to_video(vae.decode(zi[None])) for zi in z]
        videos[f'VAE reconstruction, {name}'] = [tensor_to_video(vae.decode(vae.encode(video_to_tensor(c.frames)))) for c in clips]
    for k in (f'joint guidance, decoded by {name}', f'VAE reconstruction, {name}'): rows[k] = score_videos(clips, videos[k], track_fn)
r = dict(info=dict(clips=len(clips), split='test', frames=81, tracks=int(clips[0].tracks.shape[1]), steps=a.steps, shift=3.0,
                   tracker=track_name, tracker_epe_on_truth=float('nan'), lpips=None), rows=rows)
print(f"test clips {clips[0].seed}..{clips[-1].seed}, {a.steps} steps, tracker {track_name}")
print('| row | PSNR (dB) | SSIM | EPE (px) | |RGB err| on objects | off objects |\n| --- | --- | --- | --- | --- | --- |')
for k, v in rows.items():
    o = [object_errors(c.frames[1:], vid[1:], m[1:]) for c, vid, m in zip(clips, videos[k], on)]
    print(f"| {k} | {v['psnr']:.2f} | {v['ssim']:.3f} | {v['epe']:.2f} | {np.nanmean([x[0] for x in o]):.1f} | {np.mean([x[1] for x in o]):.1f} |")
for k in rows:
    if k.startswith('joint'): print(); print(bar_check(r, k, [BASELINES[0]])[1])
print(f"{time.time() - t0:.0f} s")
