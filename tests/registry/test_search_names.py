"""Search goes through the names layer: spellings and scripts of a name find the person."""

import pytest

from casefile.registry import db, search
from casefile.registry.ingest import capture
from casefile.registry.models import Person
from tests.conftest import seed


@pytest.mark.parametrize("query", ["Жыланбаев", "Zhilanbaev", "zhylanbaev marat",
                                   "Марата Жыланбаева", "ZHYLANBAYEV"])
def test_variants_and_scripts_find_marat_zhylanbayev(registry, query):
    capture(str(seed("002")), trusted=True)
    with db.session() as s:
        hits, _ = search.search(s, query, "person")
        names = [s.get(Person, h.person_id).display_name for h in hits]
    assert "Marat Zhylanbayev" in names, names


def test_a_different_person_is_not_found_by_a_near_name(registry):
    capture(str(seed("002")), trusted=True)
    with db.session() as s:
        hits, _ = search.search(s, "Kairat Kudaibergen", "person")
        names = {s.get(Person, h.person_id).display_name for h in hits}
    assert "Kazybek Kudaibergenov" not in names and "Kairat Kudaibergen" in names
