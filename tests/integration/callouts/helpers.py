"""Helpers for callout tests: submit an HTML form the way a browser would."""

from bs4 import BeautifulSoup


def form_data(html, form_selector):
    """The fields a browser would submit from the form matching the selector."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, f"no form matches {form_selector!r}"
    data = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        kind = field.get("type", "").lower()
        if field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            if field.has_attr("multiple"):
                data[name] = [o.get("value", o.text) for o in chosen]
            elif chosen:
                data[name] = chosen[0].get("value", chosen[0].text)
        elif field.name == "textarea":
            data[name] = field.text
        elif kind in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, [])
                data[name].append(field.get("value", "on"))
        elif kind in {"submit", "button", "file", "image"}:
            continue
        else:
            data[name] = field.get("value", "")
    return data
