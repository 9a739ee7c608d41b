"""Model fields that store personal data encrypted (ordinance 제22조②; 개인정보의 안전성
확보조치 기준 제7조) and keyed blind indexes for exact look-up.

Use::

    phone = EncryptedCharField(_("휴대전화번호"), max_length=20, blank=True)
    phone_bidx = BlindIndexField(source="phone", normalizer="phone")

    PersonalProfile.objects.filter(**blind_lookup(PersonalProfile, "phone", "010-1234-5678"))
    PersonalProfile.objects.blind_filter(phone="010 1234 5678")   # BlindIndexQuerySet

Rules the fields enforce:

- The column is text holding a v1 envelope (see madang.privacy.crypto). Validation (max_length,
  e-mail syntax) applies to the plaintext, as with the ordinary field.
- Empty values are not encrypted: None is stored as NULL and "" as "". AES-GCM does not hide
  length, so an encrypted empty string would say "empty" just as plainly, and keeping "" lets
  `filter(phone="")` / `exclude(phone="")` find who gave no phone number. Every other lookup on an
  encrypted column raises FieldError: a random nonce makes equal plaintexts differ, so such a
  query could only ever answer wrongly. Use the blind index.
- A value that fails to decrypt never turns into garbage or None: reading the attribute raises
  DecryptionError naming the model, field, primary key and key id, and saving it back refuses.
- A blind index is recomputed from its source whenever the row is saved. `save(update_fields=)`
  naming the source but not the index raises, so the two cannot drift apart; `QuerySet.update()`
  of a source field does not maintain the index (services save instances).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.core import checks, exceptions
from django.db import models
from django.db.models.lookups import Exact, IsNull
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from .crypto import NORMALISERS, DecryptionError, blind_index, column_aad, decrypt, encrypt

__all__ = [
    "BlindIndexField",
    "BlindIndexQuerySet",
    "DecryptionError",
    "EncryptedCharField",
    "EncryptedEmailField",
    "EncryptedFieldMixin",
    "EncryptedTextField",
    "blind_lookup",
    "encrypted_fields",
]


class Undecryptable:
    """Stands in for a value whose envelope did not decrypt, until someone touches it.

    from_db_value cannot see the row's primary key, so the error is raised by the attribute
    descriptor (which can) the moment the value is read, and by any use of this object that
    escapes through values()/values_list().
    """

    __slots__ = ("error", "field")

    def __init__(self, error: DecryptionError, field: models.Field):
        self.error = error
        self.field = field

    def raise_for(self, instance: models.Model | None = None) -> NoReturn:
        pk = getattr(instance, "pk", None) if instance is not None else "?"
        raise DecryptionError(
            f"{self.field.model._meta.label}.{self.field.name} (pk={pk}): {self.error}",
            key_id=self.error.key_id,
            context=self.error.context,
        ) from self.error

    def __repr__(self) -> str:
        return f"<Undecryptable {self.field.model._meta.label}.{self.field.name}>"

    def __str__(self) -> str:
        self.raise_for()

    def __bool__(self) -> bool:
        self.raise_for()

    def __eq__(self, other) -> bool:
        self.raise_for()

    def __len__(self) -> int:
        self.raise_for()

    __hash__ = None


class EncryptedAttribute(DeferredAttribute):
    """Raises DecryptionError, with the row's primary key, on reading an undecryptable value."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Undecryptable):
            value.raise_for(instance)
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class EncryptedEmptyExact(Exact):
    """`field=""` only: the one equality an encrypted column can answer truthfully."""

    def get_prep_lookup(self):
        if self.rhs != "":
            raise exceptions.FieldError(
                f"{self.lhs.target.model._meta.label}.{self.lhs.target.name} is encrypted: "
                "only `=''` and `__isnull` can be queried; use its blind index "
                "(blind_lookup) for exact look-ups."
            )
        return self.rhs

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [value])


