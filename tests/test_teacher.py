"""The teacher: the official Wan 2.1 I2V layout typed out by hand, and kill-and-resume of ms-train-teacher."""
import json, os, shutil, signal, subprocess, sys, time
from pathlib import Path
import pytest
import torch
from safetensors.torch import load_file

from motionstream.dit import MotionDiT
from _console import script

# A sample of the tensors of an official Wan 2.1 I2V-layout DiT at 1.3B width (as in the 1.3B I2V
# checkpoints with CLIP image cross-attention), names and shapes as they appear in the state dict.
WAN21_I2V_SAMPLE = {
    'patch_embedding.bias': (1536,),
    'text_embedding.0.weight': (1536, 4096), 'text_embedding.2.bias': (1536,),
    'time_embedding.0.weight': (1536, 256), 'time_embedding.2.weight': (1536, 1536),
    'time_projection.1.weight': (9216, 1536), 'time_projection.1.bias': (9216,),
    'blocks.0.modulation': (1, 6, 1536),
    'blocks.0.self_attn.q.weight': (1536, 1536), 'blocks.0.self_attn.norm_q.weight': (1536,),
    'blocks.11.self_attn.o.bias': (1536,), 'blocks.12.norm3.weight': (1536,), 'blocks.12.norm3.bias': (1536,),
    'blocks.20.cross_attn.k.weight': (1536, 1536), 'blocks.20.cross_attn.norm_k.weight': (1536,),
    'blocks.29.cross_attn.k_img.weight': (1536, 1536), 'blocks.29.cross_attn.v_img.bias': (1536,),
    'blocks.29.cross_attn.norm_k_img.weight': (1536,),
    'blocks.15.ffn.0.weight': (8960, 1536), 'blocks.15.ffn.2.weight': (1536, 8960), 'blocks.15.ffn.2.bias': (1536,),
    'head.head.weight': (64, 1536), 'head.head.bias': (64,), 'head.modulation': (1, 2, 1536),
    'img_emb.proj.0.weight': (1280,), 'img_emb.proj.1.weight': (1280, 1280),
    'img_emb.proj.3.weight': (1536, 1280), 'img_emb.proj.4.bias': (1536,),
}
# LayerNorms without affine parameters, the GELU slot of img_emb, a 31st block, RoPE tables: none are tensors.
ABSENT = ['blocks.0.norm1.weight', 'blocks.0.norm2.weight', 'head.norm.weight', 'img_emb.proj.2.weight',
          'blocks.30.modulation', 'freqs', 'blocks.0.self_attn.norm_q.bias']
MOTIONSTREAM_EXTRA = {'track_head.proj.weight': (16, 256, 1, 1, 1), 'track_head.proj.bias': (16,)}


def test_wan21_dit_layout_on_meta():
    with torch.device('meta'): dit = MotionDiT.from_preset('wan2.1-1.3b')
    sd = {k: tuple(v.shape) for k, v in dit.state_dict().items()}
    for k, shape in {**WAN21_I2V_SAMPLE, **MOTIONSTREAM_EXTRA}.items(): assert sd.get(k) == shape, (k, sd.get(k), shape)
    for k in ABSENT: assert k not in sd, k
    # 36 official input channels (16 noisy + 4 mask + 16 image latent) + 16 track-head channels
    assert sd['patch_embedding.weight'] == (1536, 52, 1, 2, 2)
    # 32 tensors per block x 30, 23 top-level (I2V), 2 track head
    assert len(sd) == 30 * 32 + 23 + 2
    assert all(p.is_meta for p in dit.parameters())




@pytest.fixture(scope='module')
def cache(tmp_path_factory):
    "A 4-clip latent cache encoded with the shipped toy VAE."
    from motionstream.core import shipped_checkpoint
    from motionstream.vae import load_vae
    from motionstream.train.latents import build_latent_cache
    d = tmp_path_factory.mktemp('cache')
    build_latent_cache(d, load_vae(shipped_checkpoint('toy_vae.safetensors')), 'train', n=4, shard=4)
    return d


def _cmd(out, cache):
    return [script('ms-train-teacher'), '--out', str(out), '--cache', str(cache), '--clips', '4', '--steps', '12',
            '--batch', '2', '--save_every', '2', '--dim', '64', '--layers', '2', '--threads', '1']


