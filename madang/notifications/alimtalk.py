"""카카오 알림톡 for the notices Madang sends to a citizen's phone.

Kakao delivers only text registered and approved in advance (알림톡 템플릿 검수): the
template's `#{variables}` are filled at send time and the result must be the approved text.
`TEMPLATES` holds, for each notice purpose, the text Madang fills. The district registers
exactly this text in the NHN Cloud console (KakaoTalk Bizmessage > 알림톡 > 템플릿 관리) and,
once Kakao approved it, puts the template code in `MADANG_ALIMTALK_TEMPLATES`
(environment `ALIMTALK_TEMPLATES="complaint.receipt=DJ_RECEIPT_01,…"`). A purpose without a
code, or an installation without the 알림톡 keys, sends the notice by SMS as before.

The texts are deliberately not marked for translation: they must stay, byte for byte, what
Kakao approved, whatever language a staff screen is in. The staff guide
(docs/staff/notifications.md) lists the same texts for registration; a test keeps the two equal.
"""

from __future__ import annotations

import re

from django.conf import settings

VARIABLE = re.compile(r"#\{(\w+)\}")

# purpose -> template text. Keep in step with docs/staff/notifications.md (tested).
TEMPLATES: dict[str, str] = {
    "complaint.receipt": (
        "[#{site}] 민원 접수 안내\n\n"
        "민원이 접수되었습니다.\n"
        "접수번호: #{no}\n"
        "접수일시: #{received}\n"
        "처리기한: #{due}"
    ),
    "complaint.transferred": (
        "[#{site}] 민원 이송 안내\n\n"
        "접수번호 #{no} 민원은 #{agency} 소관이어서 그 기관으로 이송했습니다.\n"
        "민원 보기: #{link}"
    ),
    "complaint.supplement_requested": (
        "[#{site}] 민원 보완 요청\n\n"
        "접수번호 #{no} 민원을 처리하려면 보완이 필요합니다.\n"
        "보완 기한: #{by}\n"
        "민원 보기: #{link}"
    ),
    "complaint.extended": (
        "[#{site}] 민원 처리기간 연장 안내\n\n"
        "접수번호 #{no} 민원의 처리기간을 연장했습니다.\n"
        "처리완료 예정일: #{after}\n"
        "민원 보기: #{link}"
    ),
    "complaint.progress_notice": (
        "[#{site}] 민원 처리 진행 안내\n\n"
        "접수번호 #{no} 민원을 처리하고 있습니다.\n"
        "처리완료 예정일: #{due}\n"
        "민원 보기: #{link}"
    ),
    "complaint.answered": (
        "[#{site}] 민원 처리 결과 안내\n\n"
        "접수번호 #{no} 민원의 처리 결과가 등록되었습니다.\n"
        "민원 보기: #{link}"
    ),
    "complaint.closed_repeated": (
        "[#{site}] 반복 민원 종결 안내\n\n"
        "접수번호 #{no} 민원을 반복 민원으로 종결했습니다(민원 처리에 관한 법률 제23조).\n"
        "민원 보기: #{link}"
    ),
    "complaint.withdrawn": (
        "[#{site}] 민원 취하 안내\n\n접수번호 #{no} 민원을 취하했습니다.\n민원 보기: #{link}"
    ),
}


def configured() -> bool:
    """The 알림톡 keys are present (NHN_ALIMTALK_APP_KEY, _SECRET_KEY, _SENDER_KEY)."""
    return all(
        getattr(settings, name, "")
        for name in ("NHN_ALIMTALK_APP_KEY", "NHN_ALIMTALK_SECRET_KEY", "NHN_ALIMTALK_SENDER_KEY")
    )


def template_code_for(purpose: str) -> str:
    """The approved template code to send `purpose` by 알림톡, or "" to send it by SMS."""
    if purpose not in TEMPLATES or not configured():
        return ""
    codes = getattr(settings, "MADANG_ALIMTALK_TEMPLATES", None) or {}
    return str(codes.get(purpose, "") or "").strip()


def template_variables(purpose: str) -> list[str]:
    return list(dict.fromkeys(VARIABLE.findall(TEMPLATES[purpose])))


def template_render(purpose: str, values: dict) -> tuple[str, dict[str, str]]:
    """(the filled-in text, the variables NHN Cloud fills the template with). Only the
    template's own variables are passed on; a missing one is a programming error."""
    names = template_variables(purpose)
    if missing := [name for name in names if name not in values]:
        raise KeyError(f"알림톡 template {purpose!r} needs {missing}")
    variables = {name: str(values[name]) for name in names}
    text = VARIABLE.sub(lambda match: variables[match[1]], TEMPLATES[purpose])
    return text, variables
