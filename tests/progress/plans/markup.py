"""Read a page the way a person does: by element, not by substring. A small tree over the
standard library's HTML parser, enough to find elements by tag, id and class and read
their text."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str], parent: "Element | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The visible text inside, with runs of white space made one space."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join("".join(parts).split())

    def _collect(self, parts: list[str]) -> None:
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts)

    def descendants(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def find_all(self, tag: str | None = None, *, class_: str | None = None, **attrs):
        """Every element inside with this tag, class and exact attribute values."""
        return [
            e
            for e in self.descendants()
            if (tag is None or e.tag == tag)
            and (class_ is None or class_ in e.classes)
            and all(e.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def find(self, tag: str | None = None, *, class_: str | None = None, **attrs) -> "Element":
        """The one element that matches; fails when there is none or more than one."""
        found = self.find_all(tag, class_=class_, **attrs)
        assert len(found) == 1, f"expected one {tag or ''} {class_ or ''} {attrs}, found {found}"
        return found[0]

    def by_id(self, element_id: str) -> "Element":
        return self.find(id=element_id)

    def item_ids(self) -> list[int]:
        """The plan items shown inside, in page order (rows are `<li id="item-<pk>">`)."""
        return [
            int(e.attrs["id"].removeprefix("item-"))
            for e in self.find_all("li", class_="item")
            if e.attrs.get("id", "").startswith("item-")
        ]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(response_or_html) -> Element:
    """The document of a response (or of an HTML string)."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def error_next_to(response, field_id: str, suffix: str = "_error") -> str:
    """The message shown right under the field with this id ("" if none)."""
    found = parse(response).find_all(class_="field-error", id=field_id + suffix)
    return found[0].text if found else ""


def messages_of(response) -> list[tuple[str, str]]:
    """The flash messages a followed response shows, as (level, text)."""
    return [(m.level_tag, str(m)) for m in response.context["messages"]]
