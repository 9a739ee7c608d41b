"""The organisation chart and department pages, generated from Department data."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .easy_read import EASY_READ_SEGMENT, EasyReadMixin, easy_read_field
from .mixins import OwnedContentMixin


class OrganisationChartPage(RoutablePageMixin, EasyReadMixin, OwnedContentMixin, Page):
    """조직도: the department tree (one query) and, under it, one page per department with its
    duties and the staff directory of official duties and office phones (no personal data).

    Its easy-read version (쉬운 글, 제5조①6) says in plain words which office does what and
    whom to call when unsure; it is the route `easy/`, declared before the department route.
    Department pages are generated from Department data and have no easy version of their own;
    they link to the chart's."""

    intro = RichTextField(_("소개"), features=["bold", "link"], blank=True)
    easy_read_body = easy_read_field()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("easy_read_body"),
        *OwnedContentMixin.ownership_panels,
    ]
    parent_page_types = ["pages.HomePage", "pages.SectionIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/organisation_chart_page.html"

    class Meta:
        verbose_name = _("조직도")

    @path("")
    def chart(self, request):
        from ..selectors import department_tree

        return self.render(request, context_overrides={"tree": department_tree()})

    @path(f"{EASY_READ_SEGMENT}/")
    def easy_read_view(self, request):
        if not self.has_easy_read:
            # No easy version: the address is a department's, should one have that code.
            return self.department(request, EASY_READ_SEGMENT)
        return self.render(
            request, template=self.easy_read_template, context_overrides={"easy_read": True}
        )

    @path("<slug:code>/")
    def department(self, request, code):
        from ..selectors import department_detail

        found = department_detail(code=code)
        if found is None:
            raise Http404
        department, staff, children = found
        return self.render(
            request,
            template="pages/department_page.html",
            context_overrides={"department": department, "staff": staff, "children": children},
        )
