"""Replace Wagtail's placeholder root page with the Competence Centre's home page."""

from django.db import migrations

LEAD = (
    "Szkolenia online dla pracowników gmin, powiatów i ich jednostek, którzy obsługują "
    "cudzoziemców i wspierają ich integrację w województwie pomorskim."
)


def create_homepage(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    site_model = apps.get_model("wagtailcore", "Site")
    locale_model = apps.get_model("wagtailcore", "Locale")
    home_model = apps.get_model("home", "HomePage")
    if home_model.objects.exists():
        return

    page_model.objects.filter(id=2, depth=2, slug="home").delete()
    content_type, _ = content_type_model.objects.get_or_create(model="homepage", app_label="home")
    locale, _ = locale_model.objects.get_or_create(language_code="pl")
    root = page_model.objects.get(depth=1)
    home = home_model.objects.create(
        title="Centrum Kompetencji",
        draft_title="Centrum Kompetencji",
        slug="home",
        content_type=content_type,
        path=root.path + "0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        lead=LEAD,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    site_model.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Centrum Kompetencji"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
