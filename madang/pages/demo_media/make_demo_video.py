"""Makes `dongjak-tv-demo.webm`, the silent clip of the demo video page (not run by the app).

The clip is drawn with Pillow and encoded to VP8 with PyAV, which is not a Madang dependency:
    pip install --target /tmp/av av && PYTHONPATH=/tmp/av python make_demo_video.py
Eight seconds of simple shapes in the district's colours; what is said in it is in the demo's
captions (dongjak-tv-demo.ko.vtt is written by madang.pages.demo) and transcript.
"""

from pathlib import Path

import av
from PIL import Image, ImageDraw

WIDTH, HEIGHT, FPS, SECONDS = 320, 180, 10, 8
OUT = Path(__file__).with_name("dongjak-tv-demo.webm")


def frame(n: int) -> Image.Image:
    t = n / (FPS * SECONDS)
    img = Image.new("RGB", (WIDTH, HEIGHT), (0, 55, 120))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, HEIGHT - 40, WIDTH, HEIGHT], fill=(0, 120, 90))  # the Han river bank
    x = int(20 + t * (WIDTH - 80))
    draw.ellipse([x, 30, x + 40, 70], fill=(250, 200, 40))  # the sun crossing the sky
    for i in range(5):  # buildings
        left = 30 + i * 55
        draw.rectangle([left, 80 + (i % 3) * 12, left + 35, HEIGHT - 40], fill=(230, 236, 245))
    return img


def main() -> None:
    with av.open(str(OUT), mode="w", format="webm") as container:
        stream = container.add_stream("libvpx", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = WIDTH, HEIGHT, "yuv420p"
        stream.options = {"crf": "30", "b:v": "200k"}
        for n in range(FPS * SECONDS):
            for packet in stream.encode(av.VideoFrame.from_image(frame(n))):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


if __name__ == "__main__":
    main()
