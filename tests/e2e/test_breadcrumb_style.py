"""Breadcrumbs look the same on an article, a category and an Oscar page
(the basket, which keeps Bootstrap's .breadcrumb markup)."""

from shop.catalogue.models import ProductCategory
from tests.e2e.conftest import paragraph, publish_article
from tests.factories_shop import make_category, make_product

STYLE_OF_CRUMBS = """nav => {
    const list = nav.querySelector("ol");
    const items = list.querySelectorAll("li");
    const link = list.querySelector("a");
    const current = nav.querySelector('[aria-current="page"]');
    const style = getComputedStyle(list);
    const separator = getComputedStyle(items[1], "::before");
    return {
        label: nav.getAttribute("aria-label").toLowerCase(),
        fontSize: style.fontSize,
        background: style.backgroundColor,
        padding: style.padding,
        marginBottom: style.marginBottom,
        separator: separator.content,
        separatorColor: separator.color,
        separatorPadding: separator.paddingLeft + " " + separator.paddingRight,
        itemPaddingLeft: getComputedStyle(items[1]).paddingLeft,
        linkColor: getComputedStyle(link).color,
        currentColor: getComputedStyle(current).color,
    };
}"""


def test_breadcrumbs_have_one_style_on_both_sides(page):
    category = make_category("Rollers")
    roller = make_product(title="Foam roller", price="15.00")
    ProductCategory.objects.create(product=roller, category=category)
    article = publish_article("Rolling out", paragraph("Slowly."), slug="rolling")

    styles = {}
    for name, url in [
        ("article", article.url),
        ("category", category.get_absolute_url()),
        ("basket", "/shop/basket/"),
    ]:
        page.goto(url)
        nav = page.locator("nav[aria-label]").filter(has=page.locator("ol li + li"))
        nav = nav.filter(has=page.locator('[aria-current="page"]')).first
        styles[name] = nav.evaluate(STYLE_OF_CRUMBS)

    assert styles["article"]["separator"] == '"›"'
    assert styles["article"]["background"] == "rgba(0, 0, 0, 0)"
    assert styles["category"] == styles["article"]
    assert styles["basket"] == styles["article"]
