"""Everything that sees: frame sources, the MediaPipe landmarker and the overlay.

Side effects of seeing (devices, files, models) live here, never in coach.rules.
"""
