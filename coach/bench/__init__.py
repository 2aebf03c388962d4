"""`python -m coach bench`: speed and resource figures, each measured side by side in one run.

The machines this runs on are shared and noisy, so every table compares things measured in the
same run (and, for throughput, on the same frame one right after the other); the ratios are the
figures to trust, the absolute times only describe that run.

    throughput.py    bare MediaPipe FaceMesh+Pose vs the full pipeline vs the Haar cascade,
                     and where the pipeline's time goes (per stage)
    eco.py           a live 30 fps source analysed at full rate vs in eco mode (CPU share)
    review_speed.py  `python -m coach review` on a 720p30 clip, with and without --stride
    memory.py        RSS while the engine replays hours of recorded landmarks
    clips.py         the frames: sample_videos/ (always there) or real clips from --data
    probe.py         process CPU time, RSS and per-call timers
    report.py        table formatting, the machine's description, benchmarks/RESULTS.md
"""
