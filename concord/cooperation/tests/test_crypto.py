"""Encryption at rest: the keys, the two fields, and the settings check."""

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.checks import Error, run_checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from concord.cooperation import crypto
from concord.cooperation.checks import check_cooperation_keys
from concord.cooperation.crypto import EncryptedBinaryField, EncryptedTextField, decrypt, encrypt
from concord.cooperation.models import (
    Attachment,
    Channel,
    CooperationRequest,
    Reply,
    RequestKind,
)
from concord.registry.tests.factories import BodyFactory, PartyFactory

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
KEY_C = Fernet.generate_key().decode()
SETTING = "CONCORD_COOPERATION_KEYS"
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)))


def keys(*values: str) -> override_settings:
    return override_settings(CONCORD_COOPERATION_KEYS=list(values))


# Keys ---------------------------------------------------------------------------------------


@given(st.binary())
def test_decrypt_returns_what_encrypt_was_given(data):
    with keys(KEY_A):
        token = encrypt(data)
        assert decrypt(token) == data
    assert token != data


def test_the_same_value_encrypts_differently_each_time():
    with keys(KEY_A):
        assert encrypt(b"asset") != encrypt(b"asset")


def test_a_new_first_key_still_decrypts_values_of_the_old_one():
    with keys(KEY_A):
        old = encrypt(b"account at the central bank")
    with keys(KEY_B, KEY_A):
        assert decrypt(old) == b"account at the central bank"
        new = encrypt(b"villa by the lake")
    with keys(KEY_B):
        assert decrypt(new) == b"villa by the lake"


def test_a_value_no_key_decrypts_is_a_clear_error():
    with keys(KEY_A):
        token = encrypt(b"sealed")
    with keys(KEY_B, KEY_C), pytest.raises(ImproperlyConfigured, match=SETTING):
        decrypt(token)
    with keys(KEY_A), pytest.raises(ImproperlyConfigured, match=SETTING):
        decrypt(b"not a token at all")


def test_production_without_keys_refuses_to_encrypt():
    production = override_settings(DEBUG=False, CONCORD_COOPERATION_KEYS=[])
    with production, pytest.raises(ImproperlyConfigured, match="generate_key"):
        encrypt(b"asset")


def test_a_malformed_key_is_named_by_its_position():
    with keys(KEY_A, "not-a-key"), pytest.raises(ImproperlyConfigured, match="Key 2"):
        encrypt(b"asset")


def test_the_multifernet_is_cached_per_list_of_keys():
    with keys(KEY_A):
        first = crypto.fernet()
        assert crypto.fernet() is first
    with keys(KEY_B):
        assert crypto.fernet() is not first


# Fields without the database ------------------------------------------------------------------


@given(TEXT)
def test_the_text_field_stores_an_ascii_token_and_reads_back_the_text(text):
    field = EncryptedTextField()
    with keys(KEY_A):
        stored = field.get_prep_value(text)
        assert stored.isascii()
        assert Fernet(KEY_A).decrypt(stored.encode()) == text.encode()
        assert field.from_db_value(stored, None, connection) == text


@given(st.binary())
def test_the_binary_field_stores_a_token_and_reads_back_the_bytes(data):
    field = EncryptedBinaryField()
    with keys(KEY_A):
        stored = field.get_prep_value(data)
        assert Fernet(KEY_A).decrypt(stored) == data
        # PostgreSQL hands back a memoryview.
        assert field.from_db_value(memoryview(stored), None, connection) == data


def test_none_stays_none_in_both_fields():
    for field in (EncryptedTextField(null=True), EncryptedBinaryField(null=True)):
        assert field.get_prep_value(None) is None
        assert field.from_db_value(None, None, connection) is None


@pytest.mark.parametrize("field", [EncryptedTextField(), EncryptedBinaryField()])
def test_only_isnull_may_be_looked_up_in_an_encrypted_field(field):
    for name in ("exact", "iexact", "icontains", "contains", "startswith", "in", "gt"):
        assert field.get_lookup(name) is None
    assert field.get_transform("lower") is None
    assert field.get_lookup("isnull") is not None


def test_fields_deconstruct_without_key_material():
    with keys(KEY_A):
        for field, path in (
            (EncryptedTextField("reply", blank=True), "EncryptedTextField"),
            (EncryptedBinaryField(null=True), "EncryptedBinaryField"),
        ):
            _name, found, args, kwargs = field.deconstruct()
            assert found == f"concord.cooperation.crypto.{path}"
            assert KEY_A not in repr((args, kwargs))
            rebuilt = type(field)(*args, **kwargs)
            assert rebuilt.deconstruct()[1:] == (found, args, kwargs)


# The check ----------------------------------------------------------------------------------


