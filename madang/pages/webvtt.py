"""Reading WebVTT caption files (자막, KWCAG 2.2 5.2.1) well enough to refuse broken ones.

Checks what a browser needs to show the captions at all: the `WEBVTT` signature, UTF-8, and
cue timings it can parse (https://www.w3.org/TR/webvtt1/). Errors are in Korean, name the line
and say how to fix it, because the person who uploads the file is an editor, not a developer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_TIMESTAMP = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t]+.*)?$")
_TAG = re.compile(r"<[^>]*>")
_EXAMPLE = "00:00:01.000 --> 00:00:04.500"


class WebVTTError(ValueError):
    """The file is not usable WebVTT; `message` says what to fix, in Korean."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str

    @property
    def plain_text(self) -> str:
        """The cue's words without voice, class or timestamp tags."""
        return html.unescape(_TAG.sub("", self.text)).strip()


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_webvtt(data: bytes | str) -> list[Cue]:
    """The cues of a WebVTT file, or WebVTTError saying what is wrong with it."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise WebVTTError(
                _(
                    "자막 파일을 UTF-8로 읽을 수 없습니다. 메모장 등에서 '다른 이름으로 저장'을 "
                    "누르고 인코딩을 UTF-8로 골라 다시 저장한 뒤 올려 주세요."
                )
            ) from None
    else:
        text = data
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise WebVTTError(
            _(
                "WebVTT 자막 파일이 아닙니다. 파일의 첫 줄은 'WEBVTT'여야 합니다. SRT 자막이라면 "
                "첫 줄에 WEBVTT를 쓰고, 시간의 쉼표(,)를 마침표(.)로 바꿔 .vtt로 저장해 주세요."
            )
        )
    cues: list[Cue] = []
    # Blocks are separated by blank lines; the first block is the header.
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start_line = 1
    for number, line in enumerate(lines, start=1):
        if line.strip() == "":
            if current:
                blocks.append((start_line, current))
            current = []
            continue
        if not current:
            start_line = number
        current.append(line)
    if current:
        blocks.append((start_line, current))
    if any("-->" in line for line in blocks[0][1]):
        raise WebVTTError(
            _(
                "첫 줄 'WEBVTT' 다음에 빈 줄을 하나 두고 자막을 적어 주세요. 빈 줄이 없으면 "
                "첫 자막을 읽지 못합니다."
            )
        )
    previous_start = 0.0
    for start_line, block in blocks[1:]:
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in block[0]:
            continue
        timing_index = 0 if "-->" in block[0] else 1
        if timing_index >= len(block) or "-->" not in block[timing_index]:
            raise WebVTTError(
                _(
                    "%(line)d번째 줄의 자막에 시간 표시가 없습니다. 자막마다 '%(example)s'처럼 "
                    "시작과 끝 시간을 적은 줄이 있어야 합니다."
                )
                % {"line": start_line, "example": _EXAMPLE}
            )
        line_number = start_line + timing_index
        timing = block[timing_index].strip()
        match = _TIMING.match(timing)
        if not match:
            raise WebVTTError(
                _(
                    "%(line)d번째 줄의 시간 표시 '%(timing)s'를 읽을 수 없습니다. "
                    "'%(example)s'처럼 시:분:초.밀리초(세 자리)로 적어 주세요."
                )
                % {"line": line_number, "timing": timing[:60], "example": _EXAMPLE}
            )
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:])
        if end <= start:
            raise WebVTTError(
                _("%(line)d번째 줄의 자막은 끝 시간이 시작 시간보다 늦어야 합니다.")
                % {"line": line_number}
            )
        if start < previous_start:
            raise WebVTTError(
                _(
                    "%(line)d번째 줄의 자막이 앞 자막보다 먼저 시작합니다. 자막을 시작 시간 "
                    "순서대로 적어 주세요."
                )
                % {"line": line_number}
            )
        previous_start = start
        cues.append(Cue(start=start, end=end, text="\n".join(block[timing_index + 1 :])))
    if not cues:
        raise WebVTTError(
            _(
                "자막 파일에 자막이 하나도 없습니다. 'WEBVTT' 줄 아래에 빈 줄을 두고 "
                "'%(example)s'처럼 시간과 자막 글을 적어 주세요."
            )
            % {"example": _EXAMPLE}
        )
    return cues


def webvtt_transcript(cues: list[Cue]) -> list[str]:
    """The captions read as paragraphs: consecutive cues joined, one paragraph per cue text."""
    return [t for t in (cue.plain_text for cue in cues) if t]
