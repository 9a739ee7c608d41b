from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from madang.sitegov.services import editorial_workflow_ensure


class Command(BaseCommand):
    help = _(
        "누리집 운영부서 승인 워크플로(조례 제7조)를 만들거나 고쳐서 최상위 페이지에 지정합니다."
    )

    def handle(self, *args, **options):
        workflow = editorial_workflow_ensure()
        self.stdout.write(
            _("워크플로 '%(name)s'을(를) 모든 사이트에 지정했습니다.") % {"name": workflow.name}
        )
