"""The Author, Reviewer and Topic snippets; the reference marker of article
text; the editor's content checks; the reports of product callouts to fix,
reviews due and article checks, and the dashboard's count of reviews due."""

from django.urls import path, reverse
from django.utils.html import format_html
from draftjs_exporter.dom import DOM
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import (
    InlineEntityElementHandler,
)
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.rich_text import LinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .editorial_checks import RULES
from .models import Author, Reviewer, Topic
from .reports import (
    ArticleChecksReportView,
    CalloutProblemsReportView,
    PageReportMenuItem,
    ReviewsDueReportView,
    may_edit_pages,
    review_due_rows,
)


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class ReviewerViewSet(SnippetViewSet):
    model = Reviewer
    icon = "user"
    menu_label = "Reviewers"
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["name", "credentials", "registration"]
    search_fields = ["name", "credentials"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(AuthorViewSet)
register_snippet(ReviewerViewSet)
register_snippet(TopicViewSet)


#: (view, URL slug, menu item name, icon, menu order)
REPORTS = (
    (
        CalloutProblemsReportView,
        "product-callouts",
        "product-callouts-to-fix",
        "warning",
        650,
    ),
    (ReviewsDueReportView, "reviews-due", "reviews-due", "calendar-alt", 660),
    (ArticleChecksReportView, "article-checks", "article-checks", "tasks", 670),
)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = []
    for view, slug, *_ in REPORTS:
        urls += [
            path(f"reports/{slug}/", view.as_view(), name=view.index_url_name),
            path(
                f"reports/{slug}/results/",
                view.as_view(results_only=True),
                name=view.index_results_url_name,
            ),
        ]
    return urls


def report_menu_hook(view, slug, name, icon, order):
    def menu_item():
        return PageReportMenuItem(
            view.page_title,
            reverse(view.index_url_name),
            name=name,
            icon_name=icon,
            order=order,
        )

    return menu_item


for report in REPORTS:
    hooks.register("register_reports_menu_item", report_menu_hook(*report))


class ReviewsDuePanel(Component):
    """The editors' dashboard: how many articles are due for medical review."""

    name = "reviews_due"
    order = 90

    def render_html(self, parent_context=None):
        count = len(review_due_rows())
        if not count:
            return ""
        noun = "article is" if count == 1 else "articles are"
        return format_html(
            '<section class="panel" data-reviews-due="{}"><p>'
            '<a href="{}">{} {} due for medical review</a> '
            "(overdue or due within 30 days).</p></section>",
            count,
            reverse(ReviewsDueReportView.index_url_name),
            count,
            noun,
        )


@hooks.register("construct_homepage_panels")
def add_reviews_due_panel(request, panels):
    if may_edit_pages(request.user):
        panels.append(ReviewsDuePanel())


class ReferenceLinkHandler(LinkHandler):
    """A reference marker, <a linktype="reference" number="N">, links to
    entry N of the article's references; the entry links back to it."""

    identifier = "reference"

    @staticmethod
    def expand_db_attributes(attrs):
        number = attrs.get("number", "")
        if not number.isdigit():
            return "<a>"
        return format_html(
            '<a class="reference-marker" href="#ref-{0}" id="cite-ref-{0}" '
            'aria-label="Reference {0}">',
            int(number),
        )


class ReferenceElementHandler(InlineEntityElementHandler):
    mutability = "IMMUTABLE"

    def get_attribute_data(self, attrs):
        return {"number": attrs.get("number", "")}


def reference_entity(props):
    return DOM.create_element(
        "a", {"linktype": "reference", "number": props.get("number")}, props["children"]
    )


@hooks.register("register_rich_text_features")
def register_reference_marker(features):
    features.register_link_type(ReferenceLinkHandler)
    features.register_editor_plugin(
        "draftail",
        "reference",
        draftail_features.EntityFeature(
            {
                "type": "REFERENCE",
                "icon": "doc-full",
                "description": "Reference marker: cite an entry of the references",
            },
            js=["blog/js/reference-marker.js"],
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "reference",
        {
            "from_database_format": {
                'a[linktype="reference"]': ReferenceElementHandler("REFERENCE")
            },
            "to_database_format": {
                "entity_decorators": {"REFERENCE": reference_entity}
            },
        },
    )


class ArticleChecksItem(ContentCheckerItem):
    """Wagtail's content checker plus the editorial rules: an article's
    preview carries an empty marker per broken rule (blog/article_page.html),
    which axe's has-visible-text check reports."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, *(rule.id for rule in RULES)]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        *(
            {
                "id": rule.id,
                "impact": "serious",
                "selector": f'[data-article-check="{rule.id}"]',
                "excludeHidden": False,
                "tags": ["best-practice"],
                "any": ["has-visible-text"],
                "enabled": True,
            }
            for rule in RULES
        ),
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        **{
            rule.id: {"error_name": rule.problem, "help_text": rule.advice}
            for rule in RULES
        },
    }


@hooks.register("construct_wagtail_userbar")
def add_article_checks(request, items, page):
    items[:] = [
        ArticleChecksItem(item.in_editor)
        if isinstance(item, ContentCheckerItem)
        else item
        for item in items
    ]
