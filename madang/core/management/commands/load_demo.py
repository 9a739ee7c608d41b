from django.core.management import call_command
from django.core.management.base import BaseCommand

from madang.accounts.demo import load_staff
from madang.boards.demo import load_boards
from madang.counselling.demo import load_counselling
from madang.departments.demo import load_departments
from madang.pages.demo import load_site
from madang.sitegov.demo import load_sitegov


class Command(BaseCommand):
    help = (
        "Load the Dongjak-gu demo data. Safe to run again: it adds only what is missing and "
        "never changes or duplicates what is there."
    )

    def handle(self, *args, **options):
        created, existing = load_departments()
        self.stdout.write(f"Departments: {created} created, {existing} already there.")
        staff = load_staff()
        home, home_en = load_site()
        self.stdout.write(f"Site: {home.title} (ko) and {home_en.title} (en).")
        load_boards()
        staff += load_sitegov()
        self.stdout.write("Boards: 자유게시판 and 구청장과의 대화방.")
        faqs, counsellors = load_counselling()
        self.stdout.write(f"민원상담: {faqs} FAQs, {counsellors} counsellors added.")
        # Publishing queues index updates for the task worker, which `make run` does not
        # start; index now so that site search finds the demo pages straight away.
        call_command("rebuild_search_index", stdout=self.stdout)
        new_accounts = [(u, p) for u, p in staff if p]
        if new_accounts:
            rule = "=" * 64
            self.stdout.write(self.style.WARNING(rule))
            self.stdout.write(
                self.style.WARNING(" 데모 직원 계정 (Demo staff accounts) — shown only now")
            )
            self.stdout.write(self.style.WARNING(rule))
            for username, password in new_accounts:
                self.stdout.write(f"   {username:<12} {password}")
            self.stdout.write("   Sign in at http://127.0.0.1:8000/admin/")
            self.stdout.write("   Forgot one? .venv/bin/python manage.py changepassword <username>")
            self.stdout.write(self.style.WARNING(rule))
        else:
            self.stdout.write(
                "Demo staff accounts already exist (admin, editor, moderator); their passwords "
                "were printed when they were made. Reset one with: "
                ".venv/bin/python manage.py changepassword admin"
            )
