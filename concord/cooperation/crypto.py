"""Encryption at rest of cooperation requests' confidential text and attachments.

The keys are ``settings.CONCORD_COOPERATION_KEYS``, Fernet keys: the first encrypts, all decrypt,
so a new key goes first, ``rotate()`` re-encrypts every value under it, and the old key can then go.
Development has a fixed key in the settings (like its SECRET_KEY); production must set its own
(the check ``concord.cooperation.E001``).
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Value
from django.utils.translation import gettext as _

SETTING = "CONCORD_COOPERATION_KEYS"
GENERATE_KEY = (
    'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
)


def current_keys() -> tuple[str, ...]:
    """Return the keys in force, the encrypting one first."""
    keys = tuple(k.strip() for k in getattr(settings, SETTING, None) or () if k and k.strip())
    if keys:
        return keys
    raise ImproperlyConfigured(
        _("%(setting)s is empty. Production needs it: make a key with %(command)s.")
        % {"setting": SETTING, "command": GENERATE_KEY}
    )


@functools.lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                _(
                    "Key %(position)s of %(setting)s is not a Fernet key (32 url-safe base64 "
                    "bytes). Make one with %(command)s."
                )
                % {"position": position, "setting": SETTING, "command": GENERATE_KEY}
            ) from None
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    """Return the MultiFernet of the keys in force (cached per tuple of keys)."""
    return _fernet(current_keys())


def encrypt(data: bytes) -> bytes:
    """Encrypt ``data`` under the first key; return the Fernet token (ASCII bytes)."""
    return fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Decrypt a Fernet token with any of the keys; refuse clearly when none fits."""
    try:
        return fernet().decrypt(token)
    except InvalidToken:
        raise ImproperlyConfigured(_no_key_message()) from None


def _no_key_message() -> str:
    return _(
        "No key in %(setting)s decrypts a stored cooperation value: a key that encrypted it is "
        "missing from the list (keep the old keys after the new first one until "
        "`concord cooperation rotate-keys` has run)."
    ) % {"setting": SETTING}


class _Encrypted:
    """Refuse lookups and transforms but ``isnull``: an encrypted column cannot be searched."""

    def get_lookup(self, lookup_name: str):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, lookup_name: str):
        return None


class EncryptedTextField(_Encrypted, models.TextField):
    """Text held as a Fernet token (ASCII text) in the database, str in Python."""

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(value.encode()).decode("ascii")

    def from_db_value(self, value: str | None, expression, connection) -> str | None:
        if value is None:
            return None
        return decrypt(value.encode("ascii")).decode()


class EncryptedBinaryField(_Encrypted, models.BinaryField):
    """Bytes held as a Fernet token in the database, bytes in Python."""

    def get_prep_value(self, value: Any) -> bytes | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(bytes(value))

    def from_db_value(self, value: Any, expression, connection) -> bytes | None:
        if value is None:
            return None
        return decrypt(bytes(value))


ENCRYPTED_FIELDS = (EncryptedTextField, EncryptedBinaryField)


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """List every installed model (historical ones too) with the names of its encrypted fields."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, ENCRYPTED_FIELDS)]
        if names:
            found.append((model, names))
    return found


def rotate(*, batch: int = 500, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Re-encrypt every encrypted value under the first key; return how many were rewritten.

    Tokens are read and written raw (no decryption to text, no save(), so no history record),
    one transaction per batch of rows, so an interrupted rotation can simply be run again.
    ``progress(model label, rows done, rows in all)`` is called after each batch.
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    multi = fernet()
    rewritten = 0
    for model, names in encrypted_fields():
        rewritten += _rotate_model(model, names, multi, batch, progress)
    return rewritten


def _raw(model: type[models.Model], name: str) -> ExpressionWrapper:
    """Select the column as stored: a plain output field has no decrypting from_db_value."""
    field = model._meta.get_field(name)
    plain = models.BinaryField() if isinstance(field, models.BinaryField) else models.TextField()
    return ExpressionWrapper(F(name), output_field=plain)


def _rotate_model(
    model: type[models.Model],
    names: list[str],
    multi: MultiFernet,
    batch: int,
    progress: Callable[[str, int, int], None] | None,
) -> int:
    manager = model._base_manager
    label = model._meta.label
    total = manager.count()
    done = rewritten = 0
    last = None
    while True:
        with transaction.atomic():
            # Locked while rotated: an edit committed meanwhile would be overwritten otherwise.
            rows = manager.select_for_update().order_by("pk")
            if last is not None:
                rows = rows.filter(pk__gt=last)
            chunk = list(rows.values_list("pk", *(_raw(model, n) for n in names))[:batch])
            for pk, *tokens in chunk:
                changes = _rotated(model, names, tokens, multi, pk)
                if changes:
                    manager.filter(pk=pk).update(**changes)
                    rewritten += len(changes)
        if not chunk:
            break
        last = chunk[-1][0]
        done += len(chunk)
        if progress:
            progress(label, done, total)
    if progress and not done:
        progress(label, 0, total)
    return rewritten


def _rotated(
    model: type[models.Model],
    names: Iterable[str],
    tokens: Iterable[Any],
    multi: MultiFernet,
    pk: Any,
) -> dict[str, Value]:
    changes = {}
    for name, token in zip(names, tokens, strict=True):
        if token is None:
            continue
        binary = not isinstance(token, str)
        raw = bytes(token) if binary else token.encode("ascii")
        try:
            new = multi.rotate(raw)
        except InvalidToken:
            raise ImproperlyConfigured(
                f"{_no_key_message()} ({model._meta.label} {pk}, {name})"
            ) from None
        if binary:
            changes[name] = Value(new, output_field=models.BinaryField())
        else:
            changes[name] = Value(new.decode("ascii"), output_field=models.TextField())
    return changes
