"""Private file storage: files that hold personal data or must pass a permission check (board
attachments, 민원 files) live outside MEDIA_ROOT, so the web server can never serve them; only
views that check who may read them do."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at the directory the setting `setting_name` names. The
    setting is read at each use, so tests and deployments can move it; no base URL."""

    setting_name: str = ""

    @property
    def base_location(self):
        return str(getattr(settings, self.setting_name))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
