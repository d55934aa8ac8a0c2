"""Can the issue's bar be passed at all, and what does the VAE cost? Scores four videos that need no model (07c, eleventh look).
Usage: python tools/warp_oracle.py [--clips 16 --frames 81 --vae runs/retrain/toy_vae.safetensors --tracker lk]
On the held-out motion-transfer set of `ms-eval` (the first CLIPS test clips, FRAMES frames) it prints PSNR, SSIM and EPE,
scored exactly as `ms-eval` scores its rows (`score_videos`), of
  still (raw)                the first frame repeated: the issue's baseline,
  still through the VAE      the same video encoded and decoded by the toy VAE (what decoding alone costs),
  warped (raw)               the first frame warped along the true tracks: every pixel of frame k takes the colour of
                             frame 0 where its nearest visible track (in frame k) was in frame 0 (bilinear, cv2.remap);
                             no new content where something is uncovered: a teacher that only follows the tracks,
  warped through the VAE     that video encoded and decoded: the same follower limited to the VAE's quality.
About 3 min on the 2-core CPU."""
import argparse
import numpy as np, torch, cv2
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.eval import motion_transfer_set, score_videos
from motionstream.metrics import get_tracker

ap = argparse.ArgumentParser()
ap.add_argument('--clips', type=int, default=16); ap.add_argument('--frames', type=int, default=81)
ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors'); ap.add_argument('--tracker', default='lk')
ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads)
vae = load_vae(a.vae).eval()
clips = motion_transfer_set(a.clips, 'test', a.frames)
tracker = get_tracker(a.tracker)[0]

def through_vae(video):
    with torch.no_grad(): return tensor_to_video(vae.decode(vae.encode(video_to_tensor(video))))

def warped(c):
    "Frame 0 pulled along the nearest visible track of each pixel (backward warp)."
    H, W = c.frames.shape[1:3]
    ys, xs = np.mgrid[0:H, 0:W]
    P = torch.as_tensor(np.stack([xs, ys], -1).reshape(-1, 2), dtype=torch.float32) + 0.5     # pixel centres
    out = [c.frames[0]]
    for k in range(1, len(c.frames)):
        ok = c.visible[k] & c.visible[0]
        if not ok.any(): out.append(c.frames[0]); continue
        j = torch.cdist(P, torch.as_tensor(c.tracks[k][ok], dtype=torch.float32)).argmin(1).numpy()
        back = (c.tracks[0][ok] - c.tracks[k][ok])[j]                                         # where that track was in frame 0
        mx = (P[:, 0].numpy() + back[:, 0] - 0.5).reshape(H, W).astype(np.float32)
        my = (P[:, 1].numpy() + back[:, 1] - 0.5).reshape(H, W).astype(np.float32)
        out.append(cv2.remap(c.frames[0], mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
    return np.stack(out)

still = [np.repeat(c.frames[:1], len(c.frames), 0) for c in clips]
warp = [warped(c) for c in clips]
rows = {'still (raw)': still, 'still through the VAE': [through_vae(v) for v in still],
        'warped along the true tracks (raw)': warp, 'warped, through the VAE': [through_vae(v) for v in warp]}
print(f"{len(clips)} test clips x {a.frames} frames, tracker {a.tracker}")
print('| video | PSNR (dB) | SSIM | EPE (px) |\n| --- | --- | --- | --- |')
for name, v in rows.items():
    r = score_videos(clips, v, tracker)
    print(f"| {name} | {r['psnr']:.2f} | {r['ssim']:.3f} | {r['epe']:.2f} |", flush=True)
