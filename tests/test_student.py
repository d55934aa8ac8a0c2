"""The causal student's scripts: ms-adapt -> ms-distill (with kill-and-resume), and ms-stream's outputs."""
import json, os, shutil, signal, subprocess, sys, time
from pathlib import Path
import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from motionstream.core import shipped_checkpoint
from motionstream.dit import MotionDiT, save_dit, load_dit
from _console import script




@pytest.fixture(scope='module')
def setup(tmp_path_factory):
    "A 4-clip, 17-frame latent cache from the shipped VAE, a small random 'teacher' and a text encoder for its captions."
    from motionstream.vae import load_vae
    from motionstream.train.latents import build_latent_cache, LatentCache
    from motionstream.text import ToyTextEncoder, WordTokenizer, save_text_encoder
    d = tmp_path_factory.mktemp('student')
    build_latent_cache(d / 'cache', load_vae(shipped_checkpoint('toy_vae.safetensors')), 'train', n=4, shard=4, frames=17)
    torch.manual_seed(0)
    teacher = MotionDiT.from_preset('toy', dim=64, ffn_dim=128, num_heads=1, num_layers=2)
    torch.nn.init.normal_(teacher.head.head.weight, std=0.05)
    save_dit(teacher, d / 'teacher.safetensors')
    text = ToyTextEncoder(WordTokenizer.from_captions(LatentCache(d / 'cache').captions).vocab, dim=64)
    save_text_encoder(text, d / 'text.safetensors')
    return d


def _common(d):
    return ['--cache', str(d / 'cache'), '--teacher', str(d / 'teacher.safetensors'), '--text', str(d / 'text.safetensors'),
            '--clips', '4', '--frames', '17', '--threads', '1']


def test_adapt_then_distill_resumes_after_kill(tmp_path, setup):
    "ms-adapt writes pairs and an adapted student; ms-distill killed mid-run and run again equals an uninterrupted run."
    d, env = setup, dict(os.environ, PYTHONHASHSEED='0')
    a = subprocess.run([script('ms-adapt'), '--out', str(tmp_path / 'adapt'), '--pairs', '2', '--pair_batch', '2',
                        '--teacher_steps', '3', '--steps', '4', '--save_every', '2'] + _common(d),
                       env=env, capture_output=True, text=True, timeout=600)
    assert a.returncode == 0, a.stderr[-2000:]
    assert len(list((tmp_path / 'adapt' / 'pairs').glob('pairs_*.safetensors'))) == 2
    adapted = tmp_path / 'adapt' / 'toy_student_adapt.safetensors'
    t, s = load_dit(d / 'teacher.safetensors'), load_dit(adapted)
    assert any(not torch.equal(p, q) for p, q in zip(t.parameters(), s.parameters())), "adaptation changed nothing"
    cmd = lambda out: [script('ms-distill'), str(adapted), '--out', str(out), '--steps', '8', '--batch', '2', '--ratio', '2',
                       '--save_every', '1'] + _common(d)
    ref = subprocess.run(cmd(tmp_path / 'ref'), env=env, capture_output=True, text=True, timeout=600)
    assert ref.returncode == 0, ref.stderr[-2000:]
    out = tmp_path / 'killed'
    p = subprocess.Popen(cmd(out), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state, t0 = out / 'state.pt', time.time()
    while time.time() - t0 < 300:
        try:
            if state.exists() and torch.load(state, weights_only=True)['step'] >= 3: break
        except Exception: pass
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL); p.wait()
    killed_at = torch.load(state, weights_only=True)['step']
    assert 3 <= killed_at < 8, f"the kill should land mid-run (state at step {killed_at})"
    again = subprocess.run(cmd(out), env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    x, y = load_file(tmp_path / 'ref' / 'toy_student.safetensors'), load_file(out / 'toy_student.safetensors')
    assert x.keys() == y.keys() and all(torch.equal(x[k], y[k]) for k in x)
    log = [json.loads(l) for l in (out / 'log.jsonl').read_text().splitlines()]
    assert [r['step'] for r in log] == list(range(8))
    assert [r['step'] for r in log if 'dmd' in r] == [0, 2, 4, 6]          # generator every --ratio steps, critic every step


def test_distill_refuses_missing_student(tmp_path, setup):
    r = subprocess.run([script('ms-distill'), str(tmp_path / 'nope.safetensors'), '--out', str(tmp_path / 'x')] + _common(setup),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and 'checkpoint not found' in (r.stderr + r.stdout)


def _student():
    try: return shipped_checkpoint('toy_student.safetensors')
    except FileNotFoundError: return shipped_checkpoint('toy_teacher.safetensors')


def test_ms_stream_outputs_and_click_mapping(tmp_path):
    "ms-stream writes an mp4 of 1 + 4(3n - 1) frames and a summary; a click on a 2x larger image maps to the same preset pixel."
    import imageio.v3 as iio
    root = Path(__file__).resolve().parent.parent
    ex = json.loads((root / 'data' / 'example.json').read_text())
    big = np.repeat(np.repeat(iio.imread(root / 'data' / 'example.png')[..., :3], 2, 0), 2, 1)
    iio.imwrite(tmp_path / 'big.png', big)
    cx, cy = ex['click']
    r = subprocess.run([script('ms-stream'), '--out', str(tmp_path / 's.mp4'), '--image', str(tmp_path / 'big.png'),
                        '--prompt', ex['prompt'], '--click', f'{2 * cx},{2 * cy}', '--chunks', '3', '--student', str(_student()),
                        '--threads', '1'], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    frames = iio.imread(tmp_path / 's.mp4')
    assert frames.shape == (1 + 4 * 8, 64, 64, 3)
    s = json.loads((tmp_path / 's.json').read_text())
    assert s['chunks'] == 3 and s['frames'] == 33 and s['fps'] > 0 and 0 < s['median_latency_s'] < s['median_chunk_s']
    assert np.allclose(s['click'], [cx, cy], atol=1e-4)
    bad = subprocess.run([script('ms-stream'), '--image', str(tmp_path / 'missing.png')], capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and 'image not found' in (bad.stderr + bad.stdout)


def test_ms_bench_stream_short_run(tmp_path):
    "ms-bench-stream end to end on a short stream: rows for both caches, the rolling cache flat, the full one growing, counts right."
    out = tmp_path / 'bench'
    r = subprocess.run([script('ms-bench-stream'), '--frames', '69', '--steps', '2', '--geometry', '', '--threads', '1', '--out', str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads((out / 'results.json').read_text())
    rows = {row['pattern']: row for row in res['constant_cost']}
    assert set(rows) == {'c3s1w1', 'c3full'}
    assert all(row['chunks'] == 6 for row in rows.values())                     # 9 + 5 x 12 = 69 frames
    assert rows['c3s1w1']['cache_mb_first'] == rows['c3s1w1']['cache_mb_last']
    assert rows['c3full']['cache_mb_last'] > rows['c3full']['cache_mb_first']
    assert all(len(s['probe_s']) == len(s['chunk_s']) == 6 for s in res['series'].values())
    assert (res['speedup']['teacher_nfe'], res['speedup']['student_forwards']) == (6, 28)
    assert res['speedup_geometry'] == {}
    assert (out / 'latency.png').stat().st_size > 0 and '| c3s1w1 | 6 |' in (out / 'results.md').read_text()
