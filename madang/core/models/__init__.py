from .audit import AuditLog
from .base import TimeStampedModel
from .media import MadangDocument, MadangImage, MadangRendition
from .scheduler import PeriodicJobRun

__all__ = [
    "AuditLog",
    "MadangDocument",
    "MadangImage",
    "MadangRendition",
    "PeriodicJobRun",
    "TimeStampedModel",
]
