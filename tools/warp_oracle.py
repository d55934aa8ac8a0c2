"""Can the issue's bar be passed at all, and what does the VAE cost? Scores videos that need no model (07c, eleventh and sixteenth looks).
Usage: python tools/warp_oracle.py [--clips 16 --frames 81 --vae runs/retrain/toy_vae.safetensors --tracker lk --motion 1
                                    --rows still still_vae warp warp_vae]
On the held-out motion-transfer set of `ms-eval` (the first CLIPS test clips, FRAMES frames) it prints PSNR, SSIM and EPE,
scored exactly as `ms-eval` scores its rows (`score_videos`), of each row asked for (every one raw, and with `_vae` encoded
and decoded by the toy VAE):
  still      the first frame repeated: the issue's baseline (still_vae: what decoding alone costs),
  warp       the first frame warped along the true tracks: every pixel of frame k takes the colour of frame 0 where its
             nearest visible track (in frame k) was in frame 0 (bilinear, cv2.remap); no new content where something is
             uncovered: a teacher that only follows the tracks (warp_vae: the same follower limited to the VAE's quality),
  cell       the same follower told only what Eq. 1 tells the DiT: which latent cell (STRIDE pixels) each track is in, in
             frame 0 and in frame k. Each cell of frame k moves back by the mean cell displacement of the tracks in it (cells
             without tracks take the nearest cell's), a whole number of cells per track; pixels take that of their cell,
  cell_smooth  the same field interpolated bilinearly between cell centres,
  true       the true clip (true_vae: the VAE reconstruction, the `ms-eval` reference row; true: the tracker's own floor),
  latent_copy  in latent space: each latent pixel of latent frame k >= 1 takes the still video's latent at the frame-0 latent
             pixel most of its tracks started in (`copy_targets`, the x0 probe's "copy the source pixel" bound), others
             keep their own; decoded. What a DiT that copied along the tracks by attention would produce.
--motion scales MotionWorld's camera pans and sprite paths (`MotionWorld(motion=)`; the toy world and `ms-eval` use 1).
With `still` among the rows it also prints each other row's gap to it, clip by clip, as `bar_check` does.
About 1.3 min per row pair on the 2-core CPU."""
import argparse
import numpy as np, torch, cv2
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.data import MotionWorld
from motionstream.eval import motion_transfer_set, score_videos, paired_gap
from motionstream.metrics import get_tracker
from motionstream.train.copy_loss import copy_targets

ROWS = {'still': 'first frame repeated', 'warp': 'first frame warped along the true tracks',
        'cell': 'first frame moved by whole latent cells (what Eq. 1 tells)', 'cell_smooth': 'the same, field interpolated between cells',
        'true': 'the true clip', 'latent_copy': 'latent pixels copied from their source in frame 0, decoded'}
ap = argparse.ArgumentParser()
ap.add_argument('--clips', type=int, default=16); ap.add_argument('--frames', type=int, default=81)
ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors'); ap.add_argument('--tracker', default='lk')
ap.add_argument('--threads', type=int, default=2); ap.add_argument('--motion', type=float, default=1.0)
ap.add_argument('--rows', nargs='+', default=['still', 'still_vae', 'warp', 'warp_vae'],
                choices=[r + s for r in ROWS for s in ('', '_vae') if r != 'latent_copy'] + ['latent_copy'])
a = ap.parse_args()
torch.set_num_threads(a.threads)
vae = load_vae(a.vae).eval()
S = vae.config.stride_s
clips = motion_transfer_set(a.clips, 'test', a.frames, world=MotionWorld.from_preset('toy', motion=a.motion))
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

