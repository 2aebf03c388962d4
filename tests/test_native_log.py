import subprocess
import sys

from coach.vision.native_log import is_noise


def test_mediapipe_info_and_warning_lines_are_noise_but_errors_are_not():
    assert is_noise("W0000 00:00:1795959957.810724   32201 inference_feedback_manager.cc:114] Feedback")
    assert is_noise("I0000 00:00:1795959957.810724   32201 gl_context.cc:369] GL version")
    assert is_noise("INFO: Created TensorFlow Lite XNNPACK delegate for CPU.")
    assert not is_noise("E0000 00:00:1795959957.810724   32201 calculator_graph.cc:887] failed")
    assert not is_noise("Error: the file does not exist")


def test_command_line_keeps_real_errors_and_drops_native_chatter(tmp_path):
    missing = tmp_path / "absent.mp4"
    result = subprocess.run(
        [sys.executable, "-m", "coach", "review", str(missing), "-o", str(tmp_path / "out"), "--lang", "en"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "W0000" not in result.stderr
