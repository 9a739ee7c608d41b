"""E-mail through Django's configured mail backend (SMTP in production)."""

from __future__ import annotations

import smtplib
from email.utils import make_msgid

from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME

from .base import Delivery, DeliveryError


def _text(message) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


class EmailProvider:
    def send(self, notification) -> Delivery:
        message_id = make_msgid(domain=str(DNS_NAME))
        message = EmailMessage(
            subject=notification.subject,
            body=notification.body,
            to=[notification.recipient],
            headers={"Message-ID": message_id},
        )
        try:
            message.send(fail_silently=False)
        except smtplib.SMTPRecipientsRefused as exc:
            # Every recipient was refused: the address itself is wrong.
            answers = "; ".join(
                f"{code} {_text(message)}" for code, message in exc.recipients.values()
            )
            raise DeliveryError(
                f"SMTP recipient refused: {answers}", retryable=False, code="recipient"
            ) from exc
        except smtplib.SMTPResponseException as exc:
            # 5xx is a permanent refusal (RFC 5321 §4.2.1), 4xx a transient one.
            raise DeliveryError(
                f"SMTP {exc.smtp_code}: {exc.smtp_error!r}",
                retryable=not 500 <= exc.smtp_code < 600,
                code=str(exc.smtp_code),
            ) from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP: {exc}", retryable=True, code="connection") from exc
        return Delivery(provider_message_id=message_id)
