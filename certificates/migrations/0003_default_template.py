from django.db import migrations

BODY = (
    "Niniejszym zaświadcza się, że\n"
    "{name}\n"
    "ukończył(a) szkolenie „{course}” w wymiarze {hours} godz.,\n"
    "zrealizowane w ramach Pomorskiego Samorządowego Centrum Kompetencji "
    "w zakresie Wsparcia Imigrantów.\n"
    "Data ukończenia: {date}."
)


def create_default_template(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    CertificateSignature = apps.get_model("certificates", "CertificateSignature")
    if CertificateTemplate.objects.filter(is_default=True).exists():
        return
    template = CertificateTemplate.objects.create(
        name="Zaświadczenie – szablon domyślny",
        heading="Zaświadczenie",
        body=BODY,
        orientation="landscape",
        accent_colour="#0b4f8a",
        is_default=True,
    )
    CertificateSignature.objects.create(
        template=template,
        sort_order=0,
        name="Koordynator Centrum Kompetencji",
        role="Pomorskie Samorządowe Centrum Kompetencji w zakresie Wsparcia Imigrantów",
    )


class Migration(migrations.Migration):
    dependencies = [("certificates", "0002_pdf_pipeline_templates_events")]

    operations = [migrations.RunPython(create_default_template, migrations.RunPython.noop)]
