"""A patch-1 warm start from a patch-2 teacher (notebook 07c, eleventh look).
Usage: python tools/repatch.py RUN_OR_CKPT OUT_DIR [--patch 1 --arch runs/retrain/teacher/toy_teacher.safetensors]
RUN_OR_CKPT: a run folder (its state.pt's EMA weights) or a DiT checkpoint with toy_text.safetensors beside it, as in
tools/x0_probe.py. Writes OUT_DIR/toy_teacher.safetensors (the DiT with spatial patch PATCH) and OUT_DIR/toy_text.safetensors.

Why: with patch 2 on the stride-4 latents a token is 8x8 pixels, and copying the frame-0 token that a moved token's
tracks came from predicts the moved token no better than the patch-2 teachers already do (07c); transport along the
tracks has to be finer than a token. A patch-1 token is one latent pixel (4x4 pixels).

The conversion keeps what a token computes from a patch whose pixels are all equal: the new patch embedding is the sum
of the old kernel over its spatial taps (so a pixel with the patch's value gets the old token's embedding), and the new
head is the mean of the old head's outputs over the sub-pixels. The blocks are copied unchanged; RoPE positions are
now counted in latent pixels, so every spatial offset the old attention learnt is twice as far apart (fine-tuning has to
adapt them). The check at the end asserts the embedding rule on a random patch-constant input."""
import argparse, torch
from dataclasses import replace
from pathlib import Path
from einops import reduce
from motionstream.dit import MotionDiT, save_dit
from motionstream.text import save_text_encoder
from teacher_state import load_teacher

ap = argparse.ArgumentParser()
ap.add_argument('src'); ap.add_argument('out'); ap.add_argument('--patch', type=int, default=1)
ap.add_argument('--arch', default='runs/retrain/teacher/toy_teacher.safetensors')
a = ap.parse_args()
model, what = load_teacher(a.src, a.arch)
old = model.dit.eval()
pf, ph, pw = old.config.patch_size
if ph % a.patch or pw % a.patch: raise SystemExit(f"patch {a.patch} does not divide the old patch {ph}x{pw}")
r = ph // a.patch
new = MotionDiT(replace(old.config, patch_size=(pf, a.patch, a.patch))).eval()
sd = old.state_dict()
w = sd['patch_embedding.weight']                                   # (dim, in, pf, ph, pw)
sd['patch_embedding.weight'] = reduce(w, 'd c f (h r1) (w r2) -> d c f h w', 'sum', r1=r, r2=r)
hw, hb = sd['head.head.weight'], sd['head.head.bias']             # rows in (pf ph pw c) order
sd['head.head.weight'] = reduce(hw, '(f h r1 w r2 c) d -> (f h w c) d', 'mean', f=pf, h=a.patch, w=a.patch, r1=r, r2=r)
sd['head.head.bias'] = reduce(hb, '(f h r1 w r2 c) -> (f h w c)', 'mean', f=pf, h=a.patch, w=a.patch, r1=r, r2=r)
missing = set(new.state_dict()) ^ set(sd)
if missing: raise SystemExit(f"parameter names differ: {sorted(missing)}")
new.load_state_dict(sd)

with torch.no_grad():                                              # the embedding rule on a patch-constant input
    x = torch.randn(1, old.config.in_dim, 2, 2, 2).repeat_interleave(ph, -2).repeat_interleave(pw, -1)   # 2x2 old patches
    e_old = old.patch_embedding(x)                                 # one token per old patch
    e_new = new.patch_embedding(x)[..., ::r, ::r]                  # the top-left sub-token of each old patch
    err = (e_old - e_new).abs().max().item()
    assert err < 1e-4 * e_old.abs().max().item(), f"embedding rule broken: {err}"
out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
save_dit(new, out / 'toy_teacher.safetensors', source=what, repatched=str(a.patch))
save_text_encoder(model.text, out / 'toy_text.safetensors', source=what)
print(f"{what} -> {out}: patch {ph}x{pw} -> {a.patch}x{a.patch}, {sum(p.numel() for p in new.parameters()) / 1e6:.2f}M params, "
      f"embedding check max |diff| {err:.2e}")
