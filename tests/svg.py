"""Reading the portal's server-drawn SVG in tests."""

from xml.etree import ElementTree

NS = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ElementTree.Element:
    """The SVG as an element tree; raises if it is not well-formed XML."""
    return ElementTree.fromstring(str(markup))  # noqa: S314 - the portal's own markup


def texts(root: ElementTree.Element) -> list[str]:
    """Every <text> of the drawing, in order."""
    return [t.text or "" for t in root.iter(f"{NS}text")]