def test_the_check_refuses_production_without_keys():
    with override_settings(DEBUG=False, CONCORD_COOPERATION_KEYS=[]):
        errors = check_cooperation_keys(None)
    assert [e.id for e in errors] == ["concord.cooperation.E001"]
    assert isinstance(errors[0], Error)
    assert "Fernet.generate_key()" in errors[0].hint


@pytest.mark.parametrize(
    ("debug", "configured"),
    [(True, [KEY_A]), (False, [KEY_A]), (False, [KEY_B, KEY_A])],
)
def test_the_check_is_silent_with_keys(debug, configured):
    with override_settings(DEBUG=debug, CONCORD_COOPERATION_KEYS=configured):
        assert check_cooperation_keys(None) == []


def test_the_check_refuses_a_malformed_key():
    with override_settings(DEBUG=False, CONCORD_COOPERATION_KEYS=[KEY_A, "abc"]):
        assert [e.id for e in check_cooperation_keys(None)] == ["concord.cooperation.E002"]


def test_the_check_is_registered_outside_deployment_checks():
    with override_settings(DEBUG=False, CONCORD_COOPERATION_KEYS=[]):
        found = [m.id for m in run_checks(tags=["security"])]
    assert "concord.cooperation.E001" in found


# Fields through the database -----------------------------------------------------------------


def make_reply(text: str = "The account was found at a bank in the capital."):
    user = get_user_model().objects.create_user("officer", "officer@example.org", "pw")
    request = CooperationRequest.objects.create(
        reference="ICC-TEST-1",
        requesting_body=BodyFactory(),
        party=PartyFactory(),
        kind=RequestKind.TRACING,
        asked="Trace the accounts of the person concerned.",
        channel=Channel.CENTRAL_AUTHORITY,
        created_by=user,
    )
    return Reply.objects.create(request=request, text=text, author=user)


def make_attachment(reply, data: bytes = b"%PDF-1.7 bank statement"):
    return Attachment.objects.create(
        reply=reply, name="statement.pdf", content_type="application/pdf", size=len(data), data=data
    )


def raw_column(model, pk, column: str):
    """Read one column of one row as the database holds it, past the field's decryption."""
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"SELECT {quote(column)} FROM {table} WHERE {key} = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_both_fields_round_trip_through_the_database():
    with keys(KEY_A):
        reply = make_reply("Frozen: 1 200 000 EUR — compte n° 42")
        attachment = make_attachment(reply, bytes(range(256)))
        assert Reply.objects.get(pk=reply.pk).text == "Frozen: 1 200 000 EUR — compte n° 42"
        fetched = Attachment.objects.get(pk=attachment.pk)
        assert fetched.data == bytes(range(256))
        assert fetched.name == "statement.pdf"
        assert list(Reply.objects.values_list("text", flat=True)) == [
            "Frozen: 1 200 000 EUR — compte n° 42"
        ]


@pytest.mark.django_db
def test_the_raw_row_holds_no_plain_text():
    with keys(KEY_A):
        reply = make_reply("Villa registered to the holder's brother")
        attachment = make_attachment(reply, b"%PDF-1.7 land registry extract")
    stored_text = raw_column(Reply, reply.pk, "text")
    stored_data = bytes(raw_column(Attachment, attachment.pk, "data"))
    assert "Villa" not in stored_text
    assert (
        Fernet(KEY_A).decrypt(stored_text.encode()) == b"Villa registered to the holder's brother"
    )
    assert b"land registry" not in stored_data
    assert Fernet(KEY_A).decrypt(stored_data) == b"%PDF-1.7 land registry extract"
    assert "statement" not in raw_column(Attachment, attachment.pk, "name")


@pytest.mark.django_db
def test_rows_written_under_an_old_key_read_after_a_new_first_key():
    with keys(KEY_A):
        reply = make_reply("written under A")
        attachment = make_attachment(reply, b"bytes under A")
    with keys(KEY_B, KEY_A):
        assert Reply.objects.get(pk=reply.pk).text == "written under A"
        assert Attachment.objects.get(pk=attachment.pk).data == b"bytes under A"


@pytest.mark.django_db
def test_reading_a_row_no_key_decrypts_is_a_clear_error():
    with keys(KEY_A):
        reply = make_reply()
    with keys(KEY_B), pytest.raises(ImproperlyConfigured, match=SETTING):
        Reply.objects.get(pk=reply.pk)


@pytest.mark.django_db
def test_an_encrypted_column_cannot_be_searched():
    with keys(KEY_A):
        reply = make_reply("The account was found")
        with pytest.raises(FieldError):
            Reply.objects.filter(text__icontains="account").count()
        with pytest.raises(FieldError):
            Reply.objects.filter(text="The account was found").count()
        with pytest.raises(FieldError):
            Attachment.objects.filter(data__startswith=b"%PDF").count()
        assert list(Reply.objects.filter(text__isnull=False)) == [reply]
