"""Can one roped attention head learn the track lookup from the raw codes? An isolated check behind notebook 06b.
Usage: python tools/lookup_head.py [--steps 300 --clips 200 --cache runs/retrain/latents --threads 1 --no_rope]

The copy loss asks head 0 of block 1 of the teacher to attend from each moved token of latent frame k to the
frame-0 token its tracks started in. Here the same task is given to a lone head that sees nothing but the tracks:
a token's input is its 2x2 latent cells' Eq. 1 codes averaged over its 4 video frames (256 numbers, what the
widened track head hands the patch embedding), q and k are linear maps of it, RMS-normalised and roped by
(frame, row, column) exactly as in the DiT (head dim 64), and it is trained with the copy loss on moved tokens
(AdamW, lr 1e-3, batches of 8 training clips with 250-625 random tracks). Printed: the share of moved tokens of 16
test clips (all 625 tracks) whose most-attended frame-0 key is the source, as training goes. `--no_rope` drops
the rotation, to see what RoPE costs. About 2 min on one core."""
import argparse, torch, numpy as np
from einops import rearrange
from motionstream.core import preset
from motionstream.dit import rope_angles, grid_positions, apply_rope
from motionstream.eval import motion_transfer_set, clip_condition
from motionstream.train.latents import LatentCache
from motionstream.train.teacher import track_condition
from motionstream.train.copy_loss import copy_targets, copy_loss

ap = argparse.ArgumentParser()
ap.add_argument('--steps', type=int, default=300); ap.add_argument('--clips', type=int, default=200)
ap.add_argument('--cache', default='runs/retrain/latents'); ap.add_argument('--threads', type=int, default=1)
ap.add_argument('--no_rope', action='store_true')
a = ap.parse_args()
torch.set_num_threads(a.threads); torch.manual_seed(0)
cfg = preset('toy', latent={'stride_s': 4})
T, F, G, D = 81, 21, 8, 64

def tokens(c_m):
    "(d, 81, 16, 16) -> (21*64 tokens, 256): each latent frame's 4 video frames averaged (frame 0 alone), 2x2 cells concatenated."
    x = torch.cat([c_m[:, :1], c_m[:, 1:].unflatten(1, (F - 1, 4)).mean(2)], 1)          # (d, 21, 16, 16)
    return rearrange(x, 'd f (h ph) (w pw) -> (f h w) (ph pw d)', ph=2, pw=2)

cache = LatentCache(a.cache, limit=a.clips)
test = motion_transfer_set(16, 'test', T)
test_x = torch.stack([tokens(clip_condition(c, cfg)) for c in test])
test_src = torch.stack([copy_targets(c.tracks, c.visible, F, 8, (G, G), moved_only=True) for c in test])
cos, sin = rope_angles(grid_positions(F, G, G), D)
wq, wk = torch.nn.Linear(256, D), torch.nn.Linear(256, D)
nq, nk = torch.nn.RMSNorm(D), torch.nn.RMSNorm(D)
params = [*wq.parameters(), *wk.parameters(), *nq.parameters(), *nk.parameters()]
opt = torch.optim.AdamW(params, lr=1e-3)

def qk(x):
    q, k = nq(wq(x))[:, :, None], nk(wk(x))[:, :, None]                                  # (B, L, 1 head, D)
    return (q, k) if a.no_rope else (apply_rope(q, cos, sin), apply_rope(k, cos, sin))

def evaluate():
    with torch.no_grad(): return copy_loss(*qk(test_x), test_src)[1]

print(f"lone head{' without RoPE' if a.no_rope else ''}; moved tokens of 16 test clips found at step 0: {evaluate():.3f}")
g = torch.Generator().manual_seed(0)
for step in range(1, a.steps + 1):
    ids = torch.randint(0, len(cache), (8,), generator=g).tolist()
    xs, ss = [], []
    for i in ids:
        c_m, idx = track_condition(cache.tracks[i], cache.visible[i], cfg.tracks.n_min, cfg.tracks.n_max, g, cfg, return_idx=True)
        xs.append(tokens(c_m)); ss.append(copy_targets(cache.tracks[i][:, idx], cache.visible[i][:, idx], F, 8, (G, G), moved_only=True))
    loss, acc = copy_loss(*qk(torch.stack(xs)), torch.stack(ss))
    opt.zero_grad(); loss.backward(); opt.step()
    if step % 50 == 0: print(f"step {step}: train loss {loss.item():.3f}, train found {acc:.3f}, test found {evaluate():.3f}")
