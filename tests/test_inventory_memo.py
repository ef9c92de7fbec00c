"""The build's digest memo: an unchanged file is not read again; a file rewritten with the same size and its
old mtime is still hashed again (its ctime moved), and a fresh build without a memo gives the same digests."""
import hashlib
import os
import time

from dossier.load import inventory as inv
from dossier.load.inventory import Inventory


def _old(path, seconds=60):
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_unchanged_files_are_not_read_again_and_changed_ones_are(tmp_path, monkeypatch):
    root, memo = tmp_path / "content", tmp_path / "cache" / "digests.json"
    root.mkdir()
    doc = root / "a.pdf"
    doc.write_bytes(b"%PDF-1.4 first")
    _old(doc)
    time.sleep(inv.RACY_S + 0.1)                 # the ctime, too, is older than the racy window
    first = Inventory(root, memo=memo).digest(doc)
    assert first == (hashlib.sha256(b"%PDF-1.4 first").hexdigest(), 14)
    inventory = Inventory(root, memo=memo)
    inventory.digest(doc)
    inventory.save_memo()

    calls = []
    real = inv.sha256_file
    monkeypatch.setattr(inv, "sha256_file", lambda p: calls.append(p) or real(p))
    assert Inventory(root, memo=memo).digest(doc) == first and calls == []

    st = doc.stat()
    doc.write_bytes(b"%PDF-1.4 secnd")           # same size, mtime put back: only the ctime tells
    os.utime(doc, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = Inventory(root, memo=memo).digest(doc)
    assert calls and again == (hashlib.sha256(b"%PDF-1.4 secnd").hexdigest(), 14)
    assert Inventory(root).digest(doc) == again  # no memo: the same answer


def test_a_damaged_memo_is_ignored(tmp_path):
    root, memo = tmp_path / "content", tmp_path / "digests.json"
    root.mkdir()
    (root / "a.txt").write_text("x")
    memo.write_text("{not json")
    assert Inventory(root, memo=memo).digest(root / "a.txt")[1] == 1
