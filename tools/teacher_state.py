"""Shared by tools/early_look.py, tools/x0_probe.py and tools/renoise_probe.py: a teacher from a run folder's state.pt or a finished checkpoint."""
import re
import torch
from pathlib import Path
from motionstream.dit import load_dit, with_attn_ref_keys, deepen
from motionstream.text import load_text_encoder
from motionstream.train.teacher import Teacher, EMA
from motionstream.train.copy_loss import widen_track_head

def load_teacher(run, arch='runs/retrain/teacher/toy_teacher.safetensors', raw: bool = False, attn_ref_keys: int | None = None) -> tuple[Teacher, str]:
    """(teacher, description). `run`: a folder with state.pt (its EMA weights, or the trained ones with `raw`), built
    like the checkpoint `arch` and its toy_text.safetensors; or a DiT checkpoint with toy_text.safetensors beside it.
    `attn_ref_keys` replaces the DiT's self-attention logit scale (notebook 05; 0 = off); None keeps the checkpoint's."""
    model, what = _load_teacher(Path(run), Path(arch), raw)
    if attn_ref_keys is not None: with_attn_ref_keys(model.dit, attn_ref_keys)
    ref = model.dit.config.attn_ref_keys
    return model, what + (f', attention logits scaled for {ref} keys' if ref else '')

def _load_teacher(run: Path, arch: Path, raw: bool) -> tuple[Teacher, str]:
    if not run.is_dir():
        return Teacher(load_dit(run), load_text_encoder(run.with_name('toy_text.safetensors'))), str(run)
    st = torch.load(run / 'state.pt', weights_only=True)
    dit = load_dit(arch)
    w = next(v for k, v in st['modules']['model'].items() if k.endswith('track_head.proj.weight'))
    if w.shape[0] > dit.config.track_channels:                 # a run with --widen_tracks (notebook 06b)
        dit = widen_track_head(dit, w.shape[0] - dit.config.track_channels)
    blocks = 1 + max(int(m.group(1)) for k in st['modules']['model'] if (m := re.search(r'blocks\.(\d+)\.', k)))
    if blocks > len(dit.blocks): dit = deepen(dit, blocks - len(dit.blocks))   # a run with --grow_layers (notebook 05's default places)
    model = Teacher(dit, load_text_encoder(arch.with_name('toy_text.safetensors')))
    if raw: model.load_state_dict(st['modules']['model'])
    else:
        ema = EMA(model); ema.load_state_dict(st['modules']['ema']); model = ema.model
    return model, f"{run} at step {st['step']}, {'trained' if raw else 'EMA'} weights"
