"""Getting a built site in front of readers, safely.

``build`` runs Pelican into a fresh directory and makes it live with one
rename (``output`` is a symlink), under a lock; ``render``/``fingerprint``
carry unchanged files over from the live build so a rebuild renders only what
changed; ``check`` is the gate a deploy must pass (it reads the build once
with ``built_site`` and runs ``check_markup``, ``check_links`` and
``check_data``); ``deploy`` with ``targets``, ``releases``, ``rsync``,
``ghpages`` and ``s3`` publishes atomic releases with rollback; ``serve`` and
``watch`` are for editors at their desk; ``cli`` declares the publishing
commands of ``sitrep`` (build, check, deploy, rollback, serve, regenerate,
clean).
"""
