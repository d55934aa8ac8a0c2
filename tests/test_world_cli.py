"""`ms-world` end to end, and MotionWorld / track files as a user meets them."""
import shutil, subprocess, sys
from pathlib import Path
import numpy as np
import imageio.v2 as iio
import pytest
from motionstream.data import MotionWorld, read_video, load_tracks, save_tracks, VideoFolder, write_video, split_seeds
from motionstream.tracks import rasterize_tracks, track_embedding, random_track_ids
from _console import script

def test_ms_world_writes_video_sheet_and_exact_tracks(tmp_path):
    exe = script('ms-world')
    r = subprocess.run([exe, '--out', str(tmp_path), '--seed', '5', '--frames', '41'], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert 'generated in' in r.stdout and 'caption:' in r.stdout
    frames, fps = read_video(tmp_path/'tracks.mp4')
    assert frames.shape == (41, 256, 256, 3) and fps == 16           # toy 64x64 upscaled 4x
    raw, _ = read_video(tmp_path/'clip.mp4')
    assert raw.shape == (41, 64, 64, 3)
    sheet = iio.imread(tmp_path/'contact_sheet.png')
    assert sheet.shape == (512, 1024, 3)                                # 2 rows x 4 columns of 256x256
    tracks, visible, extra = load_tracks(tmp_path/'tracks.npz', frames=41)
    clip = MotionWorld.from_preset('toy').clip(5, 41)
    np.testing.assert_array_equal(tracks, clip.tracks)
    np.testing.assert_array_equal(visible, clip.visible)
    assert (tmp_path/'caption.txt').read_text().strip() == clip.caption
    # the video is the clip: decoding loses little
    psnr = 10 * np.log10(255 ** 2 / ((raw.astype(float) - clip.frames) ** 2).mean())
    assert psnr > 28, psnr

def test_held_out_test_split_is_fixed():
    w = MotionWorld.from_preset('toy')
    seeds = split_seeds('test', 16)
    assert seeds[0] == 2_000_000 and len(set(seeds)) == 16
    a = w.clip(seeds[3], 21); b = w.clip(seeds[3], 21)
    np.testing.assert_array_equal(a.frames, b.frames)
    # clips of a split differ from one another
    assert not np.array_equal(w.clip(seeds[0], 5).frames, w.clip(seeds[1], 5).frames)

def test_corrupt_and_mismatched_track_files(tmp_path):
    (tmp_path/'x.npz').write_bytes(b'not a zip')
    with pytest.raises(ValueError, match='cannot read track file'): load_tracks(tmp_path/'x.npz')
    np.savez(tmp_path/'y.npz', visible=np.ones((3, 2), bool))
    with pytest.raises(ValueError, match="no 'tracks' array"): load_tracks(tmp_path/'y.npz')
    with pytest.raises(FileNotFoundError, match='track file not found'): load_tracks(tmp_path/'z.npz')
    with pytest.raises(FileNotFoundError, match='no videos'): VideoFolder(tmp_path)

def test_user_video_without_tracks(tmp_path):
    frames = (np.random.default_rng(0).random((9, 32, 48, 3)) * 255).astype(np.uint8)
    write_video(tmp_path/'mine.mp4', frames, fps=8)
    clip = VideoFolder(tmp_path)[0]
    assert clip.frames.shape == (9, 32, 48, 3) and clip.tracks.shape == (9, 0, 2) and clip.fps == 8

def test_eq1_on_480p_grid_places_every_visible_track():
    "At the paper's scale (832x480, 50x50 grid, s=8) each visible in-frame track lands in its floor(y/s), floor(x/s) cell."
    w = MotionWorld.from_preset('wan2.1-1.3b')
    clip = w.clip(11, 5, render=False)
    emb = track_embedding(random_track_ids(2500))
    cm = rasterize_tracks(clip.tracks, clip.visible, emb, 480, 832, 8)
    assert cm.shape == (64, 5, 60, 104)
    t = 4; v = clip.visible[t]
    iy, ix = (clip.tracks[t, v, 1] // 8).astype(int), (clip.tracks[t, v, 0] // 8).astype(int)
    # every visible track's cell is written; every other cell is empty
    written = (cm[:, t].abs().sum(0) > 0).numpy()
    expect = np.zeros((60, 104), bool); expect[iy, ix] = True
    np.testing.assert_array_equal(written, expect)
    # a cell holding a single track holds exactly that track's embedding
    cells, counts = np.unique(iy * 104 + ix, return_counts=True)
    single = cells[counts == 1][0]; n = np.flatnonzero(v)[np.flatnonzero(iy * 104 + ix == single)[0]]
    np.testing.assert_allclose(cm[:, t, single // 104, single % 104].numpy(), emb[n].numpy(), atol=1e-6)

def test_tools_ms_runs_a_console_script_with_its_flags(tmp_path):
    "tools/ms.py (for machines where the package is on PYTHONPATH but not installed) passes the flags on, as the installed script does."
    root = Path(__file__).resolve().parents[1]
    r = subprocess.run([sys.executable, str(root/'tools'/'ms.py'), 'ms-world', '--out', str(tmp_path), '--seed', '7', '--frames', '9'],
                       capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    tracks, visible, _ = load_tracks(tmp_path/'tracks.npz', frames=9)          # the flags took effect: 9 frames of clip 7
    np.testing.assert_array_equal(tracks, MotionWorld.from_preset('toy').clip(7, 9).tracks)
    r = subprocess.run([sys.executable, str(root/'tools'/'ms.py'), 'ms-nothing'], capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and 'ms-train-teacher' in r.stderr
