"""Static rules on form fields and tables."""

from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _

from .html_tools import accessible_name, is_inside, select, visible
from .registry import rule

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}
MEANINGLESS_ALT = {"click", "button", "bullet", "image", "submit", "klicken", "bild", "knopf"}


def fields(soup):
    return [
        field
        for field in visible(soup, "input, select, textarea")
        if field.name != "input" or field.get("type", "text").lower() not in UNLABELLED_TYPES
    ]


def labels_of(field, soup):
    field_id = field.get("id")
    found = select(soup, "label[for]") if field_id else []
    found = [label for label in found if label["for"] == field_id]
    wrapping = field.find_parent("label")
    return found + ([wrapping] if wrapping is not None and wrapping not in found else [])


@rule("form-label", "1.3.1", "critical", _("Every form field needs a label."))
def form_label(soup):
    for field in fields(soup):
        named = any(label.get_text(strip=True) for label in labels_of(field, soup)) or (
            field.get("aria-label", "").strip()
            or field.get("aria-labelledby")
            or field.get("title", "").strip()
        )
        if not named:
            yield field, None


@rule("label-empty", "2.4.6", "serious", _("A label must have text."))
def label_empty(soup):
    for label in visible(soup, "label"):
        if not accessible_name(label, soup) and not label.find(["input", "select", "textarea"]):
            yield label, None


@rule(
    "label-multiple",
    "best-practice",
    "moderate",
    _("A field must have one label; screen readers read only one of several."),
)
def label_multiple(soup):
    counts = Counter(label["for"] for label in select(soup, "label[for]"))
    for field in fields(soup):
        if counts.get(field.get("id"), 0) > 1:
            yield field, None


@rule(
    "image-button-alt",
    "1.1.1",
    "critical",
    _("An image button needs alternative text that says what it does, not “click” or “button”."),
)
def image_button_alt(soup):
    for button in visible(soup, "input[type=image]"):
        alt = button.get("alt", "").strip().lower()
        if not alt or alt in MEANINGLESS_ALT:
            yield button, None


@rule(
    "fieldset-group",
    "1.3.1",
    "moderate",
    _(
        "Radio buttons or check boxes that answer one question belong in a <fieldset> with "
        "<legend>."
    ),
)
def fieldset_group(soup):
    groups = defaultdict(list)
    for field in visible(soup, "input[type=radio], input[type=checkbox]"):
        if field.get("name"):
            groups[(field["type"].lower(), field["name"])].append(field)
    for members in groups.values():
        first = members[0]
        grouped = first.find_parent("fieldset") or first.find_parent(
            attrs={"role": ["group", "radiogroup"]}
        )
        if len(members) > 1 and grouped is None:
            yield first, None


@rule("legend-missing", "1.3.1", "moderate", _("A fieldset needs a legend with text."))
def legend_missing(soup):
    for fieldset in visible(soup, "fieldset"):
        legend = fieldset.find("legend")
        if legend is None or not legend.get_text(strip=True):
            yield legend or fieldset, None


@rule(
    "label-duplicate",
    "best-practice",
    "minor",
    _("Different fields of one form need different labels."),
)
def label_duplicate(soup):
    for form in select(soup, "form"):
        seen = {}
        for field in fields(form):
            names = [accessible_name(label, soup).lower() for label in labels_of(field, soup)]
            name = names[0] if names else ""
            if name and name in seen:
                yield field, None
            seen.setdefault(name, field)


# --- Tables -------------------------------------------------------------------------------------


def is_layout_table(table) -> bool:
    """A table that arranges a page rather than data: presentation role, or holding headings,
    lists, forms or further tables, or a single row or column."""
    if table.get("role") in ("presentation", "none"):
        return True
    if table.find(["h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "form", "table", "nav"]):
        return True
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    return len(rows) < 2 or max(len(row.find_all(["td", "th"])) for row in rows) < 2


def data_tables(soup):
    return [table for table in visible(soup, "table") if not is_layout_table(table)]


@rule(
    "layout-table",
    "1.3.1",
    "moderate",
    _(
        'A table used for layout must say so with role="presentation" (better: lay out with '
        "CSS); then it needs no header cells."
    ),
)
def layout_table(soup):
    for table in visible(soup, "table"):
        outermost = table.find_parent("table") is None
        undeclared = table.get("role") not in ("presentation", "none")
        if outermost and undeclared and is_layout_table(table) and not table.find("th"):
            yield table, None


@rule("table-headers", "1.3.1", "serious", _("A data table needs header cells (<th>)."))
def table_headers(soup):
    for table in data_tables(soup):
        if table.find("td") and not table.find("th"):
            yield table, None


@rule(
    "table-only-headers",
    "1.3.1",
    "moderate",
    _("A table of header cells only holds no data: use a list or headings instead."),
)
def table_only_headers(soup):
    for table in visible(soup, "table"):
        if table.find("th") and not table.find("td"):
            yield table, None


@rule("table-caption", "best-practice", "minor", _("A data table needs a caption."))
def table_caption(soup):
    for table in data_tables(soup):
        if table.find_parent("table") is not None:
            continue  # table-nested says what to do
        caption = table.find("caption")
        if (caption is None or not caption.get_text(strip=True)) and not (
            table.get("aria-label") or table.get("aria-labelledby")
        ):
            yield table, None


@rule(
    "table-header-scope",
    "1.3.1",
    "serious",
    _(
        "A table with headers for rows and columns, or headers over several cells, needs scope "
        "or headers attributes."
    ),
)
def table_header_scope(soup):
    for table in data_tables(soup):
        headers = [th for th in table.find_all("th") if th.find_parent("table") is table]
        rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
        row_headers = sum(1 for row in rows[1:] if row.find("th"))
        spanning = any(
            th.get("colspan", "1") != "1" or th.get("rowspan", "1") != "1" for th in headers
        )
        complex_table = row_headers and rows[0].find("th") or spanning
        if complex_table and not any(th.get("scope") or th.get("id") for th in headers):
            yield table, None


@rule(
    "table-nested",
    "1.3.1",
    "moderate",
    _("A data table must not hold another table in its cells: split it up."),
)
def table_nested(soup):
    for table in visible(soup, "table"):
        outer = table.find_parent("table")
        if outer is not None and outer.find("th") and not is_inside(outer, table):
            yield table, None


@rule(
    "table-columns",
    "best-practice",
    "minor",
    _("Every row of a data table must span the same number of columns."),
)
def table_columns(soup):
    for table in data_tables(soup):
        widths = set()
        for row in table.find_all("tr"):
            if row.find_parent("table") is table:
                cells = row.find_all(["td", "th"], recursive=False)
                widths.add(
                    sum(
                        int(c.get("colspan", "1") or 1)
                        for c in cells
                        if c.get("colspan", "1").isdigit()
                    )
                )
        if len(widths) > 1 and not table.find(rowspan=True):
            yield table, None
