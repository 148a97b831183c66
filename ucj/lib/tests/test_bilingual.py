"""Bilingual errors come from the message catalogue: for a sample of errors raised
through their real paths (API, pages' edge, import pipeline, undo), `message_id` is the
catalogue's msgid and `message_en` is exactly its English in ucj/locale/en."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils.translation import gettext_lazy as _

import ucj
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.intake.undo import undo_batch
from ucj.lib.bilingual import pair
from ucj.lib.budget import PhaseTimeout

PO = Path(ucj.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def catalogue() -> dict[str, str]:
    """msgid → msgstr of the English .po (the file translators edit)."""
    entries: dict[str, str] = {}
    pattern = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.M)
    for m in pattern.finditer(PO.read_text(encoding="utf-8")):
        msgid, msgstr = ("".join(ast.literal_eval(s) for s in re.findall(r"^\".*\"$", g, re.M))
                         for g in m.groups())  # fmt: skip
        entries[msgid] = msgstr
    return entries


@pytest.fixture(scope="module")
def po() -> dict[str, str]:
    return catalogue()


def check(po: dict[str, str], body: dict, msgid: str, file: str = "", **params: object) -> None:
    """`file`: the pipeline's file errors wrap the message in the file's own entry."""
    assert po.get(msgid), f"not in the catalogue: {msgid!r}"
    indonesian = msgid % params if params else msgid
    english = po[msgid] % params if params else po[msgid]
    if file:
        wrap = "Berkas '%(file)s': %(problem)s"
        indonesian = wrap % {"file": file, "problem": indonesian}
        english = po[wrap] % {"file": file, "problem": english}
    assert body["message_id"] == indonesian
    assert body["message_en"] == english
    assert body["message_en"] != body["message_id"]


def test_pair_translates_one_msgid_and_fills_values_after(po):
    got = pair(_("batch %(batch)s tidak ada"), batch="%(x)s")
    assert got == ("batch %(x)s tidak ada", "batch %(x)s not found")
    assert got.as_dict() == {"message_id": got.message_id, "message_en": got.message_en}
    assert pair("Tidak ditemukan.").message_en == po["Tidak ditemukan."] == "Not found."


@pytest.mark.django_db
def test_api_errors_come_from_the_catalogue(client, personas, po):
    client.force_login(personas.national)
    check(po, client.get("/api/v1/targets/999999").json(), "Tidak ditemukan.")
    invalid = client.get("/api/v1/targets/?year=abc")
    assert invalid.status_code == 422
    check(po, invalid.json(), "Isian tidak sah: %(fields)s", fields="year")
    refused = client.get("/api/v1/coverage/ID?x=a%00b")
    assert refused.status_code == 400
    check(po, refused.json(), "Permintaan berisi karakter kendali (mis. NUL) yang tidak diterima.")
    missing = client.get("/api/v1/tidak-ada/")
    assert missing.status_code == 404
    check(po, missing.json(), "Halaman tidak ditemukan.")


@pytest.mark.django_db
def test_import_and_undo_errors_come_from_the_catalogue(tmp_path, po):
    head = [["wilayah", "periode", "segmen", "program", "peserta_aktif"]]
    empty = run_import(write_csv(tmp_path / "e.csv", head), "participants", user=system_actor())
    check(po, empty.errors.to_dicts()[0], "tidak ada baris data", file="e.csv")
    unknown = run_import(
        write_csv(tmp_path / "u.csv", [["a"], ["b"]]), "tidak-ada", user=system_actor()
    )
    error = unknown.errors.to_dicts()[0]
    known = error["message_id"].split("(ada: ", 1)[1].rstrip(")")
    unknown_kind = "jenis '%(kind)s' tidak dikenal (ada: %(known)s)"
    check(po, error, unknown_kind, file="u.csv", kind="tidak-ada", known=known)
    result = undo_batch(987654, system_actor())
    check(po, vars(result), "batch %(batch)s tidak ada", batch=987654)
    late = PhaseTimeout("baca / read", 0.5)
    check(
        po,
        vars(late),
        "tahap '%(phase)s' melewati batas waktu %(seconds)s detik; tidak ada yang disimpan",
        phase="baca / read",
        seconds="0.5",
    )
