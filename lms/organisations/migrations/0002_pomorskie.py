"""The Pomorskie voivodeship, its 16 counties and 4 cities with county rights (TERYT codes)."""

from django.db import migrations

REGION = ("Województwo pomorskie", "22")
COUNTIES = [
    ("Powiat bytowski", "2201"),
    ("Powiat chojnicki", "2202"),
    ("Powiat człuchowski", "2203"),
    ("Powiat gdański", "2204"),
    ("Powiat kartuski", "2205"),
    ("Powiat kościerski", "2206"),
    ("Powiat kwidzyński", "2207"),
    ("Powiat lęborski", "2208"),
    ("Powiat malborski", "2209"),
    ("Powiat nowodworski", "2210"),
    ("Powiat pucki", "2211"),
    ("Powiat słupski", "2212"),
    ("Powiat starogardzki", "2213"),
    ("Powiat tczewski", "2214"),
    ("Powiat wejherowski", "2215"),
    ("Powiat sztumski", "2216"),
]
CITIES = [
    ("Gdańsk", "2261"),
    ("Gdynia", "2262"),
    ("Słupsk", "2263"),
    ("Sopot", "2264"),
]


def create_units(apps, schema_editor):
    # Historical models have no treebeard API: write the materialised paths directly
    # (steplen 4, alphabet 0-9A-Z, children sorted by name as node_order_by says).
    unit_model = apps.get_model("organisations", "OrganisationUnit")
    if unit_model.objects.filter(code=REGION[1]).exists():
        return

    def key(number):
        alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        out = ""
        for _ in range(4):
            number, rest = divmod(number, 36)
            out = alphabet[rest] + out
        return out

    root_path = key(unit_model.objects.filter(depth=1).count() + 1)
    children = sorted(
        [(name, code, "county") for name, code in COUNTIES]
        + [(name, code, "city_county") for name, code in CITIES]
    )
    unit_model.objects.create(
        name=REGION[0],
        code=REGION[1],
        unit_type="region",
        path=root_path,
        depth=1,
        numchild=len(children),
    )
    unit_model.objects.bulk_create(
        unit_model(
            name=name,
            code=code,
            unit_type=unit_type,
            path=root_path + key(index),
            depth=2,
            numchild=0,
        )
        for index, (name, code, unit_type) in enumerate(children, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(create_units, migrations.RunPython.noop)]