class EncryptedFieldMixin:
    """Shared behaviour of the encrypted fields. `aad_context` overrides the associated data
    ("<db_table>.<column>") — set it to the old value when renaming a table or column, or the
    existing values will no longer decrypt."""

    descriptor_class = EncryptedAttribute
    encrypted = True

    def __init__(self, *args, aad_context: str | None = None, **kwargs):
        for option in ("unique", "db_index", "primary_key"):
            if kwargs.get(option):
                raise TypeError(
                    f"an encrypted field cannot be {option}: equal values encrypt differently; "
                    "add a BlindIndexField instead"
                )
        self.aad_context = aad_context
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.aad_context:
            kwargs["aad_context"] = self.aad_context
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "TextField"

    @property
    def encryption_context(self) -> str:
        return self.aad_context or f"{self.model._meta.db_table}.{self.column}"

    @property
    def error_context(self) -> str:
        return f"{self.model._meta.label}.{self.name}"

    def decrypt_envelope(self, envelope: str) -> str:
        return decrypt(
            envelope, aad=column_aad(self.encryption_context), context=self.error_context
        )

    def encrypt_plaintext(self, plaintext: str) -> str:
        return encrypt(plaintext, aad=column_aad(self.encryption_context))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return self.decrypt_envelope(value)
        except DecryptionError as exc:
            return Undecryptable(exc, self)

    def get_db_prep_save(self, value, connection):
        if isinstance(value, Undecryptable):
            value.raise_for()
        if value is None:
            return None
        value = self.to_python(value)
        if value == "":
            return ""
        return self.encrypt_plaintext(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return EncryptedEmptyExact
        raise exceptions.FieldError(
            f"{self.error_context} is encrypted and cannot be searched with "
            f"'__{lookup_name}'; use its blind index (blind_lookup) for exact look-ups."
        )

    def get_transform(self, lookup_name):
        return None


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    """Free text (an address) stored encrypted."""


class EncryptedCharField(EncryptedFieldMixin, models.CharField):
    """A short value (name, phone number) stored encrypted; max_length limits the plaintext."""


class EncryptedEmailField(EncryptedFieldMixin, models.EmailField):
    """An e-mail address stored encrypted; the plaintext is validated as an e-mail address."""


def encrypted_fields(model: type[models.Model]) -> list[EncryptedFieldMixin]:
    """The model's own encrypted columns (inherited ones belong to the parent's table)."""
    return [f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedFieldMixin)]


# ---------------------------------------------------------------------------
# Blind indexes


class BlindIndexField(models.CharField):
    """HMAC-SHA256 (hex) of the normalised value of the encrypted field `source`.

    `normalizer`: "phone" (digits only), "email" (lower-case, stripped) or "text" (NFC,
    stripped). `context` names the derived key; it defaults to "<app_label>.<model>.<source>"
    and must be kept (passed explicitly) if the model or field is renamed, or look-ups of
    existing rows will miss. NULL when the source is empty.
    """

    def __init__(
        self,
        *args,
        source: str,
        normalizer: str = "text",
        context: str | None = None,
        **kwargs,
    ):
        if normalizer not in NORMALISERS:
            raise TypeError(f"normalizer must be one of {sorted(NORMALISERS)}")
        self.source = source
        self.normalizer = normalizer
        self.context = context
        if not args:
            kwargs.setdefault("verbose_name", _("검색용 색인"))
        kwargs["max_length"] = 64
        kwargs["editable"] = False
        kwargs["null"] = True
        kwargs["blank"] = True
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for fixed in ("max_length", "editable", "null", "blank"):
            kwargs.pop(fixed, None)
        kwargs["source"] = self.source
        kwargs["normalizer"] = self.normalizer
        if self.context:
            kwargs["context"] = self.context
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        try:
            source = self.model._meta.get_field(self.source)
        except exceptions.FieldDoesNotExist:
            source = None
        if not isinstance(source, EncryptedFieldMixin):
            errors.append(
                checks.Error(
                    f"BlindIndexField source '{self.source}' is not an encrypted field of "
                    f"{self.model._meta.label}.",
                    obj=self,
                    id="privacy.E001",
                )
            )
        return errors

    @property
    def index_context(self) -> str:
        return self.context or f"{self.model._meta.label_lower}.{self.source}"

    def digest(self, value: Any) -> str | None:
        """The index of a plaintext value, or None if it normalises to nothing."""
        if isinstance(value, Undecryptable):
            value.raise_for()
        if value is None:
            return None
        normalised = NORMALISERS[self.normalizer](str(value))
        if not normalised:
            return None
        return blind_index(normalised, context=self.index_context)

    def pre_save(self, model_instance, add):
        value = self.digest(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        if not cls._meta.abstract and cls.__module__ != "__fake__":
            pre_save.connect(self._refuse_partial_update, sender=cls, weak=False)

    def _refuse_partial_update(self, sender, instance, update_fields=None, **kwargs):
        if update_fields and self.source in update_fields and self.name not in update_fields:
            raise ValueError(
                f"save(update_fields=...) names '{self.source}' but not its blind index "
                f"'{self.name}'; include both so look-ups stay correct"
            )


def _blind_index_field(model: type[models.Model], source: str) -> BlindIndexField:
    for field in model._meta.concrete_fields:
        if isinstance(field, BlindIndexField) and field.source == source:
            return field
    raise exceptions.FieldError(f"{model._meta.label}.{source} has no BlindIndexField")


def blind_lookup(model: type[models.Model], source: str, value: str) -> dict[str, Any]:
    """Filter keywords that find rows whose encrypted `source` equals `value` after
    normalisation: ``Model.objects.filter(**blind_lookup(Model, "phone", "010-1234-5678"))``.
    An empty value matches nothing (never every row without a phone number)."""
    field = _blind_index_field(model, source)
    digest = field.digest(value)
    if digest is None:
        return {f"{field.name}__in": []}
    return {field.name: digest}


class BlindIndexQuerySet(models.QuerySet):
    def blind_filter(self, **values: str):
        """``qs.blind_filter(phone="010-1234-5678")``: exact look-up through the blind index."""
        qs = self
        for source, value in values.items():
            qs = qs.filter(**blind_lookup(self.model, source, value))
        return qs
