"""First versions of the sign-up consent notices, so a fresh site can take sign-ups at once.
Staff replace them with new versions in the admin (docs/staff/accounts.md); these rows are
never changed once someone has answered them."""

from django.db import migrations
from django.utils import timezone

NOTICES = [
    {
        "kind": "signup-required",
        "version": 1,
        "display_order": 10,
        "required": True,
        "title": "회원가입 개인정보 수집·이용 동의",
        "purpose": "회원 가입과 본인 계정 관리(로그인, 비밀번호 찾기), 민원 처리 결과와 서비스 변경 사항 안내",
        "items": "아이디, 비밀번호(복원할 수 없게 암호화하여 저장), 전자우편 또는 휴대전화번호 중 하나 이상",
        "retention": "회원 탈퇴 시까지. 탈퇴하면 지체 없이(5일 이내) 파기합니다. 다만 다른 법령이 보존을 정한 민원 기록은 그 법령이 정한 기간 동안 분리하여 보관합니다.",
        "refusal_consequence": "동의를 거부할 권리가 있습니다. 다만 이 항목은 회원 서비스에 꼭 필요하므로, 동의하지 않으면 회원으로 가입할 수 없습니다. 회원가입 없이도 홈페이지의 공개 정보는 이용할 수 있습니다.",
    },
    {
        "kind": "news-optional",
        "version": 1,
        "display_order": 20,
        "required": False,
        "title": "구정 소식·행사 안내 수신 동의",
        "purpose": "구정 소식, 행사, 교육 프로그램 안내를 전자우편 또는 문자로 보내 드리기 위함",
        "items": "전자우편, 휴대전화번호(가입 때 입력한 연락처)",
        "retention": "동의를 철회하거나 회원 탈퇴할 때까지",
        "refusal_consequence": "동의를 거부할 권리가 있으며, 거부해도 회원가입과 모든 서비스 이용에 아무런 제한이 없습니다. 다만 구정 소식 안내를 받을 수 없습니다. 동의는 '내 정보'에서 언제든 철회할 수 있습니다.",
    },
]


def seed(apps, schema_editor):
    ConsentNotice = apps.get_model("privacy", "ConsentNotice")
    now = timezone.now()
    for data in NOTICES:
        ConsentNotice.objects.get_or_create(
            kind=data["kind"],
            version=data["version"],
            defaults={**data, "effective_at": now},
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0004_consent_notices_records_identity")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
