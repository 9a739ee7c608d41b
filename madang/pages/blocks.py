from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class QuickLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("이름"), max_length=40)
    page = blocks.PageChooserBlock(label=_("내부 페이지"), required=False)
    url = blocks.URLBlock(label=_("외부 주소"), required=False)

    class Meta:
        icon = "link"
        label = _("바로가기")
        description = _("자주 찾는 서비스로 가는 바로가기")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

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


HOME_BLOCKS = [("quick_links", QuickLinksBlock()), ("text_section", TextSectionBlock())]
CONTENT_BLOCKS = [
    (
        "rich_text",
        blocks.RichTextBlock(
            label=_("본문"),
            features=["h2", "h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"],
            icon="pilcrow",
        ),
    ),
    ("text_section", TextSectionBlock()),
]
