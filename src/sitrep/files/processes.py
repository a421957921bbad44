"""Whether the process that left a file behind is still running.

Builds name their staging folders and temporary files after their process
id; a later build removes only those whose process is gone, never the files
of a build still running beside it.
"""

from __future__ import annotations

import os


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, owned by someone else
    return True
