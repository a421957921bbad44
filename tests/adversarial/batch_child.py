"""Child of :func:`harness.sitrep_batch`: run ``sitrep.cli.main`` on each
argument list of the JSON list read from stdin, each under an alarm, and print one
``@@RES {code, out, seconds}`` line per call (what a user would have seen on
stdout and stderr). A hang ends in the alarm's exception, counted as code None."""

from __future__ import annotations

import contextlib
import io
import json
import signal
import sys
import time


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def main() -> None:
    per_call, argvs = float(sys.argv[1]), json.loads(sys.stdin.read())
    from sitrep import cli

    signal.signal(signal.SIGALRM, _alarm)
    for argv in argvs:
        out = io.StringIO()
        started = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, per_call)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = cli.main(argv)
        except SystemExit as stop:  # argparse's usage errors
            code = stop.code if isinstance(stop.code, int) else 1
        except Hang:
            code = None
            out.write("\n[killed by the re-run: over the time limit]\n")
        except BaseException:  # what a user would see as a traceback
            import traceback

            code = 99
            out.write(traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        print("@@RES " + json.dumps({"code": code, "out": out.getvalue()[-4000:],
                                      "seconds": time.monotonic() - started}), flush=True)


if __name__ == "__main__":
    main()
