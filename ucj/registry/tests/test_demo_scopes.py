"""`ucj demo`'s registry sample reaches the scoped demo log-ins, and its summary line
speaks Indonesian number formats."""

from __future__ import annotations

import io

import pytest

from ucj.registry import demo


@pytest.mark.django_db
def test_demo_sample_is_seen_by_sarolangun_and_the_branch(client, personas):
    out = io.StringIO()
    demo.load(out)
    text = out.getvalue()
    assert "Ketua RT/RW Kab. Sarolangun (contoh), 240 orang, JKK 75,0%, JHT 0,0%" in text
    assert "JKK 100,0%" in text  # Pangkal Pinang, as before
    client.force_login(personas.branch)
    html = client.get("/registri/").content.decode()
    lists = html.split('data-testid="membership-lists"', 1)[1]
    assert "Kabupaten Sarolangun" in lists and ">180<" in lists  # three in four of 240
    assert "Pangkal Pinang" not in html  # not the branch's region
    client.force_login(personas.kabkota)
    html = client.get("/registri/").content.decode()
    assert "Ketua RT/RW Kab. Sarolangun (contoh)" in html
    demo.load(io.StringIO())  # safe to run twice
