"""Sample clips the project builds itself, from one real photograph of a smiling person.

    python -m coach.samples sample_videos               # build the clips (scripts/setup.sh does this)
    python -m coach.samples --y4m CLIP.mp4 CLIP.y4m      # raw I420 copy for Chromium's fake camera

The person is `skimage.data.astronaut()` (Eileen Collins, NASA, public domain), cut out of her
photo with MediaPipe's selfie segmentation and composited on a plain, drawn service-counter
background. Everything that moves is a geometric transform of that one photo, so the clips are
deterministic and honest about what they show:

* the face always wears the photo's smile: no clip pretends to show a neutral face;
* "head tilt" rotates the head region about the neck (a smooth local warp), shoulders stay level;
* "lean" rotates the whole figure about a point below the frame (the hips); "slump" sinks and
  shrinks it (lower in the seat, further from the camera);
* "away" stretches have no person at all (left the seat).

The clips are 640x480, 15 fps, H.264 MP4. `CLIPS` lists them with what happens when.
"""

from __future__ import annotations

import argparse
import functools
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

import numpy as np

WIDTH, HEIGHT, FPS = 640, 480, 15
SPRITE_SCALE = 1.1  # the 512 px photo, enlarged so the face is ~100 px wide (head-and-shoulders framing)
# Points in the photo's own pixels (512x512)
HEAD_CENTRE = (225.0, 100.0)
NECK = (225.0, 195.0)
HEAD_RADIUS = 95.0


@dataclass(frozen=True)
class Pose2D:
    """Where and how the person appears in one frame."""

    present: bool = True
    dx: float = 0.0  # pixels, + = right
    dy: float = 0.0  # pixels, + = down
    scale: float = 1.0
    lean_deg: float = 0.0  # whole figure, about a pivot below the frame; + = counter-clockwise on screen
    head_roll_deg: float = 0.0  # head only, about the neck; + = counter-clockwise on screen


@dataclass(frozen=True)
class Clip:
    name: str
    description: str
    seconds: float
    keyframes: tuple[tuple[float, Pose2D], ...] = ()  # (time s, pose), interpolated smoothly between
    motion: Callable[[float], Pose2D] | None = None  # instead of keyframes: the pose as a function of t
    extra: Callable[[float], list[tuple[Pose2D, float]]] | None = None  # more people: (pose, size factor)


UPRIGHT = Pose2D()
AWAY_RIGHT = Pose2D(present=True, dx=WIDTH * 0.95)


def _sway(t: float) -> Pose2D:
    return Pose2D(dx=60.0 * math.sin(2 * math.pi * t / 3.0), dy=6.0 * math.sin(2 * math.pi * t / 1.5))


def _customer(t: float) -> list[tuple[Pose2D, float]]:
    # a smaller person (further back) crossing from left to right behind the counter, seconds 1..5
    if not 1.0 <= t <= 5.0:
        return []
    x = -WIDTH * 0.55 + (t - 1.0) / 4.0 * WIDTH * 1.1
    return [(Pose2D(dx=x, dy=-30.0), 0.75)]


CLIPS: tuple[Clip, ...] = (
    Clip("default_session", "20 s: upright smile, sway, head tilt both ways, sideways lean, slump, "
         "away 12-15 s, back upright", 20.0, (
             (0.0, UPRIGHT), (2.0, UPRIGHT), (3.0, Pose2D(dx=50)), (4.0, Pose2D(dx=-50)), (5.0, UPRIGHT),
             (5.8, Pose2D(head_roll_deg=15)), (6.8, Pose2D(head_roll_deg=15)), (7.4, UPRIGHT),
             (8.0, Pose2D(head_roll_deg=-15)), (9.0, Pose2D(head_roll_deg=-15)), (9.6, UPRIGHT),
             (10.2, Pose2D(lean_deg=12)), (11.2, Pose2D(lean_deg=12)), (12.0, AWAY_RIGHT),
             (12.01, Pose2D(present=False)), (15.0, Pose2D(present=False)), (15.01, Pose2D(dx=-WIDTH * 0.5)),
             (15.6, UPRIGHT), (16.5, UPRIGHT), (17.2, Pose2D(dy=70, scale=0.9, lean_deg=-4)),
             (18.8, Pose2D(dy=70, scale=0.9, lean_deg=-4)), (19.4, UPRIGHT), (20.0, UPRIGHT))),
    Clip("sway_smile", "6 s: smiling, swaying left-right by 60 px", 6.0, motion=_sway),
    Clip("head_tilt", "8 s: head roll 0 -> +15° (1-3 s) -> 0 -> -15° (4.5-6.5 s) -> 0; shoulders level",
         8.0, (
        (0.0, UPRIGHT), (1.0, Pose2D(head_roll_deg=15)), (3.0, Pose2D(head_roll_deg=15)), (3.8, UPRIGHT),
        (4.5, Pose2D(head_roll_deg=-15)), (6.5, Pose2D(head_roll_deg=-15)), (7.3, UPRIGHT), (8.0, UPRIGHT))),
    Clip("lean_slump", "8 s: upright 0-1.5 s, lean 15° to one side 2.5-4.5 s, upright, "
         "slumped (lower and smaller) 6-7.5 s", 8.0, (
             (0.0, UPRIGHT), (1.5, UPRIGHT), (2.5, Pose2D(lean_deg=15)), (4.5, Pose2D(lean_deg=15)),
             (5.2, UPRIGHT), (6.0, Pose2D(dy=80, scale=0.88, lean_deg=-5)),
             (7.5, Pose2D(dy=80, scale=0.88, lean_deg=-5)), (8.0, Pose2D(dy=80, scale=0.88, lean_deg=-5)))),
    Clip("leave_return", "8 s: present 0-2 s, walks out right 2-3 s, nobody 3-6 s, back 6-7 s", 8.0, (
        (0.0, UPRIGHT), (2.0, UPRIGHT), (3.0, AWAY_RIGHT), (3.01, Pose2D(present=False)),
        (6.0, Pose2D(present=False)), (6.01, AWAY_RIGHT), (7.0, UPRIGHT), (8.0, UPRIGHT))),
    Clip("customer_passes", "6 s: staff member centred; a smaller second person crosses behind, 1-5 s",
         6.0, ((0.0, UPRIGHT), (6.0, UPRIGHT)), extra=_customer),
)


