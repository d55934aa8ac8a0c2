"""Are the moving objects in the latents? A quick probe (07c, twenty-seventh look): fine-tune a VAE's decoder alone
(`dec`) or the whole VAE (`full`) with the pixel loss weighted OBJECT_WEIGHT times more on the sprites, and print the mean
absolute RGB error (0-255) of the reconstruction on sprite pixels (coverage > 1/2) and off them, on test clips 0-7
(clips of FRAMES frames; on objects in frame 0 and in the later frames apart), every 100 steps. If the decoder alone
brings the objects back, the encoder has kept them. Constant learning rate, random training clips (BATCH of them: 8 by
default for 1-frame clips, else 2), AdamW, gradient clipping at 1.
Usage: python tools/decoder_probe.py dec|full STEPS OBJECT_WEIGHT FRAMES [LR 3e-4] [--batch B] [--vae runs/retrain/vaedec/toy_vae.safetensors]"""
import argparse, time
import numpy as np, torch
from motionstream.data import MotionWorld, split_seeds, SPLITS, SPLIT_SIZE
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video, recon_loss
from motionstream.train.vae import object_weights, object_errors

ap = argparse.ArgumentParser()
ap.add_argument('mode', choices=['dec', 'full']); ap.add_argument('steps', type=int); ap.add_argument('object_weight', type=float)
ap.add_argument('frames', type=int); ap.add_argument('lr', type=float, nargs='?', default=3e-4)
ap.add_argument('--vae', default='runs/retrain/vaedec/toy_vae.safetensors'); ap.add_argument('--batch', type=int, default=None); ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(0)
w = MotionWorld.from_preset('toy')
vae = load_vae(a.vae)
for n, p in vae.named_parameters(): p.requires_grad_(a.mode == 'full' or n.startswith(('decoder', 'conv2')))
params = [p for p in vae.parameters() if p.requires_grad]
opt = torch.optim.AdamW(params, lr=a.lr, weight_decay=0, betas=(0.9, 0.99))

def evaluate(T):
    errs = []
    for s in split_seeds('test', 8):
        sc = w.scene(s); frames = w.render(sc, T).frames
        with torch.no_grad(): rec = tensor_to_video(vae.decode(vae.encode(video_to_tensor(frames))))
        on = w.sprite_alpha(sc, T) > 0.5
        errs.append(object_errors(frames, rec, on) + (object_errors(frames[:1], rec[:1], on[:1])[0],
                                                      object_errors(frames[1:], rec[1:], on[1:])[0] if T > 1 else np.nan))
    return tuple(np.nanmean([e[i] for e in errs]) for i in range(4))

REPORT = 'on objects %.1f (frame 0 %.1f, later frames %.1f), off %.1f'
def report(): o, b, o0, o1 = evaluate(a.frames); return REPORT % (o, o0, o1, b)
print('step 0: ' + report(), flush=True)
rng = np.random.default_rng(0); t0 = time.time()
for step in range(a.steps):
    scenes = [w.scene(SPLITS['train'] + int(rng.integers(0, SPLIT_SIZE))) for _ in range(a.batch or (8 if a.frames == 1 else 2))]
    x = torch.cat([video_to_tensor(w.render(sc, a.frames).frames) for sc in scenes])
    alpha = torch.from_numpy(np.stack([w.sprite_alpha(sc, a.frames) for sc in scenes]))[:, None]
    if a.mode == 'full':
        mu, lv = vae.encode_moments(x); z = vae.normalize(mu + torch.randn_like(mu) * (0.5 * lv).exp())
    else:
        with torch.no_grad(): z = vae.encode(x)
    loss, _ = recon_loss(vae.decode(z, clamp=False), x, weight=object_weights(alpha, a.object_weight))
    opt.zero_grad(); loss.backward(); torch.nn.utils.clip_grad_norm_(params, 1.0); opt.step()
    if (step + 1) % 100 == 0: print(f'step {step + 1} ({time.time() - t0:.0f} s): ' + report(), flush=True)
