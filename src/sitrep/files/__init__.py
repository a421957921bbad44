"""Small file-level building blocks the other packages share.

``digest`` keys every cache on the code that made it (by module name, so
moving a file cannot break a cache), ``jsonlines`` reads JSON-lines input with
errors that name the line, ``processes`` tells whether the process that left a
staging file behind is still alive and makes helper processes die with their build,
``claims`` shares chunks of work between a build process and its forked workers
(each takes its next chunk itself), ``stable_pickle`` turns values into bytes
that depend only on what they hold.
"""
