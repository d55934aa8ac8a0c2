"""Track/text gain of a teacher *training state* (its EMA weights), while the run is still going.
Usage: python tools/gain_state.py RUN_DIR CACHE_DIR [--dim 256 --layers 6 --patch 2 --clips 1500 --n 16 --raw] [--export DIR]
Builds the DiT as `ms-train-teacher` does for the same flags, loads `RUN_DIR/state.pt` (weights_only) and prints
`condition_gain` at t = 1.0, 0.9, 0.7, 0.4 on one fixed batch (gain = loss without tracks / loss with tracks - 1).
With --export DIR it also writes those weights as DIR/toy_teacher.safetensors and DIR/toy_text.safetensors, the files
`ms-eval --dit ... --text ...` reads, so a run can be evaluated part way."""
import argparse, torch
from motionstream.dit import MotionDiT
from motionstream.text import ToyTextEncoder, WordTokenizer
from motionstream.train.teacher import Teacher, EMA, condition_gain
from motionstream.train.latents import LatentCache

ap = argparse.ArgumentParser()
ap.add_argument('run'); ap.add_argument('cache')
ap.add_argument('--dim', type=int, default=256); ap.add_argument('--layers', type=int, default=6)
ap.add_argument('--patch', type=int, default=2); ap.add_argument('--clips', type=int, default=1500)
ap.add_argument('--n', type=int, default=16); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--raw', action='store_true', help='the trained weights instead of their EMA')
ap.add_argument('--export', default=None, help='also save the weights as checkpoints in this folder')
ap.add_argument('--no_gain', action='store_true', help='skip the gain (with --export)')
a = ap.parse_args()
torch.set_num_threads(a.threads)
cache = LatentCache(a.cache, limit=a.clips)
dit = MotionDiT.from_preset('toy', dim=a.dim, num_layers=a.layers, num_heads=max(1, a.dim // 64), ffn_dim=3 * a.dim,
                            patch_size=(1, a.patch, a.patch), latent_channels=cache.z.shape[1])
text = ToyTextEncoder(WordTokenizer.from_captions(cache.captions).vocab, dim=dit.config.text_dim, max_len=dit.config.text_len)
ema = EMA(Teacher(dit, text))
st = torch.load(f'{a.run}/state.pt', weights_only=True)
ema.load_state_dict(st['modules']['ema']) if not a.raw else ema.model.load_state_dict(st['modules']['model'])
print('step', st['step'], 'raw weights' if a.raw else 'EMA weights')
if a.export:
    from pathlib import Path
    from motionstream.dit import save_dit
    from motionstream.text import save_text_encoder
    meta = dict(step=st['step'], weights='raw' if a.raw else 'ema', source=f'{a.run}/state.pt')
    Path(a.export).mkdir(parents=True, exist_ok=True)
    print('wrote', save_dit(ema.model.dit, f'{a.export}/toy_teacher.safetensors', **meta),
          save_text_encoder(ema.model.text, f'{a.export}/toy_text.safetensors', **meta))
if a.no_gain: raise SystemExit
for r in condition_gain(ema.model.dit, ema.model.text, LatentCache(a.cache, limit=64), ts=(1.0, 0.9, 0.7, 0.4), n=a.n):
    print({k: round(v, 4) for k, v in r.items()})