def pose_at(clip: Clip, t: float) -> Pose2D:
    """The person's pose at time t: smooth (cosine) interpolation between keyframes."""
    if clip.motion is not None:
        return clip.motion(t)
    frames = clip.keyframes
    if t <= frames[0][0]:
        return frames[0][1]
    for (t0, a), (t1, b) in zip(frames, frames[1:], strict=False):
        if t0 <= t <= t1:
            if not a.present or not b.present:
                return a if t - t0 < t1 - t else b
            w = 0.5 - 0.5 * math.cos(math.pi * (t - t0) / max(t1 - t0, 1e-9))
            return Pose2D(True, *(getattr(a, f) * (1 - w) + getattr(b, f) * w
                                  for f in ("dx", "dy", "scale", "lean_deg", "head_roll_deg")))
    return frames[-1][1]


@functools.lru_cache(maxsize=1)
def person_sprite() -> np.ndarray:
    """The astronaut photo as BGRA, alpha from MediaPipe selfie segmentation (soft edge)."""
    import cv2
    import mediapipe as mp
    from skimage import data

    rgb = np.ascontiguousarray(data.astronaut())
    with mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0) as segmenter:
        mask = segmenter.process(rgb).segmentation_mask
    alpha = cv2.GaussianBlur((mask > 0.5).astype(np.float32), (5, 5), 0)
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    return np.dstack([bgr, np.clip(alpha * 255, 0, 255).astype(np.uint8)])


@functools.lru_cache(maxsize=1)
def background() -> np.ndarray:
    """A plain, drawn service window: a warm wall with a soft gradient and a window frame edge."""
    y = np.linspace(0.0, 1.0, HEIGHT)[:, None]
    x = np.linspace(0.0, 1.0, WIDTH)[None, :]
    wall = np.stack([200 - 25 * y + 8 * x, 212 - 20 * y + 4 * x, 222 - 18 * y + 0 * x], axis=-1)
    image = np.broadcast_to(wall, (HEIGHT, WIDTH, 3)).astype(np.uint8).copy()
    image[:, :18] = (150, 160, 170)
    image[:, -18:] = (150, 160, 170)
    return image


def _head_roll_warp(sprite: np.ndarray, roll_deg: float) -> np.ndarray:
    """Turn the head about the neck by roll_deg, fading smoothly to no turn by the shoulders."""
    import cv2

    if abs(roll_deg) < 1e-3:
        return sprite
    height, width = sprite.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    distance = np.hypot(xs - HEAD_CENTRE[0], ys - HEAD_CENTRE[1])
    inner, outer = HEAD_RADIUS, HEAD_RADIUS * 1.6
    weight = np.clip((outer - distance) / (outer - inner), 0.0, 1.0)
    weight = weight * weight * (3 - 2 * weight)  # smoothstep
    # Inverse map: a displayed pixel comes from the photo rotated back by the local angle.
    # On screen (y down) a counter-clockwise turn by a maps (u, v) -> (u cos a + v sin a, -u sin a + v cos a).
    angle = np.radians(roll_deg) * weight
    u, v = xs - NECK[0], ys - NECK[1]
    cos, sin = np.cos(angle), np.sin(angle)
    map_x = (NECK[0] + u * cos - v * sin).astype(np.float32)
    map_y = (NECK[1] + u * sin + v * cos).astype(np.float32)
    return cv2.remap(sprite, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)


