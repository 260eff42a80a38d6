"""An imported FollowTheMoney file is a source like any other on the site: its page shows the
preserved lines, accepted facts reach the person's page, and it is never re-extracted as
text."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from casefile.registry import db
from casefile.registry.models import Claim, Person, Source
from casefile.web.app import create_app
from tests.helpers import counts, run


def test_an_imported_file_on_the_site_and_not_re_extracted(registry, tmp_path):
    path = tmp_path / "partner.json"
    path.write_text(json.dumps({"id": "p1", "schema": "Person", "properties": {
        "name": ["Aigul Sarsenova"], "birthDate": ["1980-02-03"]}}) + "\n", encoding="utf-8")
    assert run("import", "ftm", str(path), "--as", "anna").exit_code == 0
    with db.session() as s:
        source_id = s.scalar(select(Source.id))
        ids = list(s.scalars(select(Claim.id)))
        person_id = s.scalar(select(Person.id))
    assert run("review", "accept", *ids, "--as", "anna").exit_code == 0
    client = TestClient(create_app(registry), base_url="https://testserver")
    page = client.get(f"/sources/{source_id}")
    assert page.status_code == 200 and "Aigul Sarsenova" in page.text
    person = client.get(f"/persons/{person_id}")
    assert person.status_code == 200 and "Aigul Sarsenova" in person.text
    before = counts()
    again = run("sources", "reextract", str(source_id), "--as", "anna")
    assert again.exit_code == 1 and "FollowTheMoney file" in again.output
    assert counts() == before
