"""Key rotation: every encrypted value, history included, re-encrypted under the first key."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from concord.cooperation.crypto import encrypted_fields, rotate
from concord.cooperation.models import Attachment, Reply
from concord.cooperation.tests.test_crypto import (
    KEY_A,
    KEY_B,
    KEY_C,
    keys,
    make_attachment,
    make_reply,
    raw_column,
)

pytestmark = pytest.mark.django_db


def stored_values() -> int:
    """Count the encrypted values in the database (every non-null encrypted column of every row)."""
    return sum(
        model._base_manager.filter(**{f"{name}__isnull": False}).count()
        for model, names in encrypted_fields()
        for name in names
    )


def write_under_a():
    with keys(KEY_A):
        reply = make_reply("Frozen: two accounts and a villa")
        attachment = make_attachment(reply, b"%PDF-1.7 the freezing order")
        reply.text = "Frozen: two accounts, a villa and a yacht"
        reply.save()
    return reply, attachment


def test_encrypted_fields_lists_the_models_and_their_history():
    found = {model._meta.label: names for model, names in encrypted_fields()}
    assert found["cooperation.Reply"] == ["text"]
    assert found["cooperation.Attachment"] == ["name", "data"]
    assert found["cooperation.HistoricalReply"] == ["text"]
    # The attachment's history leaves its bytes out.
    assert found["cooperation.HistoricalAttachment"] == ["name"]


def test_after_rotation_the_new_key_alone_reads_everything():
    reply, attachment = write_under_a()
    history_before = Reply.history.count()
    with keys(KEY_B, KEY_A):
        rewritten = rotate()
    assert rewritten == stored_values() > 0
    with keys(KEY_B):
        assert Reply.objects.get(pk=reply.pk).text == "Frozen: two accounts, a villa and a yacht"
        fetched = Attachment.objects.get(pk=attachment.pk)
        assert (fetched.name, fetched.data) == ("statement.pdf", b"%PDF-1.7 the freezing order")
        assert [h.text for h in Reply.history.order_by("history_id")] == [
            "Frozen: two accounts and a villa",
            "Frozen: two accounts, a villa and a yacht",
        ]
        assert [h.name for h in Attachment.history.all()] == ["statement.pdf"]
        assert [r.asked for r in reply.request.history.all()] == [reply.request.asked]
    assert Reply.history.count() == history_before, "rotation wrote history records"


def test_rotation_rewrites_the_raw_tokens_under_the_first_key():
    reply, attachment = write_under_a()
    historical = Reply.history.model
    history_ids = list(Reply.history.values_list("history_id", flat=True))
    old_history = [raw_column(historical, pk, "text") for pk in history_ids]
    with keys(KEY_B, KEY_A):
        rotate()
    token = raw_column(Reply, reply.pk, "text")
    with pytest.raises(InvalidToken):
        Fernet(KEY_A).decrypt(token.encode())
    assert Fernet(KEY_B).decrypt(token.encode()) == b"Frozen: two accounts, a villa and a yacht"
    assert Fernet(KEY_B).decrypt(bytes(raw_column(Attachment, attachment.pk, "data")))
    for old in old_history:
        with pytest.raises(InvalidToken):
            Fernet(KEY_B).decrypt(old.encode())
    new_history = [raw_column(historical, pk, "text") for pk in history_ids]
    assert all(Fernet(KEY_B).decrypt(new.encode()) for new in new_history)


def test_rotation_reports_progress_per_model_and_batch():
    reply, _attachment = write_under_a()
    with keys(KEY_A):
        make_attachment(reply, b"second")
    calls = []
    with keys(KEY_B, KEY_A):
        rotate(batch=1, progress=lambda label, done, total: calls.append((label, done, total)))
    assert [c for c in calls if c[0] == "cooperation.Attachment"] == [
        ("cooperation.Attachment", 1, 2),
        ("cooperation.Attachment", 2, 2),
    ]
    assert ("cooperation.HistoricalReply", 2, 2) in calls
    labels = {c[0] for c in calls}
    assert labels == {model._meta.label for model, _names in encrypted_fields()}


def test_a_value_no_key_decrypts_stops_the_rotation_with_a_clear_error():
    write_under_a()
    with keys(KEY_B, KEY_C), pytest.raises(ImproperlyConfigured, match="CONCORD_COOPERATION_KEYS"):
        rotate()


def test_the_command_prints_progress_and_the_count():
    write_under_a()
    out = StringIO()
    with keys(KEY_B, KEY_A):
        call_command("cooperation", "rotate-keys", "--batch", "1", stdout=out)
    printed = out.getvalue()
    assert "cooperation.Reply: 1 of 1 rows" in printed
    assert "cooperation.HistoricalReply: 2 of 2 rows" in printed
    assert f"Re-encrypted {stored_values()} values" in printed
    with keys(KEY_B):
        assert Reply.objects.get().text == "Frozen: two accounts, a villa and a yacht"


def test_the_command_turns_a_missing_key_into_a_command_error():
    write_under_a()
    with keys(KEY_C), pytest.raises(CommandError, match="CONCORD_COOPERATION_KEYS"):
        call_command("cooperation", "rotate-keys", stdout=StringIO())
    with pytest.raises(CommandError, match="--batch"):
        call_command("cooperation", "rotate-keys", "--batch", "0", stdout=StringIO())
