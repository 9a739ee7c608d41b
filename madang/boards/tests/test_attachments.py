"""Attachment checks (extension + magic bytes + size) and image re-encoding without EXIF."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from madang.boards.attachments import SIGNATURES, check_attachment
from madang.boards.sanitize import body_to_text, clean_body

ALL = list(SIGNATURES)


def upload(name, data):
    return SimpleUploadedFile(name, data)


def zipped(member):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(member, "<x/>")
    return buf.getvalue()


def jpeg_with_gps():
    image = Image.new("RGB", (20, 10), "red")
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (37.0, 30.0, 0.0)}  # GPSInfo
    buf = io.BytesIO()
    image.save(buf, format="JPEG", exif=exif)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.pdf", b"%PDF-1.7\n..."),
        ("a.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 10),
        ("a.hwpx", zipped("Contents/section0.xml")),
        ("a.docx", zipped("word/document.xml")),
        ("a.xlsx", zipped("xl/workbook.xml")),
        ("a.pptx", zipped("ppt/presentation.xml")),
        ("a.txt", "안녕하세요".encode()),
        ("a.txt", "안녕하세요".encode("cp949")),
        ("A.PDF", b"%PDF-1.4"),
    ],
)
def test_genuine_files_pass(name, data):
    checked = check_attachment(upload(name, data), allowed=ALL, max_mb=10)
    assert checked.extension == name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.pdf", b"MZ\x90\x00 executable"),
        ("a.docx", zipped("xl/workbook.xml")),  # a spreadsheet posing as a document
        ("a.docx", b"PK\x03\x04 not really a zip"),
        ("a.png", b"\xff\xd8\xff\xe0 jpeg bytes"),
        ("a.txt", b"binary\x00data"),
        ("a.gif", b"GIF00a"),
    ],
)
def test_content_must_match_extension(name, data):
    with pytest.raises(ValidationError, match="확장자"):
        check_attachment(upload(name, data), allowed=ALL, max_mb=10)


@pytest.mark.parametrize("name", ["a.exe", "a.html", "a.svg", "noextension", "a.pdf.exe"])
def test_disallowed_extension(name):
    with pytest.raises(ValidationError, match="올릴 수 없는 형식"):
        check_attachment(upload(name, b"%PDF-"), allowed=ALL, max_mb=10)


def test_board_can_narrow_extensions():
    with pytest.raises(ValidationError):
        check_attachment(upload("a.pdf", b"%PDF-1.7"), allowed=["jpg"], max_mb=10)


def test_size_limit(settings):
    data = b"%PDF-" + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="1MB"):
        check_attachment(upload("a.pdf", data), allowed=ALL, max_mb=1)
    settings.BOARD_MAX_ATTACHMENT_MB = 1  # the site-wide cap wins over a board's larger value
    with pytest.raises(ValidationError):
        check_attachment(upload("a.pdf", data), allowed=ALL, max_mb=50)


def test_jpeg_reencoded_without_exif():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()
    checked = check_attachment(upload("photo.jpg", original), allowed=ALL, max_mb=10)
    data = checked.content.read()
    assert data.startswith(b"\xff\xd8\xff")
    assert not Image.open(io.BytesIO(data)).getexif()
    assert b"CameraMaker" not in data


@pytest.mark.parametrize(("fmt", "ext"), [("PNG", "png"), ("GIF", "gif")])
def test_png_gif_reencoded(fmt, ext):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buf, format=fmt)
    checked = check_attachment(upload(f"x.{ext}", buf.getvalue()), allowed=ALL, max_mb=10)
    assert Image.open(io.BytesIO(checked.content.read())).format == fmt


def test_corrupt_image_refused():
    with pytest.raises(ValidationError, match="이미지"):
        check_attachment(upload("x.png", b"\x89PNG\r\n\x1a\n" + b"garbage"), allowed=ALL, max_mb=10)


def test_path_in_name_is_flattened():
    checked = check_attachment(upload("../../etc/a.pdf", b"%PDF-1"), allowed=ALL, max_mb=1)
    assert "/" not in checked.original_name


def test_plain_text_becomes_paragraphs_and_is_escaped():
    assert clean_body("첫 줄\n둘째 줄") == "<p>첫 줄<br>둘째 줄</p>"
    assert clean_body("1 > 0 & 참") == "<p>1 &gt; 0 &amp; 참</p>"


def test_body_to_text():
    assert body_to_text("<p>가 &amp; 나</p><p>다</p>") == "가 & 나\n다"