def cell_warped(c, smooth=False):
    "Frame 0 moved back by each latent cell's mean displacement in whole cells: only the cells Eq. 1 puts each track in."
    H, W = c.frames.shape[1:3]; gh, gw = H // S, W // S
    cy, cx = np.mgrid[0:gh, 0:gw]
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float32)
    out = [c.frames[0]]
    for k in range(1, len(c.frames)):
        ok = c.visible[k] & c.visible[0]
        if not ok.any(): out.append(c.frames[0]); continue
        ck = np.clip(np.floor(c.tracks[k][ok] / S).astype(int), 0, [gw - 1, gh - 1])           # (x, y) cells in frame k
        c0 = np.clip(np.floor(c.tracks[0][ok] / S).astype(int), 0, [gw - 1, gh - 1])           # and in frame 0
        acc, cnt = np.zeros((gh, gw, 2)), np.zeros((gh, gw))
        np.add.at(acc, (ck[:, 1], ck[:, 0]), (c0 - ck) * S); np.add.at(cnt, (ck[:, 1], ck[:, 0]), 1)
        has = cnt > 0
        field = np.zeros((gh, gw, 2)); field[has] = acc[has] / cnt[has][:, None]
        if (~has).any():                                                                       # empty cells: the nearest filled one
            P, Q = np.stack([cx[has], cy[has]], -1), np.stack([cx[~has], cy[~has]], -1)
            field[~has] = field[has][((Q[:, None] - P[None]) ** 2).sum(-1).argmin(1)]
        f = cv2.resize(field.astype(np.float32), (W, H), interpolation=cv2.INTER_LINEAR if smooth else cv2.INTER_NEAREST)
        out.append(cv2.remap(c.frames[0], xs + f[..., 0], ys + f[..., 1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT))
    return np.stack(out)

def latent_copy(c):
    "The still video's latents, each latent pixel of frame k >= 1 copied from its tracks' source latent pixel; decoded."
    with torch.no_grad():
        z = vae.encode(video_to_tensor(np.repeat(c.frames[:1], len(c.frames), 0)))
        L, h, w = z.shape[2:]
        src = copy_targets(c.tracks, c.visible, L, S, (h, w))                  # (L, h*w): source latent pixel, -1 if none
        own = torch.arange(h * w).expand(L, -1)
        src = torch.where(src >= 0, src, own)
        zf = z.flatten(3)
        out = torch.stack([zf[:, :, k, src[k]] if k else zf[:, :, 0] for k in range(L)], 2).reshape(z.shape)
        return tensor_to_video(vae.decode(out))

make = {'still': lambda c: np.repeat(c.frames[:1], len(c.frames), 0), 'warp': warped, 'cell': cell_warped,
        'cell_smooth': lambda c: cell_warped(c, True), 'true': lambda c: c.frames, 'latent_copy': latent_copy}
disp = np.concatenate([np.linalg.norm(c.tracks[-1] - c.tracks[0], axis=-1)[c.visible[-1] & c.visible[0]] for c in clips])
print(f"{len(clips)} test clips x {a.frames} frames, MotionWorld motion {a.motion:g}, tracker {a.tracker}; "
      f"tracks visible in the first and last frame moved {disp.mean():.1f} px on average (median {np.median(disp):.1f})")
print('| video | PSNR (dB) | SSIM | EPE (px) |\n| --- | --- | --- | --- |')
res, raw = {}, {}
for row in a.rows:
    base = row.removesuffix('_vae')
    if base not in raw: raw[base] = [make[base](c) for c in clips]     # made once, when a row and its _vae are both asked for
    v = [through_vae(x) for x in raw[base]] if row.endswith('_vae') else raw[base]
    r = res[row] = score_videos(clips, v, tracker)
    print(f"| {ROWS[base]}{', through the VAE' if row.endswith('_vae') else ''} | {r['psnr']:.2f} | {r['ssim']:.3f} | {r['epe']:.2f} |", flush=True)
if 'still' in res:    # the test against its first baseline, for each row: is the gap per clip clearly above zero?
    print('\ngap to the first frame repeated, per clip (+ = better, bootstrap 95% interval, clips won):')
    for row in res:
        if row == 'still': continue
        g = {m: paired_gap({'rows': res}, row, 'still', m) for m in ('psnr', 'epe')}
        print(f"- {row}: PSNR {g['psnr']['mean']:+.2f} dB [{g['psnr']['lo']:+.2f}, {g['psnr']['hi']:+.2f}] {g['psnr']['wins']}/{g['psnr']['n']}; "
              f"EPE {g['epe']['mean']:+.2f} px [{g['epe']['lo']:+.2f}, {g['epe']['hi']:+.2f}] {g['epe']['wins']}/{g['epe']['n']}")
