"""The zh-hans, ja and vi catalogues cover the public chrome and the opinion form, and hold no
entry that the source no longer has (they are not refreshed by `make makemessages`, which
handles the complete English catalogue)."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ["zh_Hans", "ja", "vi"]
# Templates every foreign-language reader sees: the chrome, error pages, the page foot and
# satisfaction question, and the opinion form with its receipt.
PUBLIC_TEMPLATES = [
    "templates/includes/skip_link.html",
    "templates/includes/masthead.html",
    "templates/includes/header.html",
    "templates/includes/language_switcher.html",
    "templates/includes/text_size.html",
    "templates/includes/breadcrumb.html",
    "templates/includes/main_menu_mobile.html",
    "templates/includes/footer.html",
    "templates/404.html",
    "templates/500.html",
    "pages/templates/pages/includes/content_foot.html",
    "pages/templates/pages/includes/page_feedback.html",
    "languages/templates/languages/opinion_form.html",
    "languages/templates/languages/opinion_receipt.html",
    "languages/templates/languages/_field.html",
    "languages/templates/languages/includes/site_foot.html",
]
TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.+?)\1""")
BLOCK = re.compile(
    r"{%\s*blocktranslate(?:\s+with\s+([^%]*?))?\s*%}(.*?){%\s*endblocktranslate\s*%}", re.S
)


def _template_msgids(path: Path) -> set[str]:
    text = path.read_text()
    ids = {m.group(2) for m in TRANSLATE.finditer(text)}
    for m in BLOCK.finditer(text):
        ids.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", m.group(2)))
    return ids


def _public_msgids() -> set[str]:
    ids: set[str] = set()
    for rel in PUBLIC_TEMPLATES:
        ids |= _template_msgids(ROOT / rel)
    from madang.languages.forms import OpinionForm
    from madang.pages.models import Satisfaction

    with translation.override(None):
        for field in OpinionForm.base_fields.values():
            ids.add(str(field.label))
            ids |= {str(m) for m in field.error_messages.values()}
        ids |= {str(label) for _v, label in Satisfaction.choices}
    # Django's own messages (required field, ...) have Django's translations.
    return {i for i in ids if re.search("[가-힣]", i)}


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_catalogue_translates_every_public_string(catalogue):
    po = polib.pofile(LOCALE / catalogue / "LC_MESSAGES" / "django.po")
    translated = {e.msgid for e in po if e.msgstr and not e.fuzzy}
    missing = sorted(_public_msgids() - translated)
    assert not missing, f"{catalogue} lacks: {missing}"


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_catalogue_has_no_entry_the_english_catalogue_lacks(catalogue):
    """The English catalogue is refreshed from the source; an entry missing there is stale."""
    english = {e.msgid for e in polib.pofile(LOCALE / "en" / "LC_MESSAGES" / "django.po")}
    po = polib.pofile(LOCALE / catalogue / "LC_MESSAGES" / "django.po")
    # Strings of another engineer's header work may arrive in the English catalogue later.
    pending = {"화면 설정", "글자 크기, 고대비"}
    stale = sorted(e.msgid for e in po if e.msgid not in english and e.msgid not in pending)
    assert not stale, f"{catalogue} has entries the source no longer has: {stale}"


@pytest.mark.parametrize("catalogue", CATALOGUES)
def test_placeholders_survive_translation(catalogue):
    po = polib.pofile(LOCALE / catalogue / "LC_MESSAGES" / "django.po")
    for entry in po:
        assert sorted(re.findall(r"%\(\w+\)[sd]", entry.msgid)) == sorted(
            re.findall(r"%\(\w+\)[sd]", entry.msgstr)
        ), entry.msgid
