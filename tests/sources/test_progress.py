"""A fetch reports its bytes as they come, against Content-Length when the server gives one."""

from casefile.sources.fetch import fetch


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int | None]] = []

    def __call__(self, stage, done=0, total=None) -> None:
        self.calls.append((stage, done, total))


def test_bytes_against_the_announced_length(server):
    rec = Recorder()
    body, _, _ = fetch(f"{server}/big", progress=rec)
    assert {c[0] for c in rec.calls} == {"fetching"}
    done = [c[1] for c in rec.calls]
    assert done[0] == 0 and done[-1] == len(body) == 100_000
    assert done == sorted(done)
    assert {c[2] for c in rec.calls} == {100_000}


def test_unknown_length_is_none(server):
    rec = Recorder()
    body, _, _ = fetch(f"{server}/big-unannounced", progress=rec)
    assert rec.calls[-1] == ("fetching", len(body), None) and len(body) == 1_000_000