def test_train_teacher_resumes_after_kill(tmp_path, cache):
    "SIGKILL mid-run, run the same command again: the final DiT and text encoder equal an uninterrupted run's."
    env = dict(os.environ, PYTHONHASHSEED='0')
    ref = subprocess.run(_cmd(tmp_path / 'ref', cache), env=env, capture_output=True, text=True, timeout=600)
    assert ref.returncode == 0, ref.stderr[-2000:]
    out = tmp_path / 'killed'
    p = subprocess.Popen(_cmd(out, cache), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state, t0 = out / 'state.pt', time.time()
    while time.time() - t0 < 300:
        try:
            if state.exists() and torch.load(state, weights_only=True)['step'] >= 4: break
        except Exception: pass                     # caught between the atomic rename and the read: try again
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL); p.wait()
    killed_at = torch.load(state, weights_only=True)['step']
    assert 4 <= killed_at < 12, f"the kill should land mid-run (state at step {killed_at})"
    assert not (out / 'toy_teacher.safetensors').exists()
    again = subprocess.run(_cmd(out, cache), env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    for f in ('toy_teacher.safetensors', 'toy_text.safetensors'):
        a, b = load_file(tmp_path / 'ref' / f), load_file(out / f)
        assert a.keys() == b.keys()
        for k in a: assert torch.equal(a[k], b[k]), (f, k)
    steps = [json.loads(l)['step'] for l in (out / 'log.jsonl').read_text().splitlines()]
    assert steps == list(range(12))
    m = json.loads((out / 'metrics.json').read_text())
    assert m['steps'] == 12 and m['loss_last_100'] > 0


def test_stage2_needs_init(tmp_path, cache):
    r = subprocess.run(_cmd(tmp_path / 's2', cache) + ['--stage', '2'], capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and '--init' in (r.stderr + r.stdout)


def test_train_teacher_on_pooled_pixels(tmp_path):
    "A PooledPixels control cache (3 channels): the DiT's channels follow the cache, and --tracks_min/max are taken."
    from motionstream.train.latents import build_latent_cache, PooledPixels
    from motionstream.dit import load_dit
    cache = tmp_path / 'pix'
    build_latent_cache(cache, PooledPixels(8), 'train', n=2, shard=2, frames=9)
    cmd = [script('ms-train-teacher'), '--out', str(tmp_path / 'run'), '--cache', str(cache), '--clips', '2', '--steps', '2',
           '--batch', '2', '--dim', '64', '--layers', '1', '--threads', '1', '--frames', '9', '--tracks_min', '10', '--tracks_max', '20']
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    dit = load_dit(tmp_path / 'run' / 'toy_teacher.safetensors')
    assert dit.config.latent_channels == 3 and dit.patch_embedding.weight.shape[1] == 3 + 4 + 3 + 16
    bad = subprocess.run(cmd[:-2], capture_output=True, text=True, timeout=300)          # --tracks_min without --tracks_max
    assert bad.returncode != 0 and 'tracks_max' in (bad.stderr + bad.stdout)


def test_ms_eval_on_short_clips(tmp_path):
    "`ms-eval --frames` scores clips of that length (the pilots' 33-frame check); other lengths than 1 + 4k are refused."
    cmd = [script('ms-eval'), '--out', str(tmp_path / 'ev'), '--clips', '1', '--steps', '2', '--frames', '9', '--tracker', 'lk', '--threads', '1']
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads((tmp_path / 'ev' / 'results.json').read_text())
    assert res['info']['frames'] == 9 and res['info']['clips'] == 1 and res['info']['tracks'] == 625
    assert {'teacher, joint guidance (w_t=3, w_m=1.5)', 'baseline: first frame repeated', 'reference: VAE reconstruction'} <= set(res['rows'])
    assert all(0 < v['psnr'] < 100 and v['epe'] >= 0 for v in res['rows'].values())
    table = (tmp_path / 'ev' / 'table.md').read_text()           # the bar, judged per clip, under the table
    assert isinstance(res['info']['bar_passed'], bool) and ('verdict: PASSED' in table) == res['info']['bar_passed']
    assert 'vs baseline: first frame repeated, EPE' in table and '| PSNR (dB) by frames | 1-8 |' in table
    bad = subprocess.run(cmd[:-6] + ['--frames', '10'], capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and '1 + 4k' in (bad.stderr + bad.stdout)
