"""Small helpers to write IATI elements with lxml."""

import datetime as dt
from decimal import Decimal
from typing import Any

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
Element = Any  # lxml.etree._Element (lxml ships no type information)


def number(value: Decimal | int) -> str:
    """``Decimal("100.0000")`` → ``"100"``; never an exponent."""
    return f"{Decimal(value).normalize():f}"


def iso_date(value: dt.date) -> str:
    return value.isoformat()


def iso_datetime(value: dt.datetime) -> str:
    return (
        value.astimezone(dt.UTC)
        .replace(microsecond=0)
        .isoformat()
        .replace("+00:00", "Z")
    )


def sub(parent: Element, tag: str, **attributes: str | None) -> Element:
    """A child element; ``None`` attributes are left out, ``_`` becomes ``-``."""
    element = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        if value is not None:
            element.set(name.rstrip("_").replace("_", "-"), value)
    return element


def narratives(parent: Element, tag: str, texts: dict[str, str]) -> Element | None:
    """``<tag><narrative xml:lang="fr">…</narrative>…</tag>`` for the non-empty
    texts; nothing when there is none."""
    present = {lang: text.strip() for lang, text in texts.items() if text.strip()}
    if not present:
        return None
    element = etree.SubElement(parent, tag)
    for lang, text in present.items():
        narrative = etree.SubElement(element, "narrative")
        narrative.set(XML_LANG, lang)
        narrative.text = text
    return element


def period(parent: Element, start: dt.date, end: dt.date) -> None:
    sub(parent, "period-start", iso_date=iso_date(start))
    sub(parent, "period-end", iso_date=iso_date(end))
