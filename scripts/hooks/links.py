"""Links to other sites get rel="external" (the HTML link type for "not part of this site").

print.css prints the address of such a link after it, since a reader on paper cannot click.
CSS alone cannot tell them apart: Material's instant navigation rewrites every internal link to
an absolute http(s) URL in the browser, so `a[href^="http"]` matches internal links too.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK = re.compile(r'<a(?P<before>\s[^>]*?)?\shref="(?P<href>https?://[^"]+)"')


def on_page_content(html: str, page, config, files) -> str:
    own = urlsplit(config.site_url or "").netloc

    def mark(match: re.Match) -> str:
        tag = match.group(0)
        if urlsplit(match.group("href")).netloc == own or " rel=" in tag:
            return tag
        return tag.replace("<a", '<a rel="external"', 1)

    return LINK.sub(mark, html)
