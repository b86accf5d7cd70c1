"""MkDocs hook: notebooks stay pages in every language (mkdocs.yml `hooks:`).

mkdocs-jupyter's `on_files` wraps each notebook in a `NotebookFile`, whose
`is_documentation_page()` is True. mkdocs-static-i18n's `on_files` runs after it (it is
registered with `event_priority(-100)`, so no plugin order in mkdocs.yml changes that) and
rebuilds every file as a plain `File` (`suffix.create_i18n_file`). A notebook then counts as
an asset: its raw JSON is copied to practice/project-pytorch/index.html, and it gets no
page under /zh/ (the plugins' known incompatibility, ultrabug/mkdocs-static-i18n#198).

This hook wraps the file that i18n builds from a `NotebookFile` in a `NotebookFile` again,
keeping the destination and URL that i18n chose (zh/practice/project-pytorch/ for
project-pytorch.zh.ipynb). i18n then handles notebooks as it handles Markdown pages: the
.zh.ipynb beside a notebook is its Chinese page, the language switcher links the two, and a
notebook without a translation falls back to the English one under /zh/.

Each language also gets its own mkdocs-jupyter cache folder: with one folder, each build
evicted the entries the other language's build had just written (everything "not used in
this build"), so no build ever hit the cache and every build converted all four notebooks.
Its cache key covers a notebook and the plugin's options but not the code that converts it,
so each language's folder has one subfolder per version of that code: after an upgrade a
build converts again rather than serving the old converter's HTML.
"""
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs_jupyter.plugin import NotebookFile, _get_nb_toc_tokens
from mkdocs_static_i18n import suffix

log = get_plugin_logger(__name__)

_create_i18n_file = getattr(suffix.create_i18n_file, "wrapped", suffix.create_i18n_file)


def create_i18n_file(file, current_language, default_language, all_languages, config):
    i18n_file = _create_i18n_file(file, current_language, default_language, all_languages,
                                  config)
    if not isinstance(file, NotebookFile):
        return i18n_file
    notebook = NotebookFile(i18n_file, config.use_directory_urls, config.site_dir)
    # NotebookFile derives these from the source name (practice/project-pytorch.zh/);
    # i18n's are the localized ones.
    for name in ("dest_uri", "abs_dest_path", "url", "name"):
        setattr(notebook, name, getattr(i18n_file, name))
    return notebook


create_i18n_file.wrapped = _create_i18n_file
suffix.create_i18n_file = create_i18n_file  # reconfigure_files looks it up on every build

JUPYTER_CACHE = ".cache/mkdocs-jupyter"  # mkdocs-jupyter's default cache_dir
CONVERTER = "-".join(f"{package}-{version(package)}"
                     for package in ("mkdocs-jupyter", "nbconvert", "pygments"))


@event_priority(-200)  # after mkdocs-static-i18n (-100) has set the build's language
def on_config(config):
    jupyter = config.plugins["mkdocs-jupyter"].config
    jupyter["cache_dir"] = f"{JUPYTER_CACHE}/{config.theme['language']}/{CONVERTER}"


# Heading ids. mkdocs-jupyter makes them from the heading's text, kept to ASCII (its
# utils.slugify, and Python-Markdown's for the table of contents), so a Chinese heading gets
# an empty id, or the Latin letters in it ("sigmoidsgd"), and its table of contents points
# nowhere. A translated notebook has the English one's headings in the same order: it gets
# the English ids, as a translated Markdown page does with {#id}, so that an anchor link
# lands on the same section in both languages.
HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">')


def _english_ids(notebook, toc_depth):
    tokens, _ = _get_nb_toc_tokens(notebook, toc_depth)
    ids, stack = [], list(reversed(tokens))
    while stack:
        token = stack.pop()
        ids.append(token["id"])
        stack.extend(reversed(token["children"]))
    return ids


def _toc_links(toc):
    for link in toc:
        yield link
        yield from _toc_links(link.children)


def on_page_content(html, page, config, files):
    localization = getattr(page.file, "localization", None)
    if not (isinstance(page.file, NotebookFile) and localization):
        return html
    source = Path(page.file.abs_src_path)
    english = source.with_name(source.name.replace(f".{localization}.ipynb", ".ipynb"))
    ids = _english_ids(english, config.plugins["mkdocs-jupyter"].config["toc_depth"])
    headings = HEADING.findall(html)
    links = list(_toc_links(page.toc))
    if len(headings) != len(ids) or len(links) != len(ids):
        log.warning(f"{page.file.src_uri}: {len(headings)} headings, the English notebook "
                    f"has {len(ids)}; translate its Markdown cells heading for heading")
        return html
    for link, heading_id in zip(links, ids):
        link.id = heading_id
    ids = iter(ids)
    return HEADING.sub(lambda m: (f'<h{m[1]} id="{(heading_id := next(ids))}">{m[2]}'
                                  f'<a class="anchor-link" href="#{heading_id}">'), html)
