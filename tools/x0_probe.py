"""How well does a teacher know the next latent frames? A fast, low-noise probe of the first-frame copy (notebook 07c, seventh look).
Usage: python tools/x0_probe.py RUN [--clips 8 --split test --frames 81 --threads 2 --moved [--by_distance] --arch runs/retrain/teacher/toy_teacher.safetensors
                                     --vae runs/retrain/toy_vae.safetensors --attn_ref_keys N]
RUN: a run folder with state.pt (its EMA weights) or a finished DiT checkpoint (toy_text.safetensors beside it),
loaded as in tools/early_look.py. On the first CLIPS clips of SPLIT (FRAMES frames, all 625 tracks, their captions;
`--split train` takes clips the teacher trained on, which tells under- from overfitting) it
noises the true latents to flow time t with one fixed noise draw, reads the teacher's x0 prediction
x0 = z_t - t v (the posterior mean, at t = 1 the model's best guess from the first frame, caption and tracks
alone) and prints its mean squared error per latent frame, with the tracks and without, beside the error of
the latents of the *still* video (frame 0 repeated, encoded by the same VAE). A sample's error is roughly
twice the posterior mean's, so a teacher whose t = 1 row is not well below the still row cannot beat the
repeated first frame. `--moved` prints the table over the *moved* latent pixels only instead: those of latent frame k
whose tracks started at another latent pixel of frame 0 (`--by_distance` also splits them by how many latent cells away
that pixel is; `copy_targets` of notebook 06b at one latent pixel per cell, so
the set is the same for every DiT patch size). There the still video is wrong, and only a teacher that fetches content
along the tracks can be right. Two bounds on what fetching can give are printed beside it, both built from the still
video's latents of the same frame (frame 0's content in latent frame k's code; latent frame 0 itself is coded
differently by the causal VAE):
  copy the source token    each patch-2 token takes the still latents of the frame-0 token most of its tracks came from
                           (what the copy loss teaches a patch-2 DiT),
  copy the source pixel    each latent pixel takes those of the frame-0 latent pixel its tracks came from (patch 1).
Deterministic, about 30 s on the 2-core CPU for a patch-2 DiT (81 frames), 2-3 min for patch 1."""
import argparse, torch, numpy as np
from einops import rearrange
from motionstream.dit import i2v_condition
from motionstream.vae import load_vae, video_to_tensor
from motionstream.flow import add_noise
from teacher_state import load_teacher
from motionstream.eval import motion_transfer_set, clip_condition, TeacherSampler
from motionstream.train.copy_loss import copy_targets

ap = argparse.ArgumentParser()
ap.add_argument('run'); ap.add_argument('--clips', type=int, default=8); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--split', default='test'); ap.add_argument('--frames', type=int, default=81)
ap.add_argument('--arch', default='runs/retrain/teacher/toy_teacher.safetensors'); ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors')
ap.add_argument('--moved', action='store_true')
ap.add_argument('--by_distance', action='store_true', help='with --moved: also split the moved latent pixels by how far '
                'their source is (latent cells), pooled over latent frames 1..F-1')
ap.add_argument('--attn_ref_keys', type=int, default=None, help="scale the DiT's self-attention logits by "
                'log(keys) / log(N) (notebook 05; 0: off; default: as its checkpoint says)')
