"""`manage.py import_content FILE`: pages from an old CMS's JSON Lines export (issue #4 item 12).

The record format and the rules are in madang.pages.importing and docs/operators/import-content.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from madang.pages.importing import import_content


class Command(BaseCommand):
    help = (
        "JSON Lines 파일의 기록을 페이지로 가져옵니다(외부 식별자 기준, 다시 실행해도 중복 없음)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="JSON Lines 파일(한 줄에 기록 하나)")
        parser.add_argument(
            "--site",
            help=(
                "가져올 사이트의 호스트 이름(기본: 기본 사이트). 섹션 경로는 그 사이트의 홈 "
                "기준입니다."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="검사만 하고 아무것도 저장하지 않습니다."
        )

    def handle(self, *args, file: Path, site=None, dry_run=False, **options):
        if not file.is_file():
            raise CommandError(_("파일 '%(file)s'을(를) 찾지 못했습니다.") % {"file": file})
        wagtail_site = None
        if site:
            wagtail_site = Site.objects.select_related("root_page").filter(hostname=site).first()
            if wagtail_site is None:
                raise CommandError(_("사이트 '%(site)s'을(를) 찾지 못했습니다.") % {"site": site})
        report = import_content(path=file, site=wagtail_site, dry_run=dry_run)
        out = self.stdout
        if dry_run:
            out.write(_("검사만 했습니다. 저장한 것은 없습니다."))
        out.write(
            _(
                "전체 %(total)d건: 새로 만듦 %(created)d, 고침 %(updated)d, "
                "바뀌지 않아 건너뜀 %(unchanged)d, 가져오지 못함 %(skipped)d"
            )
            % {
                "total": report.total,
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": len(report.unchanged),
                "skipped": len(report.skipped),
            }
        )
        for line, external_id, reason in report.skipped:
            out.write(
                self.style.WARNING(
                    _("%(line)d번째 줄(%(id)s) 가져오지 못함: %(reason)s")
                    % {"line": line, "id": external_id or "-", "reason": reason}
                )
            )
        for line, external_id, warning in report.warnings:
            out.write(
                _("%(line)d번째 줄(%(id)s) 참고: %(warning)s")
                % {"line": line, "id": external_id or "-", "warning": warning}
            )
