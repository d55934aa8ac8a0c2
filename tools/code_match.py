"""Do the tracks' codes say where a token's content started? A parameter-free check behind notebook 06b (07c, tenth look).
Usage: python tools/code_match.py [DIT.safetensors ...] [--clips 4]

For every token (8x8 pixels: stride-4 latents, patch 2) of latent frames 2 / 5 / 10 / 20 of the first CLIPS test clips,
its source token is the most common frame-0 token of the tracks in it (as tools/attn_probe.py). We ask whether the
frame-0 token whose code is most similar (cosine) to the query token's code is that source, where a token's code is
the sum over its 2x2 latent cells of
  - the raw Eq. 1 codes (64 dims) at video frame 4k, for 625 / 250 / 100 / 50 tracks (a random subset of the 625);
  - random projections of them to 16 / 32 / 64 dims (and the frame-0 map of each given DiT's track head);
  - each given DiT's track-head output for latent frame k (its 4 frames, 1x1x1 conv, bias removed), all 625 tracks.
Printed: the share of tokens whose best match is the source, for tokens whose source is another token ("moved") and
for the others. Deterministic, about 6 s on the 2-core CPU."""
import argparse, torch, numpy as np
from collections import defaultdict
from motionstream.core import preset
from motionstream.dit import load_dit
from motionstream.eval import motion_transfer_set, clip_condition
from motionstream.tracks import track_embedding, random_track_ids, rasterize_tracks
from motionstream.train.copy_loss import copy_targets

ap = argparse.ArgumentParser()
ap.add_argument('dits', nargs='*'); ap.add_argument('--clips', type=int, default=4); ap.add_argument('--threads', type=int, default=2)
a = ap.parse_args()
torch.set_num_threads(a.threads)
cfg = preset('toy', latent={'stride_s': 4})
clips = motion_transfer_set(a.clips, 'test', 81)
PS, G, KS = 8, 8, (2, 5, 10, 20)                         # token pixels, tokens per side, latent frames

def sources(c, k, idx):
    "[(row, col, source row, source col)] for the tokens of latent frame k holding tracks seen there and in frame 0."
    src = copy_targets(c.tracks[:, idx], c.visible[:, idx], (len(c.tracks) - 1) // 4 + 1, PS, (G, G))[k]
    return [(q // G, q % G, t // G, t % G) for q, t in enumerate(src.tolist()) if t >= 0]

def token_code(x):
    "(d, 16, 16) latent-cell codes -> (64 tokens, d): summed over each token's 2x2 cells."
    return x.reshape(x.shape[0], G, 2, G, 2).sum((2, 4)).permute(1, 2, 0).reshape(G * G, -1)

def score(code_of, clip_idx):
    "code_of(clip, frame_or_latent_frame, is_query) -> (64, D); share of tokens matched to their source."
    res = defaultdict(list)
    for c, idx in clip_idx:
        k0 = code_of(c, 0, False); k0 = k0 / k0.norm(dim=-1, keepdim=True).clamp(min=1e-6)
        for k in KS:
            qk = code_of(c, k, True); qk = qk / qk.norm(dim=-1, keepdim=True).clamp(min=1e-6)
            best = (qk @ k0.T).argmax(-1)
            for r, cc, sr, sc in sources(c, k, idx):
                res['moved' if (sr, sc) != (r, cc) else 'in place'].append(float(best[r * G + cc] == sr * G + sc))
    return f"moved {np.mean(res['moved']):.2f} (n={len(res['moved'])}), in place {np.mean(res['in place']):.2f} (n={len(res['in place'])})"

full = [(c, np.arange(c.tracks.shape[1])) for c in clips]
cms = {c.seed: clip_condition(c, cfg) for c in clips}          # the eval's codes: all 625 tracks, IDs from the clip's seed
print(f"{len(clips)} test clips, latent frames {KS}; share of tokens whose most similar frame-0 token is their source")
for n in (625, 250, 100, 50):
    sub, cm_sub = [], {}
    for c in clips:
        g = torch.Generator().manual_seed(c.seed)
        idx = torch.randperm(c.tracks.shape[1], generator=g)[:n].numpy()
        emb = track_embedding(random_track_ids(n, cfg.tracks.max_id, g), cfg.tracks.dim)
        cm_sub[c.seed] = rasterize_tracks(c.tracks[:, idx], c.visible[:, idx], emb, 64, 64, 4)
        sub.append((c, idx))
    print(f"raw codes, {n} tracks: " + score(lambda c, k, q: token_code(cm_sub[c.seed][:, 4 * k]), sub))
torch.manual_seed(0)
maps = {f'random projection to {m}': torch.randn(m, 64) for m in (16, 32, 64)}
for path in a.dits:
    w = load_dit(path).track_head.proj.weight.detach()[:, :, 0, 0, 0]
    maps[f'{path}: its track head on frame 0 (sum of its 4 slots)'] = w.reshape(w.shape[0], 4, 64).sum(1)
for name, P in maps.items():
    print(f"{name}, 625 tracks: " + score(lambda c, k, q: token_code(torch.einsum('md,dhw->mhw', P, cms[c.seed][:, 4 * k])), full))
for path in a.dits:
    th = load_dit(path).track_head.eval()
    with torch.no_grad(): outs = {s: th(cm[None])[0] - th.proj.bias.view(-1, 1, 1, 1) for s, cm in cms.items()}   # (C, 21, 16, 16)
    print(f"{path}: its track-head output ({th.proj.out_channels} channels), 625 tracks: "
          + score(lambda c, k, q: token_code(outs[c.seed][:, k]), full))
