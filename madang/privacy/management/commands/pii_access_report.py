"""The monthly review of the PII access log for the privacy officer (안전성 확보조치 기준
제8조②: check the access records at least once a month; confirm the reason for downloads)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from madang.privacy.models import PIIAccessAction
from madang.privacy.selectors import parse_month, pii_access_monthly_report, previous_month


class Command(BaseCommand):
    help = "Print the monthly PII access review: counts, downloads with reasons, unusual patterns."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM; defaults to last month")

    def handle(self, *args, month=None, **options):
        try:
            first = parse_month(month) if month else previous_month()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = pii_access_monthly_report(month=first)
        labels = dict(PIIAccessAction.choices)
        out = self.stdout.write
        out(f"개인정보 접속기록 월간 점검 {first:%Y-%m} (안전성 확보조치 기준 제8조)")
        out(f"전체 {report.total}건")
        out("")
        out("## 계정별 수행업무")
        header = ["계정", *(str(labels[a]) for a, _ in report.actions), "합계"]
        out("\t".join(header))
        for actor in report.actors:
            counts = [str(actor.counts.get(a, 0)) for a, _ in report.actions]
            out("\t".join([actor.actor_repr, *counts, str(actor.total)]))
        out("")
        out("## 다운로드·내보내기 (사유 확인 대상)")
        if not report.downloads:
            out("없음")
        for entry in report.downloads:
            reason = entry.reason or "!! 사유 없음"
            local = timezone.localtime(entry.created_at)
            out(
                f"#{entry.seq}\t{local:%Y-%m-%d %H:%M}\t{entry.actor_repr}\t"
                f"{labels[entry.action]}\t{entry.subject_display}\t{entry.ip_address}\t{reason}"
            )
        out("")
        out(f"## 하루 정보주체 {report.threshold}명 초과 조회")
        if not report.heavy_days:
            out("없음")
        for heavy in report.heavy_days:
            out(f"!! {heavy.day:%Y-%m-%d}\t{heavy.actor_repr}\t정보주체 {heavy.subjects}명")
        start, end = report.working_hours
        out("")
        out(f"## 업무시간({start:%H:%M}–{end:%H:%M}, 평일) 외 접속")
        if not report.after_hours:
            out("없음")
        for bucket in report.after_hours:
            out(f"!! {bucket.actor_repr}\t{bucket.count}건")
            for entry in bucket.entries:
                local = timezone.localtime(entry.created_at)
                out(f"   #{entry.seq}\t{local:%Y-%m-%d %a %H:%M}\t{labels[entry.action]}")
        out("")
        out("점검 필요 항목 있음" if report.flagged else "특이사항 없음")
