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


def test_source_excerpts_show_the_first_hit_wherever_it_lies(registry, tmp_path):
    """The excerpt is cut around the leftmost hit of any word, in any case, whether it lies in
    the head the excerpt reads first or far beyond it (found by the database)."""
    filler = "Nothing of note happened on this day in the capital. " * 800  # > search.HEAD
    body = ("Report on detentions.\n" + filler + "Then Марат Жыланбаев was detained; "
            "later Marat Zhylanbayev was sentenced.\n")
    early = tmp_path / "early.txt"
    early.write_text("A court in Astana heard the case of Kairat Kudaibergen today.\n" + filler)
    late = tmp_path / "late.txt"
    late.write_text(body)
    a, b = capture(str(early)).source_id, capture(str(late)).source_id
    with db.session() as s:
        cut = search.excerpts(s, [a, b], ["kudaibergen", "zhylanbayev"])
        assert "Kairat Kudaibergen today" in cut[a] and not cut[a].startswith("…")
        assert cut[b].startswith("…") and "Marat Zhylanbayev was sentenced" in cut[b]
        cyrillic = search.excerpts(s, [b], ["жыланбаев"])[b]  # typed in lower case
        assert "Then Марат Жыланбаев was detained" in cyrillic
        assert search.excerpts(s, [a], ["absent"])[a].startswith("A court in Astana")
