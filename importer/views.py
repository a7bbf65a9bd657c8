"""The importer in Wagtail's admin: upload or paste articles, see the report
and open the drafts; and the suggested callouts of any article, each
inserted with one click."""

import uuid
from pathlib import PurePath

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from blog.models import ArticleIndexPage, ArticlePage

from .pages import import_document, report, stream_value
from .readers import FORMATS, SourceError, max_bytes, read_source
from .suggestions import Suggester, block_text

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
PASTED = "pasted"
PASTE_FORMATS = [("txt", "Plain text"), ("md", "Markdown"), ("html", "HTML")]


def addable_parents(user):
    """The article index pages `user` may add articles under."""
    return [
        page
        for page in ArticleIndexPage.objects.order_by("path")
        if page.permissions_for_user(user).can_add_subpage()
    ]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        required=False,
        help_text="Text (.txt), Markdown (.md), HTML, Word (.docx) or a WordPress "
        "export (.xml); add the images a Markdown or HTML file shows.",
    )
    text = forms.CharField(
        label="Or paste an article",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    text_format = forms.ChoiceField(
        label="Pasted text is", choices=PASTE_FORMATS, initial="txt"
    )
    parent = forms.ModelChoiceField(
        queryset=ArticleIndexPage.objects.none(), empty_label=None
    )
    publish = forms.BooleanField(
        required=False, help_text="Publish at once instead of saving drafts."
    )
    drafts = forms.BooleanField(
        label="WordPress drafts too",
        required=False,
        help_text="Also import posts that are drafts or pending in WordPress.",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = addable_parents(user)
        self.fields["parent"].queryset = ArticleIndexPage.objects.filter(
            pk__in=[page.pk for page in self.parents]
        )
        self.user = user

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = max_bytes()
        for upload in files:
            suffix = PurePath(upload.name).suffix.lower()
            if suffix not in FORMATS and suffix not in IMAGE_SUFFIXES:
                raise forms.ValidationError(
                    f"{upload.name}: the importer reads "
                    f"{', '.join(sorted(FORMATS))} and their images."
                )
            if upload.size > limit:
                raise forms.ValidationError(
                    f"{upload.name} is larger than {limit // 1048576} MB."
                )
        return files

    def clean(self):
        cleaned = super().clean()
        documents = [
            f
            for f in cleaned.get("files") or []
            if PurePath(f.name).suffix.lower() in FORMATS
        ]
        if not documents and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Choose a file to import or paste an article.")
        parent = cleaned.get("parent")
        if (
            cleaned.get("publish")
            and parent is not None
            and not parent.permissions_for_user(self.user).can_publish_subpage()
        ):
            self.add_error("publish", "You may not publish articles here.")
        return cleaned


class ImportView(WagtailAdminTemplateMixin, FormView):
    page_title = "Import articles"
    header_icon = "download"
    template_name = "importer/import.html"
    form_class = ImportForm

    def dispatch(self, request, *args, **kwargs):
        if not addable_parents(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        uploads = {f.name: f.read() for f in data["files"]}
        images = {
            name: content
            for name, content in uploads.items()
            if PurePath(name).suffix.lower() in IMAGE_SUFFIXES
        }
        sources = [
            (name, content) for name, content in uploads.items() if name not in images
        ]
        if data["text"].strip():
            sources.append((f"{PASTED}.{data['text_format']}", data["text"].encode()))
        results, errors, suggester = [], [], Suggester()
        for name, content in sources:
            try:
                documents = read_source(name, content, include_drafts=data["drafts"])
            except SourceError as error:
                errors.append(str(error))
                continue
            for document in documents:
                document.images.update(images)
                if name.startswith(PASTED):
                    # Pasted text has no file name: it is known by its title.
                    document.source = f"{PASTED}:{slugify(document.title)}"
                outcome = import_document(
                    document,
                    parent=data["parent"],
                    user=self.request.user,
                    publish=data["publish"],
                )
                outcome.suggestions = suggester.suggest(outcome.body)
                results.append({**report(outcome), "created": outcome.created})
        for error in errors:
            form.add_error("files", error)
        return self.render_to_response(
            self.get_context_data(form=form, results=results, errors=errors)
        )


def editable_article(request, page_id):
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


class SuggestionsView(WagtailAdminTemplateMixin, TemplateView):
    """The text blocks of an article's latest draft with the callouts its
    words suggest; each is inserted after its block with one click."""

    page_title = "Suggested callouts"
    header_icon = "link"
    template_name = "importer/suggestions.html"

    def dispatch(self, request, page_id):
        self.page = editable_article(request, page_id)
        self.draft = self.page.get_latest_revision_as_object()
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.draft.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.draft.get_admin_display_title(),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        body = list(self.draft.body.raw_data)
        suggestions = Suggester().suggest(body)
        rows = []
        for position, block in enumerate(body):
            offered = [s for s in suggestions if s["block"] == position]
            if offered:
                text = block_text(block["type"], block["value"])
                rows.append({"position": position, "text": text, "offered": offered})
        return super().get_context_data(
            page=self.page, rows=rows, revision_id=self.page.latest_revision_id
        )

    def post(self, request, page_id):
        try:
            position = int(request.POST["block"])
            kind = request.POST["kind"]
            target = int(request.POST["target"])
        except (KeyError, ValueError):
            messages.error(request, "That suggestion could not be read; try again.")
            return redirect("importer:suggestions", page_id)
        if request.POST.get("revision") != str(self.page.latest_revision_id):
            messages.error(
                request,
                "The article changed since the suggestions were shown: "
                "here they are again.",
            )
            return redirect("importer:suggestions", page_id)
        body = list(self.draft.body.raw_data)
        offered = Suggester().suggest(body)
        key = "product_id" if kind == "product" else "category_id"
        if not any(s["block"] == position and s.get(key) == target for s in offered):
            raise Http404("No such suggestion for this article.")
        if kind == "product":
            block_type, value = "product_callout", {"product": target}
        else:
            block_type, value = "category_callout", {"category": target}
        block = {
            "type": block_type,
            "value": stream_value(block_type, **value),
            "id": str(uuid.uuid4()),
        }
        body.insert(position + 1, block)
        self.draft.body = body
        self.draft.save_revision(user=request.user, log_action=True)
        messages.success(
            request,
            "Callout inserted in the draft after the paragraph that mentions it.",
        )
        return redirect("importer:suggestions", page_id)
