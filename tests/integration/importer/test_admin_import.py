"""The importer in Wagtail's admin: editors upload or paste articles and get
drafts and a report; bad files are form errors; suggested callouts go into an
article's draft with one click."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from blog.models import ArticlePage
from site_project.roles import EDITORS, assign_role
from tests.factories_shop import make_category, make_product

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"


def user(username, role=None, **flags):
    account = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x", **flags
    )
    if role:
        assign_role(account, role)
    return account


@pytest.fixture
def editor(client, article_index):
    account = user("editor", EDITORS)
    client.force_login(account)
    return account


def upload(name):
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes())


def post(client, article_index, **data):
    fields = {"parent": article_index.pk, "text_format": "txt", "text": ""}
    return client.post(reverse("importer:import"), {**fields, **data})


def test_editors_find_the_importer_in_the_menu(client, editor):
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("importer:import").encode() in response.content
    assert client.get(reverse("importer:import")).status_code == 200


def test_users_who_cannot_add_articles_are_refused(client, article_index):
    client.force_login(user("shopper"))
    assert client.get(reverse("importer:import")).status_code == 403
    response = post(client, article_index, text="A title\n\nText.\n")
    assert response.status_code == 403
    assert not ArticlePage.objects.exists()


def test_upload_makes_drafts_and_shows_the_report(client, editor, article_index):
    make_product(title="Cushioned Exercise Mat, 10 mm", upc="BB-MAT-05")
    response = post(
        client,
        article_index,
        files=[upload("desk-breaks.txt"), upload("posture-page.html")],
    )
    assert response.status_code == 200
    pages = ArticlePage.objects.order_by("pk")
    assert [p.title for p in pages] == [
        "Three desk breaks that keep your back moving",
        "Posture myths",
    ]
    assert not any(p.live for p in pages)
    assert all(p.get_latest_revision().user == editor for p in pages)
    html = response.content.decode()
    for page in pages:
        assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert "Removed 2 script or embedded object(s)." in html
    assert "Cushioned Exercise Mat, 10 mm" in html


def test_pasted_markdown(client, editor, article_index):
    response = post(
        client,
        article_index,
        text="# Pasted piece\n\n## A heading\n\nSome *text*.\n",
        text_format="md",
    )
    assert response.status_code == 200
    draft = ArticlePage.objects.get().get_latest_revision_as_object()
    assert draft.title == "Pasted piece"
    assert [(b.block_type) for b in draft.body] == ["heading", "paragraph"]


def test_each_pasted_article_is_its_own_draft(client, editor, article_index):
    post(client, article_index, text="First piece\n\nSome text.\n")
    post(client, article_index, text="Second piece\n\nOther text.\n")
    post(client, article_index, text="First piece\n\nSome text, revised.\n")
    pages = ArticlePage.objects.order_by("pk")
    assert [p.title for p in pages] == ["First piece", "Second piece"]
    draft = pages[0].get_latest_revision_as_object()
    assert draft.body[0].value.source == "<p>Some text, revised.</p>"


def test_nothing_to_import_is_a_form_error(client, editor, article_index):
    response = post(client, article_index)
    assert response.status_code == 200
    assert b"Choose a file to import or paste an article." in response.content
    assert not ArticlePage.objects.exists()


def test_bad_files_are_form_errors_and_the_good_ones_import(
    client, editor, article_index
):
    response = post(
        client,
        article_index,
        files=[
            SimpleUploadedFile("broken.xml", b"<rss><channel>"),
            SimpleUploadedFile("latin.txt", "Caf\xe9".encode("latin-1")),
            upload("desk-breaks.txt"),
        ],
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "broken.xml is not a readable WordPress export" in html
    assert "latin.txt is not UTF-8 text" in html
    assert ArticlePage.objects.count() == 1


def test_unknown_file_types_are_refused_before_anything_is_read(
    client, editor, article_index
):
    response = post(
        client, article_index, files=[SimpleUploadedFile("notes.pdf", b"%PDF-1.4")]
    )
    assert response.status_code == 200
    assert b"notes.pdf: the importer reads" in response.content
    assert not ArticlePage.objects.exists()


def test_editors_may_publish_at_once(client, article_index):
    client.force_login(user("writer", EDITORS))
    response = post(client, article_index, text="A title\n\nText.\n", publish="on")
    assert response.status_code == 200
    # Editors may publish: the page goes live.
    assert ArticlePage.objects.get().live


def test_suggested_callouts_are_inserted_with_one_click(client, editor, article_index):
    mat = make_product(title="Cushioned Exercise Mat, 10 mm", upc="BB-MAT-05")
    category = make_category("Massage tools")
    post(client, article_index, files=[upload("desk-breaks.txt")])
    page = ArticlePage.objects.get()
    page.get_latest_revision_as_object().save_revision()  # a later draft
    url = reverse("importer:suggestions", args=[page.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert url.encode() in edit.content
    response = client.get(url)
    assert response.status_code == 200
    assert b"exercise mat" in response.content
    page.refresh_from_db()
    response = client.post(
        url,
        {
            "block": 6,
            "kind": "product",
            "target": mat.pk,
            "revision": page.latest_revision_id,
        },
    )
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.body[7].block_type == "product_callout"
    assert draft.body[7].value["product"].pk == mat.pk
    assert not ArticlePage.objects.get().live
    # Once called out, it is no longer suggested.
    assert b"Nothing to suggest" in client.get(url).content
    # A suggestion the article does not make is refused.
    page.refresh_from_db()
    refused = client.post(
        url,
        {
            "block": 0,
            "kind": "category",
            "target": category.pk,
            "revision": page.latest_revision_id,
        },
    )
    assert refused.status_code == 404


def test_a_stale_or_garbled_suggestion_changes_nothing(client, editor, article_index):
    mat = make_product(title="Cushioned Exercise Mat, 10 mm", upc="BB-MAT-05")
    post(client, article_index, files=[upload("desk-breaks.txt")])
    page = ArticlePage.objects.get()
    url = reverse("importer:suggestions", args=[page.pk])
    revisions = page.revisions.count()
    stale = {"block": 6, "kind": "product", "target": mat.pk, "revision": 0}
    assert client.post(url, stale).status_code == 302
    assert client.post(url, {"block": "x"}).status_code == 302
    assert page.revisions.count() == revisions
    assert client.get(reverse("importer:suggestions", args=[999999])).status_code == 404


def test_suggestions_need_edit_permission(client, article_index):
    post_page = ArticlePage(title="Someone's article", slug="someones")
    article_index.add_child(instance=post_page)
    client.force_login(user("shopper"))
    response = client.get(reverse("importer:suggestions", args=[post_page.pk]))
    assert response.status_code == 403


def test_report_lists_articles_that_mention_products_without_a_callout(
    client, editor, article_index
):
    make_product(title="Cushioned Exercise Mat, 10 mm", upc="BB-MAT-05")
    make_product(title="Firm Foam Roller", upc="BB-ROLL-04")
    post(client, article_index, files=[upload("desk-breaks.txt")])
    post(client, article_index, text="No shopping here\n\nJust a walk in the park.\n")
    post(
        client,
        article_index,
        text="Roller day\n\nUse the foam roller.\n\n[product sku=BB-ROLL-04]\n",
    )
    response = client.get(reverse("articles_without_callouts_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Three desk breaks that keep your back moving" in html
    assert "Cushioned Exercise Mat, 10 mm" in html
    assert "No shopping here" not in html
    assert "Roller day" not in html
    csv = client.get(reverse("articles_without_callouts_report") + "?export=csv")
    assert csv.status_code == 200
    lines = b"".join(csv.streaming_content).decode().strip().splitlines()
    assert lines == [
        "Article,Status,Mentions",
        "Three desk breaks that keep your back moving,Draft,"
        '"Cushioned Exercise Mat, 10 mm"',
    ]
