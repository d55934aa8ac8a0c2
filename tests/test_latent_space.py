"""Latent space: official layouts typed out by hand, kill-and-resume of ms-train-vae, and the benchmark's report."""
import json, os, shutil, signal, subprocess, sys, time
from pathlib import Path
import pytest
import torch
from safetensors.torch import load_file

from motionstream.vae import VideoVAE
from motionstream.tiny_vae import TinyVAE
from _console import script

# A sample of the tensors in the official Wan2.1_VAE.pth, as printed from its state dict.
WAN21_VAE_SAMPLE = {
    'encoder.conv1.weight': (96, 3, 3, 3, 3),
    'encoder.downsamples.0.residual.0.gamma': (96, 1, 1, 1),
    'encoder.downsamples.2.resample.1.weight': (96, 96, 3, 3),
    'encoder.downsamples.3.shortcut.weight': (192, 96, 1, 1, 1),
    'encoder.downsamples.5.time_conv.weight': (192, 192, 3, 1, 1),
    'encoder.downsamples.8.time_conv.bias': (384,),
    'encoder.downsamples.10.residual.6.weight': (384, 384, 3, 3, 3),
    'encoder.middle.1.norm.gamma': (384, 1, 1),
    'encoder.middle.1.to_qkv.weight': (1152, 384, 1, 1),
    'encoder.middle.1.proj.bias': (384,),
    'encoder.head.0.gamma': (384, 1, 1, 1),
    'encoder.head.2.weight': (32, 384, 3, 3, 3),
    'conv1.weight': (32, 32, 1, 1, 1),
    'conv2.bias': (16,),
    'decoder.conv1.weight': (384, 16, 3, 3, 3),
    'decoder.middle.2.residual.3.gamma': (384, 1, 1, 1),
    'decoder.upsamples.3.time_conv.weight': (768, 384, 3, 1, 1),
    'decoder.upsamples.3.resample.1.weight': (192, 384, 3, 3),
    'decoder.upsamples.4.shortcut.weight': (384, 192, 1, 1, 1),
    'decoder.upsamples.7.time_conv.bias': (768,),
    'decoder.upsamples.11.resample.1.weight': (96, 192, 3, 3),
    'decoder.upsamples.12.residual.2.weight': (96, 96, 3, 3, 3),
    'decoder.upsamples.14.residual.6.bias': (96,),
    'decoder.head.0.gamma': (96, 1, 1, 1),
    'decoder.head.2.weight': (3, 96, 3, 3, 3),
}
ABSENT_FROM_WAN21_VAE = ['encoder.downsamples.2.time_conv.weight', 'encoder.downsamples.11.residual.0.gamma',
                         'decoder.upsamples.11.time_conv.weight', 'decoder.upsamples.15.residual.0.gamma',
                         'encoder.downsamples.0.shortcut.weight', 'decoder.middle.1.norm.bias']

# And of the published TAEW2.1 decoder (taew2_1.pth, decoder.* tensors).
TAEW21_SAMPLE = {
    'decoder.1.weight': (256, 16, 3, 3), 'decoder.1.bias': (256,),
    'decoder.3.conv.0.weight': (256, 512, 3, 3), 'decoder.5.conv.4.bias': (256,),
    'decoder.7.conv.weight': (256, 256, 1, 1), 'decoder.8.weight': (128, 256, 3, 3),
    'decoder.9.conv.0.weight': (128, 256, 3, 3), 'decoder.13.conv.weight': (256, 128, 1, 1),
    'decoder.14.weight': (64, 128, 3, 3), 'decoder.17.conv.2.weight': (64, 64, 3, 3),
    'decoder.19.conv.weight': (128, 64, 1, 1), 'decoder.20.weight': (64, 64, 3, 3),
    'decoder.22.weight': (3, 64, 3, 3), 'decoder.22.bias': (3,),
}
ABSENT_FROM_TAEW21 = ['decoder.8.bias', 'decoder.3.skip.weight', 'decoder.7.conv.bias', 'decoder.0.weight']


def test_wan21_vae_layout_on_meta():
    with torch.device('meta'): vae = VideoVAE.from_preset('wan2.1')
    sd = {k: tuple(v.shape) for k, v in vae.state_dict().items()}
    for k, shape in WAN21_VAE_SAMPLE.items(): assert sd.get(k) == shape, (k, sd.get(k), shape)
    for k in ABSENT_FROM_WAN21_VAE: assert k not in sd, k
    assert len(sd) == 194
    assert all(v.is_meta for v in vae.parameters())
    assert vae.config.mean[:2] == (-0.7571, -0.7089) and vae.config.std[:2] == (2.8184, 1.4541)


def test_taew21_layout_on_meta():
    with torch.device('meta'): tiny = TinyVAE.from_preset('wan2.1')
    sd = {k: tuple(v.shape) for k, v in tiny.state_dict().items()}
    for k, shape in TAEW21_SAMPLE.items(): assert sd.get(k) == shape, (k, sd.get(k), shape)
    for k in ABSENT_FROM_TAEW21: assert k not in sd, k
    assert abs(sum(p.numel() for p in tiny.parameters()) - 9_844_611) == 0   # the paper: 9.84M



def _train_cmd(out):
    return [script('ms-train-vae'),
            '--out', str(out), '--steps', '24', '--save_every', '2', '--dim', '4', '--batch', '1',
            '--frames', '5', '--size', '32', '--eval_clips', '1', '--threads', '1', '--lr', '3e-3']


def test_train_vae_resumes_after_kill(tmp_path):
    "SIGKILL mid-run, run the same command again: the final weights equal those of an uninterrupted run."
    env = dict(os.environ, PYTHONHASHSEED='0')
    ref = subprocess.run(_train_cmd(tmp_path / 'ref'), env=env, capture_output=True, text=True, timeout=600)
    assert ref.returncode == 0, ref.stderr[-2000:]
    out = tmp_path / 'killed'
    p = subprocess.Popen(_train_cmd(out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state, t0 = out / 'state.pt', time.time()
    while time.time() - t0 < 300:
        if state.exists() and torch.load(state, weights_only=True)['step'] >= 6: break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL); p.wait()
    killed_at = torch.load(state, weights_only=True)['step']
    assert 6 <= killed_at < 24, f"the kill should land mid-run (state at step {killed_at})"
    assert not (out / 'toy_vae.safetensors').exists()
    again = subprocess.run(_train_cmd(out), env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    a, b = load_file(tmp_path / 'ref' / 'toy_vae.safetensors'), load_file(out / 'toy_vae.safetensors')
    assert a.keys() == b.keys()
    for k in a: assert torch.equal(a[k], b[k]), k
    steps = [json.loads(l)['step'] for l in (out / 'log.jsonl').read_text().splitlines()]
    assert steps == list(range(24))            # the log has each step once
    assert (out / 'loss.png').stat().st_size > 1000
    m = json.loads((out / 'metrics.json').read_text())
    assert m['full_psnr'] > 5 and 0 < m['full_ssim'] <= 1
