"""A reader checks who reviewed an article and what it rests on; an editor
previewing an article without a reviewer or references is warned."""

import datetime
import json
import re

from playwright.sync_api import expect

from site_project.roles import EDITORS
from tests.e2e.conftest import (
    make_staff,
    paragraph,
    product_callout,
    publish_article,
    screenshot,
    sign_in_to_cms,
)
from tests.factories_blog import ReviewerFactory
from tests.factories_shop import make_product

NG59 = {
    "authors": "National Institute for Health and Care Excellence",
    "title": "Low back pain and sciatica in over 16s: assessment and management",
    "publisher": "NICE",
    "year": 2016,
    "doi": "",
    "pmid": "",
    "url": "https://www.nice.org.uk/guidance/ng59",
}
NHS = {
    **NG59,
    "authors": "NHS",
    "title": "Back pain",
    "publisher": "NHS website",
    "year": None,
    "url": "https://www.nhs.uk/conditions/back-pain/",
}


def test_reader_follows_a_citation_and_meets_the_reviewer(page):
    roller = make_product(title="Foam roller", price="21.00")
    article = publish_article(
        "Staying active with back pain",
        paragraph(
            "Keep moving: bed rest slows recovery"
            '<a linktype="reference" number="1">[1]</a>, and most back pain '
            'eases within weeks<a linktype="reference" number="2">[2]</a>.'
        ),
        product_callout(roller, note="Rolls out a stiff upper back."),
        slug="staying-active",
    )
    reviewer = ReviewerFactory(
        name="Dr Mira Example",
        credentials="General practitioner, MRCGP",
        registration_body="General Medical Council",
        registration_number="DEMO-0001",
    )
    article.reviewer = reviewer
    article.last_reviewed = datetime.date(2026, 3, 1)
    article.references = json.dumps(
        [
            {"type": "reference", "value": v, "id": f"r{n}"}
            for n, v in enumerate((NG59, NHS))
        ]
    )
    article.save_revision().publish()

    page.goto(article.url)
    expect(page.locator(".article__review")).to_contain_text(
        "Last reviewed 1 March 2026 by Dr Mira Example"
    )
    expect(page.locator("[data-disclosure]")).to_be_visible()
    expect(page.locator(".article__references li")).to_have_count(2)
    screenshot(page, "article-trust")

    page.locator(".article__body a.reference-marker").nth(1).click()
    expect(page).to_have_url(re.compile(r"#ref-2$"))
    page.locator("#ref-2 .references__back").click()
    expect(page).to_have_url(re.compile(r"#cite-ref-2$"))

    page.locator(".article__review a").click()
    expect(page).to_have_url(re.compile(rf"/articles/reviewers/{reviewer.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dr Mira Example")
    expect(page.locator(".article-card")).to_have_count(1)
    screenshot(page, "reviewer-page")


def test_editor_checks_warn_of_no_reviewer_and_no_references(page):
    article = publish_article(
        "Unchecked advice", paragraph("Rest for a week."), slug="unchecked"
    )
    editor = make_staff("editor", EDITORS)
    sign_in_to_cms(page, editor)
    page.goto(f"/cms/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Toggle checks").click()
    checks = page.locator("[data-side-panel='checks']")
    expect(checks).to_contain_text("No medical reviewer", timeout=30_000)
    expect(checks).to_contain_text("No references")
    screenshot(page, "editor-article-checks")
