"""Does the teacher look back at the right place? An attention probe of the first-frame copy (notebook 07c, tenth look).
Usage: python tools/attn_probe.py CKPT [--clips 4 --t 1.0 --frames 81 --threads 2 --vae runs/retrain/toy_vae.safetensors
                                        --plot runs/retrain/attn_probe.png]
CKPT: a DiT checkpoint with toy_text.safetensors beside it, or a run folder with state.pt (as tools/x0_probe.py).

To continue the clip, a token of latent frame k has to fetch the first frame's content from where that content
*started*: the frame-0 token its tracks came from (the source token). For every query token of latent frames
2 / 5 / 10 / 20 that holds at least two tracks visible in both frames, we take the source token (the most common
frame-0 token of its tracks) and read each layer's self-attention (softmax of the roped, normalised q.k, all heads):
  to f0     the attention mass on the 64 frame-0 keys,
  @src      the share of that frame-0 mass on the source token,
  @same     the share on the token at the query's own position (what a still frame would copy),
  rank      how often the source token is the frame-0 key with the most attention.
`--head H` reads head H of every layer alone instead of the mean over heads (the copy loss of notebook 06b supervises
head 0 of block 1).
Only queries whose source token differs from their own position ("moved") tell copying along the tracks from
copying in place; we print both groups, with the tracks and without them (c_m dropped). The true latents are
noised to flow time t with one fixed draw, as in x0_probe. About 15 s on the 2-core CPU."""
import argparse, torch, numpy as np
from collections import defaultdict
from motionstream.dit import i2v_condition, SelfAttention
from motionstream.vae import load_vae, video_to_tensor
from motionstream.flow import add_noise
from motionstream.eval import motion_transfer_set, clip_condition, TeacherSampler
from motionstream.train.copy_loss import copy_targets
from teacher_state import load_teacher

