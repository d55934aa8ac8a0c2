"""At which noise level does a teacher's sample lose the motion? (notebook 07c, thirteenth look)
Usage: python tools/renoise_probe.py RUN [--t0 0.9 0.7 0.5 --clips 4 --steps 20 --w_t 3 --w_m 1.5 --threads 2 --tracker lk
                                          --arch runs/retrain/teacher/toy_teacher.safetensors --vae runs/retrain/toy_vae.safetensors --attn_ref_keys N]
RUN is loaded as in tools/early_look.py. For each T0 the sampler of `ms-eval` (joint guidance, the same Euler schedule
with shift 3, the same noise draw per clip) does not start from pure noise at t = 1 but from the *true* clip's latents
noised to the first time of that schedule at or below T0, z = (1 - t) z0 + t noise, and integrates from there to t = 0.
The decoded clips are scored as `ms-eval` scores its rows (PSNR, SSIM, EPE with Lucas-Kanade), beside the repeated first
frame and the VAE reconstruction, and EPE by frame range below. A start at t = 0 gives back the VAE reconstruction; a start at t = 1 is the plain
sample. Where between them EPE and PSNR fall off tells which part of the trajectory loses the truth's motion: the
coarse layout (high t) or the detail that lets a tracker follow the content (low t)."""
import argparse, time, torch, numpy as np
from motionstream.dit import i2v_condition
from motionstream.vae import load_vae, video_to_tensor, tensor_to_video
from motionstream.flow import GuidedVelocity, sampling_times
from motionstream.metrics import get_tracker
from motionstream.eval import TeacherSampler, motion_transfer_set, clip_condition, score_videos, format_over_time
from teacher_state import load_teacher

ap = argparse.ArgumentParser()
ap.add_argument('run'); ap.add_argument('--t0', type=float, nargs='+', default=[0.9, 0.7, 0.5])
ap.add_argument('--clips', type=int, default=4); ap.add_argument('--steps', type=int, default=20)
ap.add_argument('--w_t', type=float, default=3.0); ap.add_argument('--w_m', type=float, default=1.5)
ap.add_argument('--shift', type=float, default=3.0); ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--tracker', default='lk', help="'lk' (plain LK, as in the looks up to the twenty-third), 'lk-motion' or 'auto'")
ap.add_argument('--arch', default='runs/retrain/teacher/toy_teacher.safetensors'); ap.add_argument('--vae', default='runs/retrain/toy_vae.safetensors')
ap.add_argument('--attn_ref_keys', type=int, default=None, help="scale the DiT's self-attention logits by "
                'log(keys) / log(N) (notebook 05; 0: off; default: as its checkpoint says)')
a = ap.parse_args()
torch.set_num_threads(a.threads)
t_start = time.time()
model, what = load_teacher(a.run, a.arch, attn_ref_keys=a.attn_ref_keys)
dit, text, vae = model.dit.eval(), model.text.eval(), load_vae(a.vae).eval()
sampler = TeacherSampler(dit, text, vae, 'cpu')
clips = motion_transfer_set(a.clips)
track_fn, track_name = get_tracker(a.tracker)
print(f"{what}; {a.clips} test clips, {a.steps}-step schedule, joint guidance w_t={a.w_t:g} w_m={a.w_m:g}", flush=True)

with torch.no_grad():
    z0 = torch.cat([vae.encode(video_to_tensor(c.frames)) for c in clips])      # the true latents
    C, F = z0.shape[1], z0.shape[2]
    y = i2v_condition(torch.cat([vae.encode(video_to_tensor(c.frames[:1])) for c in clips]), F)   # the first frame, encoded alone as the sampler does
    ctx, null = text.encode([c.caption for c in clips]), text.encode([''])
    c_m = torch.stack([clip_condition(c, sampler.cfg) for c in clips])
    noise = torch.stack([torch.randn(C, F, *z0.shape[3:], generator=torch.Generator().manual_seed(c.seed)) for c in clips])  # ms-eval's draw (seed 0)
    ts = sampling_times(a.steps, a.shift)
    rows, videos = {}, {}
    for t0 in a.t0:
        i0 = int((ts <= t0 + 1e-6).nonzero()[0])                                 # the first schedule time at or below t0
        t = ts[i0].item()
        z = (1 - t) * z0 + t * noise
        v = GuidedVelocity(dit, ctx, null, y, c_m, a.w_t, a.w_m)
        for i in range(i0, a.steps):
            z = z + (ts[i + 1] - ts[i]).item() * v(z, torch.full((z.shape[0],), ts[i].item()))
        name = f"start from the truth at t = {t:.3f} ({a.steps - i0} steps)"
        videos[name] = [tensor_to_video(vae.decode(zi[None])) for zi in z]
        rows[name] = score_videos(clips, videos[name], track_fn)
        print(f"t0 {t0}: done after {time.time() - t_start:.0f} s", flush=True)
    videos['first frame repeated'] = [np.repeat(c.frames[:1], len(c.frames), 0) for c in clips]
    videos['VAE reconstruction'] = [tensor_to_video(vae.decode(zi[None])) for zi in z0]
    for k in ('first frame repeated', 'VAE reconstruction'): rows[k] = score_videos(clips, videos[k], track_fn)

print(f"\n| start | PSNR (dB) | SSIM | EPE (px) |\n| --- | --- | --- | --- |")
for k, r in rows.items(): print(f"| {k} | {r['psnr']:.2f} | {r['ssim']:.3f} | {r['epe']:.2f} |")
print(); print(format_over_time(dict(videos=videos), clips, list(videos), track_fn))
print(f"tracker: {track_name}; {time.time() - t_start:.0f} s")
