"""The adapter interface and the channel → adapter table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..models import Notification


@dataclass(frozen=True)
class Delivery:
    """What the provider said when it accepted the message."""

    provider_message_id: str = ""


class DeliveryError(Exception):
    """The provider did not take the message. `retryable` is False when sending the same
    request again cannot succeed (bad number, unknown template, rejected credentials are
    reported as retryable: staff can fix the configuration and the retry then succeeds)."""

    def __init__(self, message: str, *, retryable: bool, code: str = ""):
        super().__init__(message)
        self.retryable = retryable
        self.code = code


class Provider(Protocol):
    def send(self, notification: Notification) -> Delivery: ...


def provider_for(channel: str) -> Provider:
    from . import email, nhncloud

    if channel == "email":
        return email.EmailProvider()
    if channel == "sms":
        return nhncloud.NhnSmsProvider.from_settings()
    if channel == "alimtalk":
        return nhncloud.NhnAlimtalkProvider.from_settings()
    raise DeliveryError(f"unknown channel {channel!r}", retryable=False, code="channel")
