"""Replace Wagtail's placeholder root page with the site's HomePage and the
article index at /articles/, so a fresh database already serves both."""

from django.db import migrations


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("blog.HomePage")
    ArticleIndexPage = apps.get_model("blog.ArticleIndexPage")

    if HomePage.objects.exists():
        return
    # Wagtail's initial migration adds a placeholder page at depth 2.
    Page.objects.filter(depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.first()

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="blog")
    index_type, _ = ContentType.objects.get_or_create(
        model="articleindexpage", app_label="blog"
    )
    home = HomePage.objects.create(
        title="Backbone",
        draft_title="Backbone",
        slug="home",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=1,
        url_path="/home/",
        locale=locale,
        live=True,
        intro="<p>Practical guides to back pain and core strength.</p>",
    )
    ArticleIndexPage.objects.create(
        title="Articles",
        draft_title="Articles",
        slug="articles",
        content_type=index_type,
        path=f"{home.path}0001",
        depth=3,
        numchild=0,
        url_path="/home/articles/",
        locale=locale,
        live=True,
        intro="<p>Everything we have written about backs, cores and recovery.</p>",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home,
                  "site_name": "Backbone"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
