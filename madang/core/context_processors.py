from django.conf import settings


def site_chrome(request):
    """Values every page template needs for the KRDS masthead, header and footer."""
    return {
        "MADANG_DISTRICT_NAME": settings.MADANG_DISTRICT_NAME,
        "MADANG_LANGUAGES": settings.LANGUAGES,
    }
