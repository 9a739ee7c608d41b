from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    CITIZEN = "citizen", _("주민")
    STAFF = "staff", _("직원")
    CONTRACTOR = "contractor", _("위탁업체")  # ordinance 제5조②, 제6조③


class ApiScope(models.TextChoices):
    READ = "read", _("읽기")
    DEPARTMENTS_WRITE = "departments:write", _("부서 정보 변경")
    AUDIT_READ = "audit:read", _("감사 기록 조회")
    COMPLAINTS_WRITE = "complaints:write", _("민원 접수")
    BOARDS_WRITE = "boards:write", _("게시판 글·댓글 쓰기와 신고")
    BOARDS_MODERATE = "boards:moderate", _("게시판 관리 (조례 제8조 삭제·복원·차단)")