a = ap.parse_args()
if a.by_distance and not a.moved: ap.error('--by_distance splits the moved latent pixels: give --moved too')
torch.set_num_threads(a.threads)
model, what = load_teacher(a.run, a.arch, attn_ref_keys=a.attn_ref_keys)
dit, text, vae = model.dit.eval(), model.text.eval(), load_vae(a.vae).eval()
cfg = TeacherSampler(dit, text, vae, 'cpu').cfg
clips = motion_transfer_set(a.clips, a.split, a.frames)
fr = [k for k in (1, 2, 3, 5, 8, 10, 20) if k <= (a.frames - 1) // 4]
with torch.no_grad():
    z0 = torch.cat([vae.encode(video_to_tensor(c.frames)) for c in clips])
    still = torch.cat([vae.encode(video_to_tensor(np.repeat(c.frames[:1], len(c.frames), 0))) for c in clips])
    y = i2v_condition(z0[:, :, :1], z0.shape[2])
    ctx, c_m = text.encode([c.caption for c in clips]), torch.stack([clip_condition(c, cfg) for c in clips])
    noise = torch.randn(z0.shape, generator=torch.Generator().manual_seed(0))
    if a.moved:                                                    # m (B, 1, F, h, w): 1 on moved latent pixels
        B, C, F_, h, w = z0.shape
        s_ = vae.config.stride_s
        def sources(cell):                                          # (B, F, cells): the source cell per cell, itself where none
            src = torch.stack([copy_targets(c.tracks, c.visible, F_, s_ * cell, (h // cell, w // cell), min_tracks=1) for c in clips])
            return torch.where(src >= 0, src, torch.arange(src.shape[-1]))
        px = sources(1)
        m = (px != torch.arange(h * w)).float().view(B, 1, F_, h, w)
        m[:, :, 0] = 0
        n_moved = m.sum((0, 1, 3, 4))
        err = lambda x: ((x - z0).square() * m).sum((0, 1, 3, 4)) / (m.sum((0, 1, 3, 4)) * C).clamp(min=1)
        def copy_from(cell, src):                                   # still latents of each cell's source cell, same frame
            tok = rearrange(still, 'b c f (h p) (w q) -> b f (h w) (c p q)', p=cell, q=cell)
            got = torch.gather(tok, 2, src[..., None].expand(-1, -1, -1, tok.shape[-1]))
            return rearrange(got, 'b f (h w) (c p q) -> b c f (h p) (w q)', h=h // cell, p=cell, q=cell)
        bounds = {'copy the source token (patch 2)': copy_from(2, sources(2)), 'copy the source pixel (patch 1)': copy_from(1, px)}
    else: err = lambda x: (x - z0).square().mean((0, 1, 3, 4))       # per latent frame
    where = 'on moved latent pixels only' if a.moved else 'per latent frame'
    print(f"{what}; {len(clips)} {a.split} clips of {a.frames} frames; MSE of x0 {where}")
    if a.moved:
        print(f"(the causal VAE codes latent frame 0 alone: mean per-channel std {z0[:, :, 0].std((0, 2, 3)).mean():.2f} there, "
              f"{z0[:, :, 1:].std((0, 2, 3, 4)).mean():.2f} in the later latent frames)")
    print('| x0 | ' + ' | '.join(f'frame {k}' for k in fr) + ' |'); print('| --- |' + ' --- |' * len(fr))
    row = lambda name, e: print(f'| {name} | ' + ' | '.join(f'{e[k]:.3f}' for k in fr) + ' |')
    if a.moved:
        print('| moved latent pixels | ' + ' | '.join(f'{int(n_moved[k])}' for k in fr) + ' |')
    row('latents of the still video', err(still))
    if a.moved:
        for name, b in bounds.items(): row(f'bound: {name}', err(b))
    x0_t1 = {}
    for t in (1.0, 0.95, 0.8, 0.5):
        tt = torch.full((len(clips),), t); zt = add_noise(z0, noise, tt)
        for name, cm in (('tracks', c_m), ('no tracks', None)):
            x0 = zt - t * dit(zt, tt, ctx, y, cm)
            row(f't = {t}, {name}', err(x0))
            if a.by_distance and t == 1.0: x0_t1[name] = x0
    if a.moved and a.by_distance:                                  # pooled over frames, by source distance
        ij = torch.stack(torch.meshgrid(torch.arange(h), torch.arange(w), indexing='ij'), -1).view(-1, 2).float()
        dist = (ij[px] - ij).norm(dim=-1).view(B, 1, F_, h, w)     # cells from each latent pixel to its source
        bins = ((0.5, 1.5), (1.5, 3.5), (3.5, 99))
        def err_bin(x, lo, hi):
            mb = m * ((dist > lo) & (dist <= hi)).float()
            return float(((x - z0).square() * mb).sum() / (mb.sum() * C).clamp(min=1))
        print(); print('| x0, moved latent pixels by distance to their source | ' + ' | '.join(
            f'{lo:g}-{hi:g} cells' if hi < 99 else f'> {lo:g} cells' for lo, hi in bins) + ' |')
        print('| --- |' + ' --- |' * len(bins))
        print('| moved latent pixels | ' + ' | '.join(str(int((m * ((dist > lo) & (dist <= hi)).float()).sum())) for lo, hi in bins) + ' |')
        for name, x in [('latents of the still video', still), *[(f'bound: {k}', b) for k, b in bounds.items()],
                        *[(f't = 1, {k}', v) for k, v in x0_t1.items()]]:
            print(f'| {name} | ' + ' | '.join(f'{err_bin(x, lo, hi):.3f}' for lo, hi in bins) + ' |')