ap = argparse.ArgumentParser()
ap.add_argument('ckpt'); ap.add_argument('--clips', type=int, default=4); ap.add_argument('--t', type=float, default=1.0)
ap.add_argument('--frames', type=int, default=81); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--arch', default='runs/retrain/teacher/toy_teacher.safetensors'); ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors')
ap.add_argument('--plot', default=''); ap.add_argument('--head', type=int, default=-1)
a = ap.parse_args()
torch.set_num_threads(a.threads)
model, what = load_teacher(a.ckpt, a.arch)
dit, text, vae = model.dit.eval(), model.text.eval(), load_vae(a.vae).eval()
cfg = TeacherSampler(dit, text, vae, 'cpu').cfg
clips = motion_transfer_set(a.clips, 'test', a.frames)
H, W = clips[0].frames.shape[1:3]
ps = dit.config.patch_size[1] * vae.config.stride_s                     # pixels per token side
hh, ww = H // ps, W // ps
ks = [k for k in (2, 5, 10, 20) if k <= (a.frames - 1) // 4]

captured = []
def grab(mod, args): captured.append(tuple(t.detach() for t in mod.qkv(args[0], args[1])[:2]))
hooks = [m.register_forward_pre_hook(grab) for m in dit.modules() if isinstance(m, SelfAttention)]

def sources(c, k):
    "Per query token of latent frame k: (row, col, source row, source col), for tokens with >= 2 tracks seen in both frames."
    src = copy_targets(c.tracks, c.visible, (len(c.tracks) - 1) // 4 + 1, ps, (hh, ww), min_tracks=2)[k]
    return [(q // ww, q % ww, t // ww, t % ww) for q, t in enumerate(src.tolist()) if t >= 0]

stats = defaultdict(lambda: defaultdict(list))     # (cond, group) -> layer -> list of (to_f0, at_src, at_same, top1)
maps = {}
with torch.no_grad():
    for ci, c in enumerate(clips):
        z0 = vae.encode(video_to_tensor(c.frames))
        y = i2v_condition(z0[:, :, :1], z0.shape[2])
        ctx, c_m = text.encode([c.caption]), clip_condition(c, cfg)[None]
        noise = torch.randn(z0.shape, generator=torch.Generator().manual_seed(ci))
        tt = torch.full((1,), a.t); zt = add_noise(z0, noise, tt)
        for cond, cm in (('tracks', c_m), ('no tracks', None)):
            captured.clear(); dit(zt, tt, ctx, y, cm)
            for layer, (q, kk) in enumerate(captured):
                q, kk = q[0].float(), kk[0].float()                       # (L, heads, d)
                for k in ks:
                    qs = sources(c, k)
                    if not qs: continue
                    qi = torch.tensor([k * hh * ww + r * ww + cc for r, cc, _, _ in qs])
                    logits = torch.einsum('qhd,khd->hqk', q[qi], kk) / q.shape[-1] ** 0.5
                    p = logits.softmax(-1)
                    p = p.mean(0) if a.head < 0 else p[a.head]          # (queries, L): heads averaged, or one head
                    p0 = p[:, :hh * ww]
                    share = p0 / p0.sum(-1, keepdim=True)
                    for j, (r, cc, sr, sc) in enumerate(qs):
                        g = 'moved' if (sr, sc) != (r, cc) else 'in place'
                        stats[(cond, g)][layer].append((p0[j].sum().item(), share[j, sr * ww + sc].item(),
                                                        share[j, r * ww + cc].item(), float(share[j].argmax().item() == sr * ww + sc)))
                    if ci == 0 and k == ks[-1] and cond == 'tracks':
                        maps[layer] = (qs, share)
for h in hooks: h.remove()

L = len(dit.blocks)
print(f"{what}; {len(clips)} test clips, t = {a.t}, latent frames {ks}; {'mean over heads' if a.head < 0 else f'head {a.head}'}; per layer: to f0 / @src / @same / rank-1 at source")
for g in ('moved', 'in place'):
    n = len(stats[('tracks', g)][0])
    print(f"\nqueries whose source token {'differs from' if g == 'moved' else 'is'} their own position: {n}")
    print('| layer | ' + ' | '.join(f'{cond}: to f0 / @src / @same / rank-1' for cond in ('tracks', 'no tracks')) + ' |')
    print('| --- | --- | --- |')
    for layer in range(L):
        cells = []
        for cond in ('tracks', 'no tracks'):
            m = np.array(stats[(cond, g)][layer]).mean(0)
            cells.append(f'{m[0]:.2f} / {m[1]:.2f} / {m[2]:.2f} / {m[3]:.2f}')
        print(f'| {layer} | ' + ' | '.join(cells) + ' |')
print(f"\nchance share of one frame-0 token: {1 / (hh * ww):.3f}")

if a.plot and maps:
    import matplotlib; matplotlib.use('Agg'); import matplotlib.pyplot as plt
    qs, _ = maps[0]
    moved = [j for j, (r, cc, sr, sc) in enumerate(qs) if (sr, sc) != (r, cc)]
    j = moved[0] if moved else 0
    r, cc, sr, sc = qs[j]
    fig, ax = plt.subplots(1, L + 1, figsize=(2.2 * (L + 1), 2.6))
    ax[0].imshow(clips[0].frames[0]); ax[0].set_title('frame 0'); ax[0].add_patch(plt.Rectangle((sc * ps - .5, sr * ps - .5), ps, ps, fill=False, ec='lime', lw=2))
    ax[0].add_patch(plt.Rectangle((cc * ps - .5, r * ps - .5), ps, ps, fill=False, ec='red', lw=1.5, ls='--'))
    for layer in range(L):
        ax[layer + 1].imshow(maps[layer][1][j].reshape(hh, ww).numpy(), cmap='magma')
        ax[layer + 1].add_patch(plt.Rectangle((sc - .5, sr - .5), 1, 1, fill=False, ec='lime', lw=2))
        ax[layer + 1].add_patch(plt.Rectangle((cc - .5, r - .5), 1, 1, fill=False, ec='red', lw=1.5, ls='--'))
        ax[layer + 1].set_title(f'layer {layer}')
    for x in ax: x.set_xticks([]); x.set_yticks([])
    fig.suptitle(f'attention of one latent-frame-{ks[-1]} query onto frame 0 (green: source token, red dashed: own position)', fontsize=9)
    fig.tight_layout(); fig.savefig(a.plot, dpi=110); print('wrote', a.plot)
