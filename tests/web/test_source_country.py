"""The capture form's country: a select of known countries defaulting to a guess from the
text, shown again after capture with the evidence, and changeable at any time (editors only,
with the CSRF token); a change moves the source's facts and is logged."""

from __future__ import annotations

from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import AuditEntry, Case, Charge, Claim, Event, Source
from tests.web.conftest import add_user, csrf_of, login

SILENT = (b"On 3 June 2024 the activist Dana Serikova was detained and sentenced to 3 years' "
          b"imprisonment under Article 174.\n")
MINSK = (b"The Minsk City Court sentenced Ales Karpovich to three years under Article 342 on "
         b"4 June 2024.\n")


def _editor(client, role="editor"):
    add_user(f"u-{role}", role)
    assert login(client, f"u-{role}").status_code == 303
    return csrf_of(client.get("/review").text)


def _source(source_id: int) -> Source:
    with db.session() as s:
        return s.get(Source, source_id)


def _fact_countries(source_id: int) -> set[str]:
    with db.session() as s:
        ids = select(Claim.id).where(Claim.source_id == source_id)
        return {c for model in (Charge, Event) for c in s.scalars(
            select(Case.country).join(model, model.case_id == Case.id)
            .where(model.claim_id.in_(ids)))}


def test_the_form_offers_known_countries_and_a_guess(client):
    _editor(client)
    page = client.get("/capture").text
    assert '<select name="country"><option value="" selected>Guess from the text' in page
    assert '<option value="KZ">Kazakhstan (KZ)</option>' in page
    assert '<option value="BY">Belarus (BY)</option>' in page


def test_capture_guesses_then_the_editor_corrects(client):
    token = _editor(client)
    r = client.post("/capture", data={"csrf": token, "country": ""},
                    files={"file": ("minsk.txt", MINSK, "text/plain")})
    assert r.status_code == 200 and "Captured as" in r.text
    with db.session() as s:
        sid = s.scalar(select(Source.id).where(Source.origin == "minsk.txt"))
    assert _source(sid).country == "BY"
    assert "filed under <strong>BY</strong>" in r.text and "court BY" in r.text
    r = client.post(f"/capture/{sid}/country", data={"csrf": token, "country": "RU",
                                                     "reason": "a Russian court's case"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/capture?source={sid}&done=country"
    assert _source(sid).country == "RU" and _fact_countries(sid) == {"RU"}
    page = client.get(r.headers["location"]).text
    assert "now filed under RU" in page and "the text points to <strong>BY</strong>" in page
    with db.session() as s:
        log = s.scalars(select(AuditEntry).where(AuditEntry.action == "source-country")).one()
    assert log.actor == "u-editor" and log.detail["country"] == ["BY", "RU"]


def test_a_chosen_country_is_kept_for_a_text_that_names_none(client):
    token = _editor(client)
    r = client.post("/capture", data={"csrf": token, "country": "BY"},
                    files={"file": ("silent.txt", SILENT, "text/plain")})
    assert r.status_code == 200
    with db.session() as s:
        sid = s.scalar(select(Source.id).where(Source.origin == "silent.txt"))
    assert _source(sid).country == "BY" and _fact_countries(sid) == {"BY"}
    assert "the text names no court, code or place" in r.text


def test_bad_country_and_bad_source_are_refused(client):
    token = _editor(client)
    r = client.post("/capture", data={"csrf": token, "country": "QQ"},
                    files={"file": ("q.txt", MINSK + b" ", "text/plain")})
    assert r.status_code == 400 and "unknown country" in r.text
    r = client.post("/capture/1/country", data={"csrf": token, "country": "QQ"})
    assert r.status_code == 400 and "unknown country" in r.text
    assert _source(1).country == "KZ"
    r = client.post("/capture/99999/country", data={"csrf": token, "country": "KZ"})
    assert r.status_code == 404
    assert client.get("/capture?source=99999").status_code == 404


def test_only_editors_with_the_token_change_a_country(client):
    token = _editor(client, "viewer")
    r = client.post("/capture/1/country", data={"csrf": token, "country": "RU"})
    assert r.status_code == 403
    client.cookies.clear()
    token = _editor(client)
    r = client.post("/capture/1/country", data={"country": "RU"})
    assert r.status_code == 403
    assert _source(1).country == "KZ"
