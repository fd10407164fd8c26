import pytest
from django.core.exceptions import ImproperlyConfigured

from concord.env import env_bool, env_int, env_list, env_str


def test_a_boolean_accepts_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("FALSE", False), ("off", False)]:
        monkeypatch.setenv("CONCORD_FLAG", raw)
        assert env_bool("CONCORD_FLAG") is expected


def test_a_misspelt_boolean_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("CONCORD_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="CONCORD_FLAG='ture'"):
        env_bool("CONCORD_FLAG")


def test_a_number_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("CONCORD_N", "-1")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("CONCORD_N", 5, minimum=0)
    monkeypatch.setenv("CONCORD_N", "many")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("CONCORD_N", 5)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("CONCORD_SECRET_FILE", str(secret))
    assert env_str("CONCORD_SECRET") == "s3cret"
    monkeypatch.setenv("CONCORD_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        env_str("CONCORD_SECRET")


def test_a_list_drops_empty_items(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "concord.example.org, ,www.concord.example.org")
    assert env_list("ALLOWED_HOSTS", []) == ["concord.example.org", "www.concord.example.org"]
