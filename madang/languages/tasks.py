"""Background work of the foreign-language homepages: the department e-mail for each opinion,
and the nightly erasure of reply contacts past their retention period."""

from datetime import time

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from madang.core.scheduling import periodic


@task(queue_name="notifications")
def opinion_notify(opinion_id: int) -> bool:
    """E-mail the operating department that an opinion arrived (조례 제6조②③). Idempotent: an
    opinion is announced once, even if the task runs again. The e-mail carries the masked text
    and the receipt number, never the writer's contact details (those stay in the admin, where
    reading them is logged)."""
    from .models import LanguageSite, Opinion
    from .services import opinion_mark_notified

    opinion = Opinion.objects.select_related("department").filter(pk=opinion_id).first()
    if opinion is None:
        return False
    site = (
        LanguageSite.objects.select_related("operating_department")
        .filter(language_code=opinion.language_code)
        .first()
    )
    to = (site.email if site else "") or (opinion.department.email if opinion.department else "")
    if not to or not opinion_mark_notified(opinion_id=opinion.pk):
        return False
    with translation.override(settings.LANGUAGE_CODE):  # staff read Korean
        language_name = dict(settings.LANGUAGES).get(opinion.language_code, opinion.language_code)
        subject = _("[외국어 홈페이지 의견] %(language)s 의견 접수 %(receipt)s") % {
            "language": language_name,
            "receipt": opinion.receipt_number,
        }
        body = render_to_string(
            "languages/email/opinion.txt",
            {
                "opinion": opinion,
                "language_name": language_name,
                "base_url": settings.WAGTAILADMIN_BASE_URL,
            },
        )
    send_mail(subject, body, None, [to])
    return True


@periodic(daily_at=time(3, 40))
@task(queue_name="maintenance")
def erase_opinion_contacts() -> int:
    """Nightly: erase reply contacts older than MADANG_OPINION_CONTACT_RETENTION_DAYS."""
    from .services import opinion_contacts_erase

    return opinion_contacts_erase()
