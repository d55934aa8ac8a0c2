"""How much error does each tracker add on its own? Its EPE on the *true* MotionWorld clips (the floor every reported
EPE sits on) beside the first frame repeated, for clips START..START+CLIPS-1 of a split (81 frames, the eval grid).
The settings of `track_lk_motion` were chosen on validation clips 0-31 (notebook 07b); the test split only reports.
Usage: python tools/tracker_floor.py [--split val --clips 16 --start 0 --trackers lk lk-motion]   (about 1 min per tracker and 16 clips)"""
import argparse, time, numpy as np
from motionstream.eval import motion_transfer_set
from motionstream.metrics import get_tracker, video_epe

ap = argparse.ArgumentParser()
ap.add_argument('--split', default='val'); ap.add_argument('--clips', type=int, default=16); ap.add_argument('--start', type=int, default=0)
ap.add_argument('--trackers', nargs='+', default=['lk', 'lk-motion'])
a = ap.parse_args()
clips = motion_transfer_set(a.start + a.clips, split=a.split)[a.start:]
moved = [np.linalg.norm(c.tracks[1:] - c.tracks[:1], axis=-1)[c.visible[1:].astype(bool) & c.visible[:1].astype(bool)].mean() for c in clips]
print(f"{a.split} clips {a.start}-{a.start + a.clips - 1}, {len(clips[0].frames)} frames, {clips[0].tracks.shape[1]} query points each\n")
print('| tracker | floor: EPE on the true clips (px) | first frame repeated (px) | s | per clip |\n| --- | --- | --- | --- | --- |')
for name in a.trackers:
    t0 = time.time(); fn = get_tracker(name)[0]
    e = [video_epe(c.frames, c.tracks, c.visible, fn) for c in clips]
    print(f"| {name} | {np.mean(e):.2f} | {np.mean(moved):.2f} | {time.time() - t0:.0f} | {' '.join(f'{x:.1f}' for x in e)} |", flush=True)
