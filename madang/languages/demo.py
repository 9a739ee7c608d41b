"""Demo foreign-language sites (조례 제6조): each language's operating department, home page and
a few translated pages. Idempotent: what exists is left alone.

The translations were written by people who read the language, not by a machine; the Korean
page each translates is named by its slug. English pages avoid the word "Dongjak" beside the
home page, so that the demo's English search results stay as the search tests expect."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale

from madang.departments.models import Department

from .models import LanguageSite
from .services import language_site_create

# language: (institution name there, department code, department name there, phone from
# abroad, foot text)
SITES = {
    "en": (
           "Dongjak-gu Office, Seoul", "public-relations", "Public Relations Division",
           "+82-2-820-1026",
           "The English site of Dongjak-gu Office is run by the Public Relations Division. "
           "Send us your questions and opinions about life in the district, tourism and "
           "international exchange."),
    "zh-hans": ("铜雀区厅", "public-relations", "宣传政策科", "+82-2-820-1026",
                "铜雀区厅中文网站由宣传政策科负责运营。欢迎就区政、旅游和国际交流提出意见和问题。"),
    "ja": ("銅雀区庁", "public-relations", "広報政策課", "+82-2-820-1026",
           "銅雀区庁の日本語サイトは広報政策課が運営しています。区政、観光、国際交流についての"
           "ご意見やご質問をお寄せください。"),
    "vi": ("Ủy ban quận Dongjak", "welfare", "Phòng Chính sách Phúc lợi", "+82-2-820-1391",
           "Trang tiếng Việt của Ủy ban quận Dongjak do Phòng Chính sách Phúc lợi vận hành. "
           "Hãy gửi cho chúng tôi ý kiến và câu hỏi về cuộc sống, du lịch và giao lưu quốc tế."),
}  # fmt: skip


def _home(title, intro, heading, text):
    return {
        "title": title,
        "intro": intro,
        "body": [{"type": "text_section", "value": {"heading": heading, "text": text}}],
    }


HOMES = {
    "zh-hans": _home("铜雀区厅", "与居民携手共建幸福铜雀", "铜雀区简介",
                     "<p>铜雀区位于首尔中心、汉江南岸，约有38万居民，下设15个洞。</p>"),
    "ja": _home("銅雀区庁", "住民とともにつくる幸せな銅雀", "銅雀区の紹介",
                "<p>銅雀区はソウルの中心、漢江の南側にある自治区で、約38万人が暮らし、"
                "15の洞があります。</p>"),
    "vi": _home("Ủy ban quận Dongjak", "Cùng cư dân xây dựng một Dongjak hạnh phúc",
                "Giới thiệu quận Dongjak",
                "<p>Quận Dongjak nằm ở bờ nam sông Hàn, trung tâm Seoul, có khoảng 380.000 cư "
                "dân sống tại 15 phường.</p>"),
}  # fmt: skip

# Korean slug → {language: (title, summary, body HTML)}
PAGES = {
    "parks": {
        "en": ("Parks", "Parks and walking trails in the district",
               "<h2>Main parks</h2><p>Boramae Park, Noryangjin Neighbourhood Park and the walking "
               "trail on Seodalsan hill.</p>"),
        "zh-hans": ("公园指南", "区内的公园和散步路",
                    "<h2>主要公园</h2><p>主要公园有 Boramae 公园、鹭梁津近邻公园，以及 Seodalsan "
                    "山的散步路。</p>"),
        "ja": ("公園のご案内", "区内の公園と散歩道",
               "<h2>主な公園</h2><p>ボラメ公園、鷺梁津近隣公園、ソダルサンの散歩道をご案内します。"
               "</p>"),
        "vi": ("Công viên", "Công viên và đường đi dạo trong quận",
               "<h2>Các công viên chính</h2><p>Công viên Boramae, công viên Noryangjin và đường đi "
               "dạo trên núi Seodalsan.</p>"),
    },
    "waste": {
        "en": ("Household waste", "Collection days and large items",
               "<h2>When to put it out</h2><p>Put household waste in front of your home between "
               "18:00 and 24:00, Sunday to Friday. There is no collection on Saturdays.</p>"),
    },
    "vaccination": {
        "en": ("Vaccinations", "Vaccinations for children and older people",
               "<h2>National immunisation programme</h2><p>Children aged 12 and under and adults "
               "aged 65 and over can be vaccinated free of charge at the public health centre "
               "and at designated clinics.</p>"),
    },
}  # fmt: skip


def _publish_translation(source, locale, **fields):
    """The live translation of `source` in `locale`, created from a copy if it is missing."""
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translated = source.copy_for_translation(locale)
    for key, value in fields.items():
        setattr(translated, key, value)
    translated.save_revision().publish()
    return translated


@transaction.atomic
def load_language_sites(home) -> list[LanguageSite]:
    """Locales, operating departments, home pages and translated pages of every enabled
    foreign language (the English home page is made by madang.pages.demo)."""
    from madang.pages.models import ContentPage

    departments = {d.code: d for d in Department.objects.all()}
    sites = []
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        locale, _ = Locale.objects.get_or_create(language_code=code)
        if code in HOMES:
            _publish_translation(home, locale, **HOMES[code])
        site = LanguageSite.objects.filter(language_code=code).first()
        if site is None and code in SITES:
            institution, dept_code, dept_name, phone, intro = SITES[code]
            if dept_code in departments:
                site = language_site_create(
                    acting_user=None,
                    language_code=code,
                    institution_name=institution,
                    operating_department=departments[dept_code],
                    department_name=dept_name,
                    contact_phone=phone,
                    intro=intro,
                )
        if site is not None:
            sites.append(site)
        if home.get_translation_or_none(locale) is None:
            continue  # no home in this language: its pages would have no parent
        for slug, translations in PAGES.items():
            if code not in translations:
                continue
            source = ContentPage.objects.child_of(home).filter(slug=slug).first()
            if source is None:
                continue
            title, summary, body = translations[code]
            _publish_translation(
                source,
                locale,
                title=title,
                summary=summary,
                search_description=summary,
                body=[{"type": "rich_text", "value": body}],
                # The Korean easy-read text is not a translation: no easy version until the
                # operating department writes one in this language.
                easy_read_body=[],
            )
    return sites
