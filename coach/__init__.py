"""Real-time posture and smile coaching for counter-service staff."""

__version__ = "0.1.0"
