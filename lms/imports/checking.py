"""Checking the rows of a staff list before anything is imported: for each row, who the person
is (new, existing, or someone the importer may not manage), which unit and courses it names, and
the Polish messages for what is wrong. Read-only: a check is a handful of queries whatever the
size of the file (units by code, live courses, existing people by e-mail, their assignments).
The batch workflow that stores, checks again and applies is `lms.imports.services`.
"""

import re
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from courses.editions import current_only
from courses.models import Assignment, CoursePage
from lms.imports.models import RowStatus
from lms.imports.reading import FIELDS, simplify
from lms.organisations.models import OrganisationUnit
from lms.users.models import User, UserManager
from lms.users.roles import coordinated_units

PROGRESS_EVERY = 500  # rows between two progress writes
QUERY_CHUNK = 5000  # e-mails per `IN (...)` query
MAX_LENGTHS = {"first_name": 150, "last_name": 150, "job_title": 200}


class Catalogue:
    """Live courses by slug or title (case- and, failing that, diacritics-insensitive); a title
    names the current edition of a course (courses.editions), a slug any live edition."""

    def __init__(self):
        self.titles = {}
        self.by_key = defaultdict(set)
        current = set(current_only(CoursePage.objects.live()).values_list("pk", flat=True))
        for pk, title, slug in CoursePage.objects.live().values_list("pk", "title", "slug"):
            self.titles[pk] = title
            self.by_key[slug.casefold()].add(pk)
            if pk in current:
                self.by_key[self._exact(title)].add(pk)
                self.by_key["~" + simplify(title)].add(pk)

    @staticmethod
    def _exact(text: str) -> str:
        return re.sub(r"\s*([,;])\s*", r"\1", " ".join(text.casefold().split()))

    def find(self, text: str) -> set:
        return self.by_key.get(self._exact(text)) or self.by_key.get("~" + simplify(text)) or set()

    def parse(self, cell: str) -> tuple[list[int], list[str]]:
        """(course ids, error messages) for a cell listing courses.

        Courses are separated by "|" or a line break, or by "," or ";" – unless the comma belongs
        to a course's title ("Obsługa cudzoziemców, część 1"): the longest run that names a
        course wins.
        """
        ids, errors = [], []
        for part in re.split(r"\|", cell):
            pieces = re.split(r"([,;])", part)  # text, separator, text, ...
            texts = pieces[0::2]
            start = 0
            while start < len(texts):
                for end in range(len(texts), start, -1):
                    text = "".join(pieces[2 * start : 2 * end - 1]).strip()
                    found = self.find(text) if text else set()
                    if found or end == start + 1:
                        break
                if text and not found:
                    errors.append(_("Nieznany kurs „%(course)s”.") % {"course": text})
                elif len(found) > 1:
                    errors.append(
                        _(
                            "„%(course)s” pasuje do kilku kursów – wpisz identyfikator kursu "
                            "z jego adresu."
                        )
                        % {"course": text}
                    )
                elif found:
                    (course_id,) = found
                    if course_id not in ids:
                        ids.append(course_id)
                start = end
        return ids, errors


def check_rows(*, records: list[dict], owner: User, progress=None) -> list[dict]:
    """What each record would do when imported by `owner`.

    Each row is the record plus: "key" (the normalised e-mail), "status" (a RowStatus),
    "errors" (Polish messages), "unit" (the unit's name, when the owner may see it), "assign" and
    "already" (course titles to assign / already assigned), and for applying "user_id",
    "unit_id" and "course_ids". People outside a coordinator's units are never described: their
    rows say only that the address belongs to someone the coordinator cannot manage.
    """
    scope = coordinated_units(owner)
    allowed = (
        None
        if scope is None
        else set(OrganisationUnit.objects.within(scope).values_list("pk", flat=True))
    )
    keys = {UserManager.normalize_email(record["email"]) for record in records}
    keys.discard("")
    codes = {record["unit_code"] for record in records if record["unit_code"]}
    units = {
        code.casefold(): (pk, name)
        for pk, code, name in OrganisationUnit.objects.filter(
            code__in=codes | {code.upper() for code in codes}
        ).values_list("pk", "code", "name")
    }
    people = {}
    for chunk in _chunks(sorted(keys)):
        for person in User.objects.filter(email__in=chunk).values(
            "pk", "email", "unit_id", "is_active"
        ):
            people[person["email"]] = person
    visible = [p["pk"] for p in people.values() if allowed is None or p["unit_id"] in allowed]
    assigned = set()
    for chunk in _chunks(visible):
        assigned.update(
            Assignment.objects.filter(user_id__in=chunk).values_list("user_id", "course_id")
        )
    catalogue = Catalogue()

    rows, first_seen = [], {}
    total = len(records)
    for number, record in enumerate(records, start=1):
        row = _check(
            record,
            owner_scope=allowed,
            units=units,
            people=people,
            assigned=assigned,
            catalogue=catalogue,
            first_seen=first_seen,
        )
        rows.append(row)
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == total):
            progress(number, total)
    return rows


