"""Untrusted text made inert for Streamlit's renderers: Markdown, and HTML inside Markdown.

Every Streamlit text widget but `st.text`/`st.code` renders Markdown (labels, toasts,
errors, captions, headings and buttons included), so a catalog name such as
``![](https://evil.example/p.png)`` would fetch an image and ``[x](https://…)`` make
a link. `md` backslash-escapes each character Markdown (with Streamlit's extensions:
``:red[…]``, ``:emoji:``, ``$…$``) gives a meaning anywhere, and the list, heading-underline
and ordered-list markers at a line's start (CommonMark shows an escaped character as
itself); plain punctuation such as ``( ) ' . ,`` stays as it is. `html_md` writes every
ASCII punctuation character as a numeric character reference, which CommonMark decodes to plain characters
and never to syntax, for HTML shown through ``st.markdown(..., unsafe_allow_html=True)``
and folium popups alike. Escapes do not stop GitHub-flavoured autolinks (Streamlit's
Markdown turns a bare ``https://…``, ``www.…`` or ``name@host`` in plain text into a
link after parsing), so both put an invisible WORD JOINER (U+2060) before each of them:
the autolinker then sees no word boundary there, and the text looks the same.
"""

from __future__ import annotations

import re
import string

_AUTOLINK = re.compile(r"(?i)(?=https?:|www\.|ftp:|mailto:|xmpp:)|(?=@)")
JOINER = "\u2060"
MD_ACTIVE = "\\`*_[]<>#|~$&:"  # emphasis, code, links/images/:color[], HTML, headings, tables, strike, LaTeX, entities, emoji
_MD = str.maketrans({c: "\\" + c for c in MD_ACTIVE})
_LINE_START = re.compile(r"(?m)^([ \t]*)([-+=]|\d+(?=[.)]))")  # list items, setext underlines, ordered lists
_HTML = str.maketrans({c: f"&#{ord(c)};" for c in string.punctuation} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def md(value, one_line: bool = False) -> str:
    """`value` as Markdown that shows exactly its characters (None -> empty); `one_line` for labels."""
    text = "" if value is None else str(value)
    if one_line:
        text = " ".join(text.split())
    text = _AUTOLINK.sub(JOINER, text).translate(_MD)
    return _LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if not m[2].isdigit() else m[2] + "\\"), text)


def html_md(value) -> str:
    """`value` as HTML text that Markdown leaves alone too: no tag, entity, link, image or emphasis survives."""
    return "" if value is None else _AUTOLINK.sub(JOINER, str(value)).translate(_HTML)
