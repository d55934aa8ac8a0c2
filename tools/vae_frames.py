"""Does a causal VAE decode the late frames of a long clip as well as the early ones? (07c, twentieth look)
Usage: python tools/vae_frames.py [VAE ...] [--tiny TINY ...] [--clips 8 --split test --frames 81 --own 40 --threads 2]
For each VAE (default: runs/retrain/toy_vae.safetensors) it encodes and decodes the first CLIPS clips of SPLIT (FRAMES
frames) and prints the reconstruction's PSNR against the truth per latent frame (pixel frame 0, then frames 4k-3..4k),
averaged over the clips. With --own S it also encodes and decodes frames S..FRAMES-1 as a clip of their own and prints
the same frames' PSNR beside it: the same pixels, but near the start of a clip. A VAE that only trained on short clips
decodes them clearly better there (the clip's start is within its temporal receptive field); one that is at home in long
clips does not. A third row per VAE: how much a change of latent frame 0 still moves each decoded frame (the decoder's
temporal reach). `--tiny` adds the same rows for Tiny VAE decoders, decoding the latents of the first VAE's encoder.
About 20 s per decoder on the 2-core CPU."""
import argparse
import numpy as np, torch
from motionstream.vae import load_vae, video_to_tensor
from motionstream.eval import motion_transfer_set

ap = argparse.ArgumentParser()
ap.add_argument('vaes', nargs='*', default=['runs/retrain/toy_vae.safetensors'])
ap.add_argument('--clips', type=int, default=8); ap.add_argument('--split', default='test'); ap.add_argument('--frames', type=int, default=81)
ap.add_argument('--own', type=int, default=40, help='first frame of the clip of its own (1 + 4k after frame 0: 4k)')
ap.add_argument('--tiny', nargs='*', default=[], help='Tiny VAE checkpoints to measure on the first VAE\'s latents')
ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads)
if a.own % 4: raise SystemExit(f"--own must be a multiple of 4 (a latent frame boundary), got {a.own}")
clips = motion_transfer_set(a.clips, a.split, a.frames)

def per_latent(rec, x):
    "PSNR per latent frame: pixel frame 0, then the 4 pixel frames of each later latent frame."
    mse = ((rec - x) ** 2).mean((0, 1, 3, 4)) / 4                 # frames in [-1, 1]: peak-to-peak 2
    p = (10 * torch.log10(1 / mse)).numpy()
    return np.array([p[0]] + [p[4 * j - 3:4 * j + 1].mean() for j in range(1, (len(p) - 1) // 4 + 1)])

F = 1 + (a.frames - 1) // 4; j0 = a.own // 4                  # latent frame of pixel frame `own`
vaes = [load_vae(p).eval() for p in a.vaes]
rows = [(p, v, v) for p, v in zip(a.vaes, vaes)]               # (name, encoder, decoder)
if a.tiny:
    from motionstream.tiny_vae import load_tiny_vae
    rows += [(f"{p} (Tiny VAE, on the latents of {a.vaes[0]})", vaes[0], load_tiny_vae(p).eval()) for p in a.tiny]
for path, enc, dec in rows:
    full, own = [], []
    with torch.no_grad():
        for c in clips:
            x = video_to_tensor(c.frames)
            full.append(per_latent(dec.decode(enc.encode(x)), x))
            if a.own: own.append(per_latent(dec.decode(enc.encode(x[:, :, a.own:])), x[:, :, a.own:]))
        z = enc.encode(video_to_tensor(clips[0].frames))
        z2 = z.clone(); z2[:, :, 0] += 1.0
        reach = (dec.decode(z, clamp=False) - dec.decode(z2, clamp=False)).abs().mean((0, 1, 3, 4)).numpy()
    full = np.mean(full, 0)
    print(f"\n{path}: reconstruction PSNR (dB) per latent frame, {a.clips} {a.split} clips x {a.frames} frames")
    print('latent frame       ' + ' '.join(f"{j:5d}" for j in range(F)))
    print('in the whole clip  ' + ' '.join(f"{v:5.1f}" for v in full))
    if a.own:
        o = np.mean(own, 0)
        # the own clip's frame 0 is pixel frame `own`, the last of latent frame j0; its latent frame 1 is latent frame j0 + 1
        print(f'frames {a.own}-{a.frames - 1} alone'.ljust(19) + '      ' * (j0 + 1) + ' '.join(f"{v:5.1f}" for v in o[1:]))
        print(f"mean over latent frames {j0 + 1}-{F - 1}: {full[j0 + 1:].mean():.2f} dB in the whole clip, {o[1:].mean():.2f} dB alone")
    print('reach of latent 0  ' + ' '.join(f"{reach[max(0, 4 * j)]:5.0e}" for j in range(F)))