def _check(record, *, owner_scope, units, people, assigned, catalogue, first_seen) -> dict:
    errors = []
    key = UserManager.normalize_email(record["email"])
    row = {
        **{name: record[name] for name in ("row", *FIELDS)},
        "key": key,
        "unit": "",
        "assign": [],
        "already": [],
        "user_id": None,
        "unit_id": None,
        "course_ids": [],
    }

    valid_email = bool(key) and _is_email(key)
    if not key:
        errors.append(_("Brak adresu e-mail."))
    elif not valid_email:
        errors.append(_("Nieprawidłowy adres e-mail „%(email)s”.") % {"email": record["email"]})
    elif key in first_seen:
        errors.append(
            _("Ten adres e-mail już wystąpił w wierszu %(row)d.") % {"row": first_seen[key]}
        )
    else:
        first_seen[key] = record["row"]
    person = people.get(key) if key else None
    may_see_person = person is not None and (
        owner_scope is None or person["unit_id"] in owner_scope
    )

    code = record["unit_code"]
    if code:
        unit = units.get(code.casefold())
        if unit is None:
            errors.append(_("Nieznany kod jednostki „%(code)s”.") % {"code": code})
        elif owner_scope is not None and unit[0] not in owner_scope:
            errors.append(
                _("Jednostka o kodzie „%(code)s” jest poza zakresem Twoich uprawnień.")
                % {"code": code}
            )
        else:
            row["unit_id"], row["unit"] = unit
    elif person is None and owner_scope is not None and valid_email:
        errors.append(
            _("Brak kodu jednostki – nowa osoba musi należeć do jednej z Twoich jednostek.")
        )

    if person is not None:
        if not may_see_person:
            errors.append(
                _(
                    "Osoba o tym adresie e-mail ma już konto w jednostce spoza zakresu Twoich "
                    "uprawnień."
                )
            )
        elif not person["is_active"]:
            errors.append(_("Konto osoby o tym adresie e-mail jest wyłączone."))
        row["user_id"] = person["pk"] if may_see_person else None
    elif valid_email:
        if not record["first_name"]:
            errors.append(_("Brak imienia (wymagane dla nowego użytkownika)."))
        if not record["last_name"]:
            errors.append(_("Brak nazwiska (wymagane dla nowego użytkownika)."))
    for name, limit in MAX_LENGTHS.items():
        if len(record[name]) > limit:
            errors.append(
                _("Za długa wartość w kolumnie „%(column)s” (najwyżej %(max)d znaków).")
                % {"column": COLUMN_LABELS[name], "max": limit}
            )

    course_ids, course_errors = catalogue.parse(record["courses"])
    errors.extend(course_errors)
    for course_id in course_ids:
        title = catalogue.titles[course_id]
        if may_see_person and (person["pk"], course_id) in assigned:
            row["already"].append(title)
        else:
            row["assign"].append(title)
            row["course_ids"].append(course_id)

    row["errors"] = errors
    if errors:
        row["status"] = RowStatus.ERROR.value
        row["user_id"] = None
    elif person is not None:
        row["status"] = RowStatus.EXISTING.value
    else:
        row["status"] = RowStatus.NEW.value
    return row


COLUMN_LABELS = {"first_name": "imię", "last_name": "nazwisko", "job_title": "stanowisko"}


def _is_email(value: str) -> bool:
    if len(value) > 254:
        return False
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), QUERY_CHUNK):
        yield items[start : start + QUERY_CHUNK]
