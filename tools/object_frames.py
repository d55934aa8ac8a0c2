"""Where a VAE loses the objects: the mean absolute RGB error (0-255) of its reconstruction on the pixels the sprites cover
(`MotionWorld.sprite_alpha` > 1/2) and on the rest, by frame range (0, 1-4, 5-20, 21-80), and on the objects by how fast the
sprite points move (px/frame), on test clips 0..N-1 x 81 frames (07c, twenty-seventh look).
Usage: python tools/object_frames.py VAE [N=8]"""
import sys, numpy as np, torch
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.data import MotionWorld, split_seeds
torch.set_num_threads(2)
w = MotionWorld.from_preset('toy')
vae = load_vae(sys.argv[1]); n = int(sys.argv[2]) if len(sys.argv) > 2 else 8
by_pos = {k: [] for k in ('f0', 'f1-4', 'f5-20', 'f21-80')}; by_speed = {}
bg = {k: [] for k in by_pos}
for s in split_seeds('test', n):
    sc = w.scene(s); c = w.render(sc, 81); a = w.sprite_alpha(sc, 81) > 0.5
    with torch.no_grad(): rec = tensor_to_video(vae.decode(vae.encode(video_to_tensor(c.frames))))
    err = np.abs(rec.astype(np.float32) - c.frames.astype(np.float32)).mean(-1)
    for k, sl in (('f0', slice(0, 1)), ('f1-4', slice(1, 5)), ('f5-20', slice(5, 21)), ('f21-80', slice(21, 81))):
        if a[sl].any(): by_pos[k].append(err[sl][a[sl]].mean())
        bg[k].append(err[sl][~a[sl]].mean())
    # speed: per frame, mean displacement of visible sprite points since the previous frame
    on = (c.owner > 0)
    for t in range(1, 81):
        v = c.visible[t, on] & c.visible[t - 1, on]
        if v.sum() < 5 or not a[t].any(): continue
        sp = np.linalg.norm(c.tracks[t, on][v] - c.tracks[t - 1, on][v], axis=1).mean()
        b = 'still <0.25' if sp < 0.25 else 'slow 0.25-1' if sp < 1 else 'fast >1'
        by_speed.setdefault(b, []).append(err[t][a[t]].mean())
print(sys.argv[1])
print('objects by frame range:', {k: round(float(np.mean(v)), 1) for k, v in by_pos.items()})
print('background by frame range:', {k: round(float(np.mean(v)), 1) for k, v in bg.items()})
print('objects by sprite speed (px/frame), frames 1-80:', {k: (round(float(np.mean(v)), 1), len(v)) for k, v in by_speed.items()})
