"""StreamField blocks of the home and content pages. Each block describes itself (icon, template,
description) and enforces what accessibility needs: alt text (KWCAG 5.1.1), table captions and
header cells (5.3.1)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]


class QuickLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("이름"), max_length=40)
    page = blocks.PageChooserBlock(label=_("내부 페이지"), required=False)
    url = blocks.URLBlock(label=_("외부 주소"), required=False)

    class Meta:
        icon = "link"
        label = _("바로가기")
        description = _("자주 찾는 서비스로 가는 바로가기")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(_("내부 페이지나 외부 주소 중 하나를 정하세요."))
                }
            )
        return value


class QuickLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("제목"), max_length=60)
    links = blocks.ListBlock(QuickLinkBlock(), label=_("바로가기 목록"))

    class Meta:
        icon = "list-ul"
        label = _("바로가기 묶음")
        template = "pages/blocks/quick_links.html"
        preview_value = {"heading": "자주 찾는 서비스", "links": []}
        description = _("홈 화면의 자주 찾는 서비스 묶음")


class TextSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("제목"), max_length=80)
    text = blocks.RichTextBlock(
        label=_("내용"), features=["bold", "italic", "link", "ol", "ul", "h3", "h4"]
    )

    class Meta:
        icon = "doc-full"
        label = _("글 묶음")
        template = "pages/blocks/text_section.html"
        description = _("제목이 있는 본문 묶음")


class LatestArticlesBlock(blocks.StructBlock):
    """The latest N items of one news or notice index, pinned first, in one query."""

    heading = blocks.CharBlock(label=_("제목"), max_length=60)
    index = blocks.PageChooserBlock(
        label=_("목록 페이지"), page_type=["pages.NewsIndexPage"], required=True
    )
    count = blocks.IntegerBlock(label=_("개수"), default=5, min_value=1, max_value=10)

    class Meta:
        icon = "list-ol"
        label = _("최신 글")
        template = "pages/blocks/latest_articles.html"
        description = _("공지사항이나 구정소식 목록의 최신 글")

    def get_context(self, value, parent_context=None):
        from .selectors import article_latest

        context = super().get_context(value, parent_context=parent_context)
        index = value.get("index")
        context["articles"] = article_latest(index=index, limit=value["count"]) if index else []
        return context


class BannerBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("이미지"))
    alt = blocks.CharBlock(
        label=_("대체 텍스트"),
        max_length=200,
        help_text=_("배너에 적힌 글과 뜻을 그대로 적으세요(KWCAG 5.1.1)."),
    )
    page = blocks.PageChooserBlock(label=_("연결 페이지"), required=False)
    url = blocks.URLBlock(label=_("외부 주소"), required=False)

    class Meta:
        icon = "image"
        label = _("배너")


class BannersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("제목"), max_length=60)
    banners = blocks.ListBlock(BannerBlock(), label=_("배너 목록"))

    class Meta:
        icon = "image"
        label = _("배너 묶음")
        template = "pages/blocks/banners.html"
        description = _("이미지 배너(대체 텍스트 필수)")


class EventsBlock(blocks.StructBlock):
    """The events area. Renders nothing until an events source (participation app) exists."""

    heading = blocks.CharBlock(label=_("제목"), max_length=60, default="행사·참여")
    count = blocks.IntegerBlock(label=_("개수"), default=4, min_value=1, max_value=10)

    class Meta:
        icon = "date"
        label = _("행사")
        template = "pages/blocks/events.html"
        description = _("행사·참여 목록(행사 기능이 생기면 표시됩니다)")

    def get_context(self, value, parent_context=None):
        from .selectors import event_source

        context = super().get_context(value, parent_context=parent_context)
        source = event_source()
        context["events"] = list(source(limit=value["count"])) if source else []
        return context


class EmergencyNoticeBlock(blocks.StructBlock):
    """The disaster-alert slot: an editor-set 긴급 공지, shown only while active.

    When the media-board app adds a disaster-alert model, its latest active alert takes this
    slot (selectors.emergency_alert_source)."""

    active = blocks.BooleanBlock(label=_("게시"), required=False)
    text = blocks.CharBlock(label=_("긴급 공지 내용"), max_length=200, required=False)
    ends_at = blocks.DateTimeBlock(label=_("게시 종료 일시"), required=False)
    page = blocks.PageChooserBlock(label=_("자세히 보기 페이지"), required=False)

    class Meta:
        icon = "warning"
        label = _("긴급 공지")
        template = "pages/blocks/emergency_notice.html"
        description = _("재난·긴급 공지 자리. '게시'를 켠 동안만 보입니다.")

    def clean(self, value):
        value = super().clean(value)
        if value.get("active") and not value.get("text"):
            raise StructBlockValidationError(
                block_errors={"text": ValidationError(_("게시하려면 긴급 공지 내용을 적으세요."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        from .selectors import emergency_alert_source

        context = super().get_context(value, parent_context=parent_context)
        source = emergency_alert_source()
        alert = source() if source else None
        ends_at = value.get("ends_at")
        editor_active = bool(value.get("active") and value.get("text")) and (
            ends_at is None or ends_at > timezone.now()
        )
        context["alert"] = alert
        context["show_editor_notice"] = alert is None and editor_active
        return context


class AccessibleTableBlock(TypedTableBlock):
    """A table with a caption and column headers, both required (KWCAG 5.3.1)."""

    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("글"))),
                ("number", blocks.DecimalBlock(label=_("숫자"))),
                ("rich_text", blocks.RichTextBlock(label=_("서식 글"), features=["bold", "link"])),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = _("표")
        template = "pages/blocks/table.html"
        description = _("제목(캡션)과 열 제목이 있는 표")

    def clean(self, value):
        value = super().clean(value)
        if not (value.caption or "").strip():
            raise ValidationError(_("표 제목(캡션)을 적으세요. 화면낭독기가 표를 설명합니다."))
        if any(not (col["heading"] or "").strip() for col in value.columns):
            raise ValidationError(_("모든 열에 제목을 적으세요(KWCAG 5.3.1)."))
        return value


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("제목"), max_length=120)
    text = blocks.RichTextBlock(label=_("내용"), features=RICH_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("항목"))

    class Meta:
        icon = "list-ul"
        label = _("아코디언")
        template = "pages/blocks/accordion.html"
        description = _("펼쳐 보는 질문·답변 묶음")


class FilesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("제목"), max_length=80, default="첨부파일")
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("파일")), label=_("파일"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("첨부파일")
        template = "pages/blocks/files.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("이미지"))
    alt = blocks.CharBlock(
        label=_("대체 텍스트"),
        max_length=255,
        help_text=_("이미지의 내용을 글로 적으세요(KWCAG 5.1.1)."),
    )
    caption = blocks.CharBlock(label=_("설명"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("이미지")
        template = "pages/blocks/image.html"


class ContactCardBlock(blocks.StructBlock):
    department = SnippetChooserBlock("departments.Department", label=_("부서"))
    note = blocks.CharBlock(label=_("안내"), max_length=200, required=False)

    class Meta:
        icon = "user"
        label = _("연락처 카드")
        template = "pages/blocks/contact_card.html"
        description = _("부서의 전화·위치·업무")


class GuideStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("단계 이름"), max_length=80)
    text = blocks.RichTextBlock(label=_("설명"), features=["bold", "link", "ul", "ol"])


class StepGuideBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("제목"), max_length=80)
    steps = blocks.ListBlock(GuideStepBlock(), label=_("단계"), min_num=2)

    class Meta:
        icon = "order"
        label = _("단계별 안내")
        template = "pages/blocks/step_guide.html"
        description = _("신청 절차 같은 단계별 안내")


HOME_BLOCKS = [
    ("emergency_notice", EmergencyNoticeBlock()),
    ("latest_articles", LatestArticlesBlock()),
    ("quick_links", QuickLinksBlock()),
    ("banners", BannersBlock()),
    ("events", EventsBlock()),
    ("text_section", TextSectionBlock()),
]
CONTENT_BLOCKS = [
    ("rich_text", blocks.RichTextBlock(label=_("본문"), features=RICH_FEATURES, icon="pilcrow")),
    ("text_section", TextSectionBlock()),
    ("table", AccessibleTableBlock()),
    ("accordion", AccordionBlock()),
    ("files", FilesBlock()),
    ("image", ImageBlock()),
    ("contact_card", ContactCardBlock()),
    ("step_guide", StepGuideBlock()),
]
ARTICLE_BLOCKS = [
    ("rich_text", blocks.RichTextBlock(label=_("본문"), features=RICH_FEATURES, icon="pilcrow")),
    ("table", AccessibleTableBlock()),
    ("image", ImageBlock()),
]
