"""Library chatter is captured, and dossier's own last words still reach the user while another thread is
inside a quiet() block (an internal error during conversion used to vanish into the captured fd 2)."""
import subprocess
import sys

SCRIPT = r'''
import os, sys, threading, time
from dossier.core import quiet
inside = threading.Event(); done = threading.Event()
def converter():
    with quiet.quiet():
        os.write(2, b"libtiff chatter\n")
        inside.set()
        done.wait(5)
t = threading.Thread(target=converter); t.start(); inside.wait(5)
os.write(2, b"swallowed while quiet\n")
quiet.release()
sys.stderr.write("dossier 内部错误：shown\n"); sys.stderr.flush()
done.set(); t.join()
with quiet.quiet():
    pass
sys.stderr.write("after\n")
'''


def test_release_gives_fd2_back_while_another_thread_is_quiet():
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert "dossier 内部错误：shown" in run.stderr and "after" in run.stderr
    assert "libtiff chatter" not in run.stderr and "swallowed while quiet" not in run.stderr
