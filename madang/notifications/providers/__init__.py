"""Delivery adapters, one per channel. Each takes a Notification and either returns a
`Delivery` or raises `DeliveryError` saying whether trying again may help."""

from __future__ import annotations

from .base import Delivery, DeliveryError, provider_for

__all__ = ["Delivery", "DeliveryError", "provider_for"]
