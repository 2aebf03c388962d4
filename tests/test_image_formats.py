"""Any image a user has: GIF, WebP, BMP, TIFF, 16-bit and palette PNG, EXIF-rotated JPEG; and a
message that names the format not understood instead of calling the file corrupt."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from coach.vision.sources import SourceError, open_source, read_image


@pytest.fixture(scope="module")
def astronaut() -> Image.Image:
    from skimage import data

    return Image.fromarray(data.astronaut()).resize((256, 256))


def saved(image: Image.Image, path, fmt: str, **options):
    image.save(path, fmt, **options)
    return path


@pytest.mark.parametrize("fmt,suffix,convert", [
    ("GIF", ".gif", None), ("WEBP", ".webp", None), ("BMP", ".bmp", None), ("TIFF", ".tif", None),
    ("PNG", ".png", "P"), ("PNG", ".png", "LA"), ("JPEG", ".jpg", "L"),
])
def test_formats_decode_to_the_same_picture(tmp_path, astronaut, fmt, suffix, convert):
    image = astronaut.convert(convert) if convert else astronaut
    path = saved(image, tmp_path / f"photo{suffix}", fmt)
    pixels = read_image(path)
    assert pixels.shape == (256, 256, 3) and pixels.dtype == np.uint8
    reference = np.asarray(astronaut.convert("L"), dtype=np.float64)
    grey = pixels[:, :, ::-1].astype(np.float64).mean(axis=2)  # BGR back to RGB, then grey
    assert np.corrcoef(reference.ravel(), grey.ravel())[0, 1] > 0.95


def test_a_gif_named_png_is_read(tmp_path, astronaut):
    path = saved(astronaut, tmp_path / "face.png", "GIF")
    assert read_image(path).shape == (256, 256, 3)
    frames = list(open_source(path))
    assert len(frames) == 1


def test_16_bit_png_keeps_its_range(tmp_path):
    ramp = (np.linspace(0, 65535, 64 * 64).reshape(64, 64)).astype(np.uint16)
    path = tmp_path / "deep.png"
    Image.fromarray(ramp).save(path)
    pixels = read_image(path)
    assert pixels.shape == (64, 64, 3)
    assert pixels.min() <= 1 and pixels.max() >= 254


def test_exif_rotation_is_applied(tmp_path, astronaut):
    wide = astronaut.resize((300, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    path = tmp_path / "phone.jpg"
    wide.save(path, "JPEG", exif=exif.tobytes())
    assert read_image(path).shape == (300, 200, 3)


@pytest.mark.parametrize("content,named", [
    (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64, "HEIC"),
    (b"\x00\x00\x00\x1cftypavif" + b"\x00" * 64, "AVIF"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    (b"just some words, not a picture" * 4, ".jpg"),
])
def test_unknown_formats_are_named_not_called_corrupt(tmp_path, content, named):
    path = tmp_path / "upload.jpg"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_image(path)
    message = caught.value.message("en")
    assert named in message and "upload.jpg" in message and "\n" not in message
    assert "corrupt" not in message.lower() and "damaged" not in message.lower()


def test_a_truncated_png_says_damaged_and_names_png(tmp_path, astronaut):
    buffer = io.BytesIO()
    astronaut.save(buffer, "PNG")
    path = tmp_path / "cut.png"
    path.write_bytes(buffer.getvalue()[:2000])
    with pytest.raises(SourceError) as caught:
        read_image(path)
    message = caught.value.message("en")
    assert "PNG" in message and "damaged" in message
