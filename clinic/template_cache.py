"""MkDocs hook: compiled page templates are kept between builds (mkdocs.yml `hooks:`).

Each build compiled Material's ~80 Jinja templates afresh, and the Chinese build compiled
them all again: 1.7 s of CPU of every build and every `mkdocs serve` rebuild. Jinja's own
bytecode cache keeps them in .cache/ (git ignores it), keyed by each template's source, so
an edited override recompiles. The folder is per Jinja version: bytecode from one version
is not for another.
"""
from pathlib import Path

import jinja2


def on_env(env, config, files):
    folder = Path(config.config_file_path).parent / ".cache" / f"jinja-{jinja2.__version__}"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env
