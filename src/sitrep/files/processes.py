"""Processes that belong to a build: whether one is alive, children that
die with their parent, and a process that ends without a last collection.

Builds name their staging folders and temporary files after their process
id; a later build removes only those whose process is gone, never the files
of a build still running beside it (:func:`pid_alive`).

A build's helper processes (the search worker) must not outlive it: a build
killed with ``kill -9`` cannot tell its children to stop, and a pool worker
left behind waits for work forever, holding its memory. :func:`die_with_parent`
is a pool initializer that makes the kernel kill the worker when its parent
dies (Linux's parent-death signal), with a watcher thread for the systems
that have none.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_SECONDS = 1.0  # how often the fallback watcher looks at the parent


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True


def die_with_parent(parent: int) -> None:
    """Pool initializer (``initargs=(os.getpid(),)``): end this process as soon
    as the process ``parent`` that started it is gone.

    The parent-death signal fires when the *thread* that started the worker
    ends, so start the pool from the thread that waits for it (as a build
    does). Asking for it cannot help if the parent died before, so the parent
    is checked after asking; the watcher thread covers systems without it."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the watcher below still ends the worker
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="sitrep-parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Exit when this process's parent changes (it died and we were re-parented)."""
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def give_back_free_memory() -> None:
    """Return the memory this process freed to the system before it forks
    workers (glibc's ``malloc_trim``; nothing elsewhere).

    What a build frees along the way (the tagger's work, the digests of the
    queued pages) stays mapped in glibc's heap, counted in the build's
    resident memory and in every forked worker's view of it; trimmed, those
    pages are gone before the fork."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):
            pass  # not glibc


def skip_exit_collection() -> None:
    """For a process whose work is done and which is about to exit: leave what
    is still alive out of the cyclic collection Python runs at exit.

    After a build the process still holds the archive's reports, items, page
    contexts and Pelican's state (1.9 million objects at 5,000 reports), and
    that collection walked all of them for 2.9 s after "Built ..." was printed,
    before the shell got its prompt back; nothing needs it, since the memory
    goes back to the system with the process. ``gc.freeze`` moves every object
    into the permanent generation, which no collection visits. Only for an
    ending process: one that goes on (``regenerate``, a test run) would keep
    any cyclic garbage alive at this moment for good."""
    gc.freeze()