def _place(canvas: np.ndarray, sprite: np.ndarray, pose: Pose2D, size: float = 1.0, shade: float = 1.0
           ) -> None:
    import cv2

    sprite = _head_roll_warp(sprite, pose.head_roll_deg)
    s = SPRITE_SCALE * pose.scale * size
    # bottom-centre of the photo sits at the bottom-centre of the frame, shifted by (dx, dy)
    anchor_src = np.array([256.0, 512.0])
    anchor_dst = np.array([WIDTH / 2 + pose.dx, HEIGHT + 90 * s + pose.dy])
    pivot = np.array([WIDTH / 2 + pose.dx, HEIGHT + 160.0 + pose.dy])  # about the hips, below the frame
    matrix = np.array([[s, 0, anchor_dst[0] - s * anchor_src[0]], [0, s, anchor_dst[1] - s * anchor_src[1]]])
    turn = cv2.getRotationMatrix2D((float(pivot[0]), float(pivot[1])), pose.lean_deg, 1.0)
    full = np.vstack([turn, [0, 0, 1]]) @ np.vstack([matrix, [0, 0, 1]])
    warped = cv2.warpAffine(sprite, full[:2], (WIDTH, HEIGHT), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    alpha = warped[..., 3:4].astype(np.float32) / 255.0
    person = warped[..., :3].astype(np.float32) * shade
    canvas[:] = (canvas * (1 - alpha) + person * alpha).astype(np.uint8)


def render(clip: Clip, t: float) -> np.ndarray:
    """Frame of `clip` at time t (BGR, 640x480)."""
    import cv2

    canvas = background().copy()
    sprite = person_sprite()
    for pose, size in (clip.extra(t) if clip.extra else []):
        _place(canvas, cv2.flip(sprite, 1), replace(pose, scale=1.0), size=size, shade=0.85)
    pose = pose_at(clip, t)
    if pose.present:
        _place(canvas, sprite, pose)
    # the counter top in front of the person
    canvas[HEIGHT - 34:] = (95, 110, 130)
    canvas[HEIGHT - 34:HEIGHT - 30] = (140, 155, 175)
    return canvas


def build(outdir: str | Path, clips: tuple[Clip, ...] = CLIPS, *, fps: int = FPS) -> list[Path]:
    """Write every clip to `outdir` as <name>.mp4 and a README listing what each shows."""
    from coach.sinks import H264Writer

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for clip in clips:
        path = outdir / f"{clip.name}.mp4"
        with H264Writer(path, fps=fps, crf=30, preset="medium") as writer:
            for index in range(int(round(clip.seconds * fps))):
                t = index / fps
                writer.write(render(clip, t), t)
        written.append(path)
    lines = ["# Sample clips (built by `python -m coach.samples sample_videos`)", "",
             "Made from skimage.data.astronaut() (public domain); see coach/samples.py.", ""]
    lines += [f"- `{clip.name}.mp4` — {clip.description}" for clip in clips]
    (outdir / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return written


def write_y4m(video: str | Path, y4m: str | Path, *, max_seconds: float | None = None) -> Path:
    """A raw I420 YUV4MPEG2 copy of `video`, the format Chromium's fake camera reads
    (`--use-file-for-fake-video-capture=clip.y4m`). Large: about 460 KB per 640x480 frame."""
    import av

    y4m = Path(y4m)
    y4m.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        # frames stamped in milliseconds give rates like 128000/8533: say 15/1
        rate = Fraction(stream.average_rate or FPS)
        rate = Fraction(round(rate)) if abs(rate - round(rate)) < 0.01 else rate.limit_denominator(1001)
        with open(y4m, "wb") as out:
            header_written = False
            for frame in container.decode(stream):
                if max_seconds is not None and frame.time is not None and frame.time >= max_seconds:
                    break
                width, height = frame.width // 2 * 2, frame.height // 2 * 2
                if not header_written:
                    out.write(f"YUV4MPEG2 W{width} H{height} F{rate.numerator}:{rate.denominator} "
                              f"Ip A1:1 C420jpeg XYSCSS=420JPEG\n".encode("ascii"))
                    header_written = True
                planes = frame.reformat(width=width, height=height, format="yuv420p").to_ndarray()
                out.write(b"FRAME\n")
                out.write(np.ascontiguousarray(planes).tobytes())
    return y4m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coach.samples", description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", help="folder for the sample clips (e.g. sample_videos)")
    parser.add_argument("--y4m", nargs=2, metavar=("VIDEO", "Y4M"),
                        help="write a raw .y4m copy of VIDEO for Chromium's fake camera")
    parser.add_argument("--max-seconds", type=float, default=None,
                        help="with --y4m: only the first N seconds")
    args = parser.parse_args(argv)
    if not args.outdir and not args.y4m:
        parser.error("give an output folder, or --y4m VIDEO Y4M")
    if args.outdir:
        for path in build(args.outdir):
            print(f"{path} ({path.stat().st_size // 1024} KB)")
    if args.y4m:
        print(write_y4m(args.y4m[0], args.y4m[1], max_seconds=args.max_seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
