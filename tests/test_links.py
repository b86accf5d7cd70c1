"""Every internal link and anchor in the built site resolves (notebook pages included)."""
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "img", "link", "script", "source"):
                self.links.append(attrs[name])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)  # a query names no file
    if path.startswith("/"):  # site_url's path is "/"
        target = site / path.lstrip("/")
    else:
        target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def test_internal_links_and_anchors_resolve(built_site):
    site, _ = built_site
    pages = {path: _parse(path) for path in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            target = _target(site, page, link)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {link} (no such file)")
            elif fragment and path in pages and fragment not in pages[path].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == []

