"""Demo legal documents: the accessibility statement in Polish and English and version 1 of the
privacy notice, written for this platform. Idempotent.

The four demo accounts have acknowledged version 1, so a demo tour is not interrupted; any other
account sees the notice at its first sign-in, and publishing a version 2 in the admin
(Ustawienia → Informacja RODO → Kopiuj → Opublikuj) shows the whole flow to everyone.

Addresses and telephone numbers of contacts are placeholders (`.example`, 58 000 00 00); the
buildings' descriptions say what the office fills in, not facts about a real building.
"""

from datetime import date

from django.db import transaction

from lms.legal import services
from lms.legal.blocks import IssueKind
from lms.legal.models import AccessibilityStatement, PrivacyNotice
from lms.users.models import User

DEMO_ACCOUNTS = [
    f"{name}@centrum-kompetencji.example" for name in ("admin", "trener", "koordynator", "kursant")
]
ENTITY = {
    "pl": "Urząd Marszałkowski Województwa Pomorskiego",
    "en": "The Marshal's Office of the Pomorskie Voivodeship",
}
ADDRESS = "ul. Okopowa 21/27, 80-810 Gdańsk"
CONTACT_EMAIL = "dostepnosc@centrum-kompetencji.example"
PHONE = "58 000 00 00"

STATEMENTS = {
    "pl": {
        "site_name": (
            "Platforma szkoleniowa Pomorskiego Samorządowego Centrum Kompetencji "
            "w zakresie Wsparcia Imigrantów"
        ),
        "issues": [
            (
                IssueKind.NON_COMPLIANT,
                "Część dokumentów (PDF, DOCX) dołączonych przez trenerów do lekcji nie ma "
                "struktury nagłówków ani tekstów alternatywnych dla ilustracji.",
                "Na prośbę przygotujemy dostępną wersję dokumentu albo przekażemy jego treść "
                "w inny sposób – napisz na adres podany niżej.",
            ),
            (
                IssueKind.NON_COMPLIANT,
                "Panel administracyjny, z którego korzystają trenerzy i koordynatorzy, nie "
                "w każdym miejscu jest w pełni obsługiwany czytnikiem ekranu (np. niektóre pola "
                "edytora bloków treści nie mają powiązanej etykiety).",
                "Kursy, wyniki i raporty przygotuje na prośbę administrator platformy.",
            ),
            (
                IssueKind.EXEMPT,
                "Filmy z serwisów YouTube i Vimeo osadzone w lekcjach: odtwarzacz dostarcza "
                "serwis zewnętrzny, który nie jest pod kontrolą podmiotu (treści pochodzące od "
                "osób trzecich, art. 3 ust. 2 ustawy). Każdy film ma w lekcji transkrypcję albo "
                "odnośnik do napisów.",
                "",
            ),
        ],
        "assessment_details": (
            "Każda zmiana platformy jest sprawdzana automatycznie narzędziem axe-core "
            "(kryteria WCAG 2.1 na poziomach A i AA) w przeglądarce Chromium. Główne ścieżki – "
            "logowanie, kurs, test, zaświadczenie – sprawdzamy także z samej klawiatury."
        ),
        "additional_information": (
            "Na początku każdej strony jest odnośnik „Przejdź do treści”. Platforma działa "
            "na telefonach i przy powiększeniu tekstu do 200%. Interfejs jest dostępny po "
            "polsku i po angielsku (przełącznik języka w nagłówku)."
        ),
        "contact_name": "Koordynator ds. dostępności Centrum Kompetencji",
        "complaints_to": (
            f"Marszałek Województwa Pomorskiego\nUrząd Marszałkowski Województwa Pomorskiego\n"
            f"{ADDRESS}\ne-mail: kancelaria@centrum-kompetencji.example"
        ),
        "building": (
            "Siedziba Urzędu Marszałkowskiego Województwa Pomorskiego",
            "Treść demonstracyjna: opis budynku urząd uzupełnia na podstawie przeglądu "
            "dostępności architektonicznej – wejścia i podjazdy, windy, toalety dla osób "
            "z niepełnosprawnościami, miejsca parkingowe, pętle indukcyjne, oznaczenia "
            "w alfabecie Braille'a i wstęp z psem asystującym.",
        ),
        "communication": (
            "Z Centrum Kompetencji skontaktujesz się e-mailem, telefonicznie i listownie "
            "(dane powyżej); osoby głuche i słabosłyszące mogą napisać e-mail.\n\n"
            "Treść demonstracyjna: informację o tłumaczu polskiego języka migowego online "
            "i o pętlach indukcyjnych urząd uzupełnia."
        ),
    },
    "en": {
        "site_name": (
            "The training platform of the Pomorskie Local Government Competence Centre "
            "for Immigrant Support"
        ),
        "issues": [
            (
                IssueKind.NON_COMPLIANT,
                "Some documents (PDF, DOCX) that trainers attach to lessons have no heading "
                "structure and no text alternatives for their pictures.",
                "On request we prepare an accessible version of the document or pass on its "
                "content another way – write to the address below.",
            ),
            (
                IssueKind.NON_COMPLIANT,
                "The administration panel used by trainers and coordinators is not everywhere "
                "fully usable with a screen reader (e.g. some fields of the content block editor "
                "have no associated label).",
                "On request the platform's administrator prepares courses, results and reports.",
            ),
            (
                IssueKind.EXEMPT,
                "YouTube and Vimeo videos embedded in lessons: the player is provided by an "
                "external service outside the body's control (third-party content, art. 3(2) of "
                "the act). Every video has a transcript or a link to captions in its lesson.",
                "",
            ),
        ],
        "assessment_details": (
            "Every change of the platform is checked automatically with axe-core (WCAG 2.1 "
            "levels A and AA) in the Chromium browser. The main paths – signing in, a course, "
            "a test, a certificate – are also checked with the keyboard alone."
        ),
        "additional_information": (
            "Every page starts with a “Skip to content” link. The platform works on phones and "
            "with text enlarged to 200%. The interface is available in Polish and English "
            "(language switch in the header)."
        ),
        "contact_name": "Accessibility coordinator of the Competence Centre",
        "complaints_to": (
            f"The Marshal of the Pomorskie Voivodeship\n"
            f"The Marshal's Office of the Pomorskie Voivodeship\n{ADDRESS}\n"
            f"e-mail: kancelaria@centrum-kompetencji.example"
        ),
        "building": (
            "Seat of the Marshal's Office of the Pomorskie Voivodeship",
            "Demo content: the office fills in the description of the building after its "
            "review of architectural accessibility – entrances and ramps, lifts, accessible "
            "toilets, parking spaces, induction loops, Braille signs and entry with an "
            "assistance dog.",
        ),
        "communication": (
            "You can contact the Competence Centre by e-mail, by telephone and by post "
            "(details above); Deaf and hard-of-hearing people can write an e-mail.\n\n"
            "Demo content: the office fills in the information on an online Polish Sign "
            "Language interpreter and on induction loops."
        ),
    },
}


def _statement(language: str, text: dict) -> AccessibilityStatement:
    name, description = text["building"]
    return AccessibilityStatement(
        language=language,
        entity=ENTITY[language],
        site_name=text["site_name"],
        published_on=date(2026, 2, 2),
        updated_on=date(2026, 10, 5),
        status=AccessibilityStatement.Status.PARTIAL,
        issues=[
            ("issue", {"kind": kind, "description": desc, "location": "", "alternative": alt})
            for kind, desc, alt in text["issues"]
        ],
        prepared_on=date(2026, 3, 20),
        reviewed_on=date(2026, 3, 27),
        assessment=AccessibilityStatement.Assessment.SELF,
        assessment_details=text["assessment_details"],
        additional_information=text["additional_information"],
        contact_name=text["contact_name"],
        contact_email=CONTACT_EMAIL,
        contact_phone=PHONE,
        complaints_to=text["complaints_to"],
        buildings=[("building", {"name": name, "address": ADDRESS, "description": description})],
        communication=text["communication"],
    )


def _purpose(purpose, data, basis, details, recipients, retention):
    return (
        "purpose",
        {
            "purpose": purpose,
            "data": data,
            "legal_basis": basis,
            "legal_basis_details": details,
            "recipients": recipients,
            "retention": retention,
        },
    )


PURPOSES = [
    _purpose(
        "Prowadzenie konta i dokumentowanie szkoleń",
        "Imię, nazwisko, adres e-mail, stanowisko i jednostka; zapisy na szkolenia, postępy "
        "w lekcjach i wyniki testów.",
        "e",
        "Zadania samorządu województwa w zakresie podnoszenia kompetencji kadr administracji "
        "samorządowej (ustawa z dnia 5 czerwca 1998 r. o samorządzie województwa).",
        "Koordynatorzy szkoleń Twojej jednostki i jednostek nadrzędnych, trenerzy Twoich "
        "kursów, administratorzy platformy.",
        "Przez czas istnienia konta. Po jego usunięciu wyniki szkoleń zostają wyłącznie "
        "w statystykach, bez danych osobowych.",
    ),
    _purpose(
        "Wystawianie i weryfikacja zaświadczeń",
        "Imię i nazwisko, kurs, liczba godzin, data ukończenia, numer i kod zaświadczenia.",
        "e",
        "",
        "Każdy, komu pokażesz zaświadczenie albo podasz jego kod: strona weryfikacji pokazuje "
        "imię i nazwisko osoby, która je otrzymała.",
        "Wpis w rejestrze wydanych zaświadczeń – przez okres przechowywania dokumentacji "
        "szkoleń; plik PDF – do usunięcia konta.",
    ),
    _purpose(
        "Zapisanie pracowników na szkolenia przez pracodawcę",
        "Imię, nazwisko, adres e-mail, stanowisko i jednostka z listy pracowników przekazanej "
        "przez Twój urząd lub jednostkę.",
        "e",
        "Dane przekazuje Twój pracodawca (art. 14 RODO).",
        "Koordynator szkoleń jednostki, która wczytała listę, administratorzy platformy.",
        "Wczytany plik i jego podgląd usuwamy automatycznie po 30 dniach; konto i zapisy na "
        "szkolenia – jak w celu „Prowadzenie konta”.",
    ),
    _purpose(
        "Monitorowanie projektu współfinansowanego z Europejskiego Funduszu Społecznego Plus",
        "Dane uczestnika projektu potrzebne do wskaźników EFS+ (m.in. płeć, wiek, "
        "wykształcenie, status na rynku pracy); dane szczególnych kategorii (np. "
        "o niepełnosprawności) – tylko jeśli zechcesz je podać.",
        "c",
        "Art. 6 ust. 1 lit. c i art. 9 ust. 2 lit. g RODO w związku z rozporządzeniami (UE) "
        "2021/1057 i 2021/1060 oraz ustawą z dnia 28 kwietnia 2022 r. o zasadach realizacji "
        "zadań finansowanych ze środków europejskich w perspektywie finansowej 2021–2027.",
        "Instytucja Zarządzająca programem Fundusze Europejskie dla Pomorza 2021–2027, minister "
        "właściwy do spraw rozwoju regionalnego (centralny system teleinformatyczny CST2021), "
        "podmioty przeprowadzające na ich zlecenie kontrole, audyty i ewaluacje.",
        "Do końca okresu przechowywania dokumentacji projektu określonego w umowie "
        "o dofinansowanie.",
    ),
    _purpose(
        "Ankiety po szkoleniach",
        "Odpowiedzi w ankiecie oceniającej szkolenie.",
        "e",
        "Ocena jakości szkoleń i ewaluacja projektu.",
        "Trenerzy i zespół Centrum Kompetencji (wyłącznie zestawienia zbiorcze), ewaluatorzy "
        "projektu.",
        "Do zakończenia ewaluacji projektu.",
    ),
    _purpose(
        "Bezpieczeństwo platformy",
        "Adres IP, czas logowania, nieudane próby logowania, wpisy dziennika bezpieczeństwa "
        "(kto i kiedy przeglądał lub eksportował dane osobowe).",
        "c",
        "Art. 32 RODO: obowiązek zapewnienia bezpieczeństwa przetwarzania.",
        "Administratorzy platformy, dostawca usług hostingu.",
        "Dziennik bezpieczeństwa – 365 dni; zapisy nieudanych logowań – do wygaśnięcia blokady.",
    ),
]

NOTICE = {
    "controller": (
        "Administratorem Twoich danych osobowych jest Województwo Pomorskie, reprezentowane "
        f"przez Zarząd Województwa Pomorskiego, z siedzibą w Urzędzie Marszałkowskim "
        f"Województwa Pomorskiego, {ADDRESS}. Platformę prowadzi Pomorskie Samorządowe "
        "Centrum Kompetencji w zakresie Wsparcia Imigrantów; kontakt: "
        "centrum@centrum-kompetencji.example."
    ),
    "dpo_contact": (
        "Z inspektorem ochrony danych skontaktujesz się e-mailem: "
        "iod@centrum-kompetencji.example albo listownie na adres siedziby administratora "
        "z dopiskiem „Inspektor ochrony danych”."
    ),
    "data_sources": (
        "Większość danych podajesz sam(a) albo powstają one podczas nauki. Imię, nazwisko, "
        "adres e-mail, stanowisko i jednostkę może przekazać Twój pracodawca (urząd lub "
        "jednostka samorządowa), zapisując Cię na szkolenia."
    ),
    "recipients": (
        "Podmioty, które przetwarzają dane na zlecenie administratora na podstawie umów "
        "powierzenia: dostawca usług hostingu i poczty elektronicznej oraz wykonawca "
        "utrzymujący platformę."
    ),
    "transfers": (
        "Nie przekazujemy Twoich danych do państw spoza Europejskiego Obszaru Gospodarczego ani "
        "do organizacji międzynarodowych."
    ),
    "rights": (
        "Masz prawo dostępu do swoich danych i otrzymania ich kopii, ich sprostowania, "
        "usunięcia (gdy nie są już potrzebne i nie musimy ich przechowywać z mocy prawa), "
        "ograniczenia przetwarzania oraz sprzeciwu wobec przetwarzania w interesie publicznym "
        "(art. 6 ust. 1 lit. e RODO). Prawo do przenoszenia danych nie dotyczy przetwarzania "
        "w interesie publicznym ani na podstawie obowiązku prawnego; kopię swoich danych "
        "pobierzesz jednak w formacie JSON na stronie profilu.\n\n"
        "Zgodę na przetwarzanie danych szczególnych kategorii możesz wycofać w każdej chwili; "
        "nie wpływa to na zgodność z prawem przetwarzania przed jej wycofaniem."
    ),
    "requirement": (
        "Imię, nazwisko i adres e-mail są potrzebne, by prowadzić Twoje konto i wystawić "
        "zaświadczenie: bez nich nie weźmiesz udziału w szkoleniu. Dane do monitorowania EFS+ "
        "są wymogiem umowy o dofinansowanie projektu: bez nich nie możemy wliczyć Cię do "
        "uczestników projektu. Podanie danych szczególnych kategorii jest dobrowolne."
    ),
    "automated_decisions": (
        "Nie podejmujemy wobec Ciebie decyzji w sposób zautomatyzowany i nie profilujemy Cię. "
        "Wyniki testów są liczone automatycznie według zasad opisanych przy każdym teście; "
        "każdy wynik wyjaśni trener."
    ),
}


@transaction.atomic
def load_demo(*, stdout=None) -> None:
    for language, text in STATEMENTS.items():
        if not AccessibilityStatement.objects.filter(language=language).exists():
            _statement(language, text).save()
    if not PrivacyNotice.objects.exists():
        notice = PrivacyNotice.objects.create(purposes=PURPOSES, **NOTICE)
        services.publish_privacy_notice(notice=notice, by=None)
    notice = PrivacyNotice.objects.filter(version=1).first()
    if notice is None:
        return
    for user in User.objects.filter(email__in=DEMO_ACCOUNTS):
        services.acknowledge_privacy_notice(user=user, notice=notice)
