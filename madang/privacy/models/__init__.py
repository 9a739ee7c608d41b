from .access_log import GENESIS_HASH, PIIAccessAction, PIIAccessLog, PIIAccessLogHead
from .consent import ConsentAction, ConsentNotice, ConsentRecord, IdentityVerification  # noqa: F401
from .profile import PersonalProfile
from .rotation import KeyRotationProgress

__all__ = [
    "GENESIS_HASH",
    "KeyRotationProgress",
    "PIIAccessAction",
    "PIIAccessLog",
    "PIIAccessLogHead",
    "PersonalProfile",
]
