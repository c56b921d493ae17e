"""The demo catalogue: one full course and four short ones, one per programme area.

Loaded by `manage.py load_demo` (through the "lms_load_demo" hook) and so by `make run`.
Idempotent: pages are found by slug, and a course that already exists is left exactly as it is
(an editor may have changed it), so running the loader again changes nothing.

Content is module-level data (Polish, for the learners); the builders at the bottom turn it into
live Wagtail pages with a published revision each.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from courses import services
from courses.models import (
    CompletionRule,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentMode,
    LessonPage,
    Level,
    QuizPage,
    ThematicArea,
)
from lms.home.models import HomePage

LEARNER_EMAIL = "kursant@centrum-kompetencji.example"
COORDINATOR_EMAIL = "koordynator@centrum-kompetencji.example"
MAIN_COURSE_SLUG = "standardy-obslugi-cudzoziemcow"
DEMO_LESSONS_DONE = 2  # the demo learner has finished this many lessons of the main course

# Fallbacks only: a data migration (courses 0002) creates the areas.
AREA_NAMES = {
    "edukacja": "Edukacja",
    "zdrowie": "Zdrowie",
    "zatrudnienie": "Zatrudnienie",
    "kultura-i-integracja": "Kultura i integracja społeczna",
    "bezpieczenstwo-i-pomoc-spoleczna": "Bezpieczeństwo i pomoc społeczna",
}

QUIZ_SETTINGS = {
    "pass_mark_percent": 70,
    "max_attempts": 3,
    "shuffle_questions": True,
    "shuffle_answers": True,
    "time_limit_minutes": None,
}


# --- StreamField helpers: (block type, value) pairs for LessonStreamBlock and QuizStreamBlock ----


def text(html):
    return ("rich_text", html)


def heading(title, level="h2"):
    return ("heading", {"text": title, "level": level})


def callout(kind, title, html):
    """kind: "tip", "warning" or "legal"."""
    return ("callout", {"kind": kind, "title": title, "text": html})


def accordion(title, items):
    """items: (question, answer HTML) pairs."""
    return (
        "accordion",
        {"title": title, "items": [{"question": q, "answer": a} for q, a in items]},
    )


def case_study(title, situation, questions, commentary):
    return (
        "case_study",
        {"title": title, "situation": situation, "questions": questions, "commentary": commentary},
    )


def quote(words, source):
    return ("quote", {"quote": words, "source": source})


def self_check(question, answer):
    return ("self_check", {"question": question, "answer": answer})


def _choice(block_type, question, answers, explanation):
    return (
        block_type,
        {
            "question": question,
            "answers": [{"text": answer, "correct": correct} for answer, correct in answers],
            "explanation": f"<p>{explanation}</p>",
        },
    )


def single(question, answers, explanation):
    """answers: (text, correct) pairs, exactly one correct."""
    return _choice("single_choice", question, answers, explanation)


def multiple(question, answers, explanation):
    """answers: (text, correct) pairs, at least one correct and (for the demo) one wrong."""
    return _choice("multiple_choice", question, answers, explanation)


def true_false(statement, correct, explanation):
    return (
        "true_false",
        {"question": statement, "correct": correct, "explanation": f"<p>{explanation}</p>"},
    )


# --- The catalogue page ---------------------------------------------------------------------------

CATALOGUE = {
    "title": "Katalog szkoleń",
    "slug": "szkolenia",
    "intro": (
        "Bezpłatne szkolenia online Pomorskiego Samorządowego Centrum Kompetencji w zakresie "
        "Wsparcia Imigrantów dla pracowników samorządów województwa pomorskiego. Kursy obejmują "
        "obszary, w których wypracowywano standardy obsługi imigrantów: edukację, zdrowie, "
        "zatrudnienie, kulturę i integrację społeczną oraz bezpieczeństwo i pomoc społeczną."
    ),
}


# --- Main course: Standardy obsługi cudzoziemców w urzędzie gminy ----------------------------------

LESSON_STATUS = [
    text(
        "<p>W polskim prawie <b>cudzoziemcem</b> jest każda osoba, która nie ma obywatelstwa polskiego. To bardzo zróżnicowana grupa: student z Indii, pracownik sezonowy z Kolumbii, rodzina z Ukrainy objęta ochroną czasową, obywatelka Niemiec, która przeprowadziła się do męża. Każda z tych osób przebywa w Polsce na innej podstawie i ma inne prawa oraz obowiązki.</p>"
        "<p>Pracownik urzędu gminy nie rozstrzyga o legalności pobytu – robią to inne organy. Powinien jednak umieć rozpoznać najczęstsze dokumenty, zrozumieć, co z nich wynika dla sprawy, którą prowadzi, i wiedzieć, dokąd skierować osobę, gdy sprawa wykracza poza jego kompetencje.</p>"
    ),
    heading("Obywatele Unii Europejskiej i obywatele państw trzecich"),
    text(
        "<p>Przepisy rozróżniają dwie grupy. <b>Obywatele państw Unii Europejskiej, Europejskiego Obszaru Gospodarczego i Szwajcarii</b> oraz członkowie ich rodzin korzystają ze swobody przemieszczania się. Nie potrzebują zezwoleń na pobyt ani na pracę. Jeśli zostają w Polsce dłużej niż 3 miesiące, rejestrują swój pobyt u wojewody, a po 5 latach nieprzerwanego pobytu mogą uzyskać dokument potwierdzający prawo stałego pobytu.</p>"
        "<p>Pozostałe osoby to <b>obywatele państw trzecich</b>. Ich wjazd, pobyt i wyjazd reguluje przede wszystkim ustawa o cudzoziemcach, a udzielanie ochrony międzynarodowej – odrębna ustawa o udzielaniu cudzoziemcom ochrony na terytorium Rzeczypospolitej Polskiej.</p>"
    ),
    heading("Najczęstsze podstawy pobytu i dokumenty"),
    accordion(
        "Przegląd podstaw pobytu",
        [
            (
                "Ruch bezwizowy i wizy",
                "<p>Obywatele części państw – np. Ukrainy, Mołdawii czy Gruzji posiadający paszport biometryczny – mogą przebywać w strefie Schengen bez wizy do 90 dni w każdym okresie 180 dni. Inni potrzebują wizy: <b>wizy Schengen (typu C)</b> na krótki pobyt albo <b>wizy krajowej (typu D)</b> na pobyt dłuższy niż 90 dni, np. w celu pracy lub studiów. Wizę wydaje co do zasady konsul, a jej rodzaj, okres ważności i liczba dni pobytu są widoczne na naklejce wizowej w paszporcie.</p>",
            ),
            (
                "Zezwolenie na pobyt czasowy",
                "<p>Udzielane, gdy cudzoziemiec ma uzasadniony cel dłuższego pobytu – np. pracę, studia, prowadzenie działalności gospodarczej albo połączenie z rodziną – na okres nie dłuższy niż 3 lata. Zezwolenia udziela <b>wojewoda</b> właściwy ze względu na miejsce pobytu cudzoziemca; na Pomorzu sprawy prowadzi Pomorski Urząd Wojewódzki w Gdańsku. Dokumentem potwierdzającym zezwolenie jest <b>karta pobytu</b>. Od decyzji wojewody przysługuje odwołanie do Szefa Urzędu do Spraw Cudzoziemców.</p>",
            ),
            (
                "Zezwolenie na pobyt stały i pobyt rezydenta długoterminowego UE",
                "<p>Zezwolenie na pobyt stały udziela się na czas nieoznaczony, m.in. osobom polskiego pochodzenia, posiadaczom Karty Polaka, którzy chcą osiedlić się w Polsce na stałe, czy małżonkom obywateli polskich po kilku latach małżeństwa i pobytu w Polsce. Zezwolenie na pobyt rezydenta długoterminowego UE może uzyskać m.in. osoba, która legalnie i nieprzerwanie przebywa w Polsce co najmniej 5 lat, ma stabilne źródło dochodu i ubezpieczenie zdrowotne. W obu przypadkach decyzję wydaje wojewoda, a cudzoziemiec otrzymuje kartę pobytu.</p>",
            ),
            (
                "Ochrona międzynarodowa: status uchodźcy i ochrona uzupełniająca",
                "<p>Osoba, której w kraju pochodzenia grozi prześladowanie lub poważna krzywda, może złożyć – za pośrednictwem Straży Granicznej – wniosek o udzielenie ochrony międzynarodowej. Postępowanie prowadzi <b>Szef Urzędu do Spraw Cudzoziemców</b>, a odwołania rozpatruje Rada do Spraw Uchodźców. W trakcie postępowania wnioskodawca posługuje się <b>tymczasowym zaświadczeniem tożsamości cudzoziemca</b> (TZTC). Osoba, która otrzymała status uchodźcy lub ochronę uzupełniającą, dostaje kartę pobytu i w wielu sprawach – np. w dostępie do rynku pracy i pomocy społecznej – ma uprawnienia zbliżone do obywateli polskich.</p>",
            ),
            (
                "Ochrona czasowa obywateli Ukrainy (PESEL ze statusem UKR)",
                "<p>Obywatele Ukrainy, którzy przybyli do Polski w związku z wojną rozpoczętą w lutym 2022 r., korzystają z ochrony czasowej przyznanej decyzją Rady UE. Zasady ich pobytu określa tzw. specustawa, czyli ustawa z dnia 12 marca 2022 r. o pomocy obywatelom Ukrainy w związku z konfliktem zbrojnym na terytorium tego państwa. Potwierdzeniem legalnego pobytu na tej podstawie jest <b>numer PESEL ze statusem UKR</b>, nadawany na wniosek przez organ gminy. Status UKR traci się m.in. po wyjeździe z Polski na okres dłuższy niż 30 dni.</p>",
            ),
            (
                "Zgoda na pobyt ze względów humanitarnych i zgoda na pobyt tolerowany",
                "<p>To formy pobytu dla osób, które nie mogą wrócić do kraju pochodzenia, np. ze względu na ochronę życia rodzinnego, prawa dziecka albo zagrożenie w kraju pochodzenia. Również one są potwierdzane dokumentem: zgoda na pobyt ze względów humanitarnych – kartą pobytu, zgoda na pobyt tolerowany – dokumentem „zgoda na pobyt tolerowany”.</p>",
            ),
        ],
    ),
    callout(
        "legal",
        "Najważniejsze akty prawne",
        "<ul><li>ustawa z dnia 12 grudnia 2013 r. o cudzoziemcach;</li><li>ustawa z dnia 13 czerwca 2003 r. o udzielaniu cudzoziemcom ochrony na terytorium Rzeczypospolitej Polskiej;</li><li>ustawa z dnia 14 lipca 2006 r. o wjeździe na terytorium Rzeczypospolitej Polskiej, pobycie oraz wyjeździe z tego terytorium obywateli państw członkowskich Unii Europejskiej i członków ich rodzin;</li><li>ustawa z dnia 12 marca 2022 r. o pomocy obywatelom Ukrainy w związku z konfliktem zbrojnym na terytorium tego państwa;</li><li>ustawa z dnia 24 września 2010 r. o ewidencji ludności.</li></ul>",
    ),
    heading("Meldunek i numer PESEL – sprawy prowadzone w gminie"),
    text(
        "<p>Z wieloma cudzoziemcami urząd gminy spotyka się przy zameldowaniu. Cudzoziemcy, podobnie jak obywatele polscy, mają obowiązek meldunkowy. Przy zameldowaniu na pobyt stały lub czasowy numer PESEL nadawany jest z urzędu. Cudzoziemiec, który nie jest zameldowany, może otrzymać numer PESEL na wniosek, jeśli wymagają tego odrębne przepisy – np. w sprawach ubezpieczenia społecznego.</p>"
        "<p>Pamiętaj: <b>zameldowanie ma charakter wyłącznie ewidencyjny</b>. Nie daje prawa pobytu w Polsce ani go nie potwierdza, a sam numer PESEL nie jest dokumentem pobytowym. Wyjątkiem jest PESEL ze statusem UKR, który potwierdza legalny pobyt na podstawie specustawy.</p>"
    ),
    callout(
        "tip",
        "Jak sprawdzić dokument w praktyce",
        "<ul><li>poproś o oryginał dokumentu i sprawdź, czy dane zgadzają się z wnioskiem;</li><li>sprawdź termin ważności karty pobytu lub wizy;</li><li>osoba, która złożyła wniosek o zezwolenie na pobyt w czasie legalnego pobytu, zwykle może przebywać w Polsce legalnie do zakończenia postępowania – poproś o potwierdzenie złożenia wniosku;</li><li>nie zatrzymuj paszportu ani karty pobytu i nie kopiuj ich, jeśli przepis nie daje do tego podstawy;</li><li>w razie wątpliwości skontaktuj się z Wydziałem Spraw Cudzoziemców Pomorskiego Urzędu Wojewódzkiego.</li></ul>",
    ),
    callout(
        "warning",
        "Przepisy często się zmieniają",
        "<p>Zasady pobytu i pracy cudzoziemców – zwłaszcza rozwiązania dla obywateli Ukrainy – były w ostatnich latach wielokrotnie nowelizowane. Zanim udzielisz informacji, sprawdź aktualne przepisy oraz komunikaty urzędu wojewódzkiego i Urzędu do Spraw Cudzoziemców. Jeśli nie masz pewności, powiedz to wprost i wskaż, gdzie osoba uzyska wiążącą informację.</p>",
    ),
    self_check(
        "Mieszkanka okazuje kartę pobytu. Kto najczęściej wydaje decyzję, na podstawie której ją otrzymała, i co warto sprawdzić?",
        "<p>Najczęściej wojewoda – udziela zezwoleń na pobyt czasowy, stały i rezydenta długoterminowego UE. Karta pobytu potwierdza jednak także status uchodźcy lub ochronę uzupełniającą; wtedy decyzję wydał Szef Urzędu do Spraw Cudzoziemców. Sprawdź termin ważności karty i adnotacje, np. o dostępie do rynku pracy.</p>",
    ),
    self_check(
        "Czy zameldowanie cudzoziemca oznacza, że przebywa on w Polsce legalnie?",
        "<p>Nie. Zameldowanie ma charakter ewidencyjny – nie nadaje ani nie potwierdza prawa pobytu. O legalności pobytu świadczą wiza, karta pobytu, pobyt w ruchu bezwizowym, PESEL ze statusem UKR lub inne dokumenty pobytowe.</p>",
    ),
]

LESSON_COMMUNICATION = [
    text(
        "<p>Większość nieporozumień w obsłudze cudzoziemców nie wynika ze złej woli, lecz z bariery językowej i z różnych oczekiwań wobec urzędu. Osoba, która niedawno przyjechała do Polski, często nie wie, jak działa polska administracja, które sprawy załatwia gmina, a które powiat czy urząd wojewódzki, i że wiele wniosków składa się elektronicznie.</p>"
        "<p>Dobra komunikacja jest częścią standardu obsługi: pozwala załatwić sprawę za pierwszym razem, oszczędza czas pracownika i buduje zaufanie do instytucji – a to sprzyja bezpieczeństwu całej wspólnoty lokalnej.</p>"
    ),
    quote(
        "Wszyscy są wobec prawa równi. Wszyscy mają prawo do równego traktowania przez władze publiczne.",
        "Konstytucja Rzeczypospolitej Polskiej, art. 32 ust. 1",
    ),
    heading("Prosty język"),
    text(
        "<p>Językiem urzędowym jest język polski – w nim urząd prowadzi postępowania i wydaje decyzje. Nic jednak nie stoi na przeszkodzie, by wyjaśniać sprawy w sposób zrozumiały, także w innym języku, jeśli go znasz, albo z pomocą tłumacza.</p>"
        "<ul><li>mów krótkimi zdaniami: jedna informacja w jednym zdaniu;</li><li>zamiast „Proszę złożyć wniosek o nadanie numeru PESEL w organie gminy” powiedz: „Proszę wypełnić ten formularz. Potem dostanie pan numer PESEL”;</li><li>unikaj skrótów (MOPS, PUP, UdSC) albo od razu je wyjaśniaj;</li><li>podawaj konkretne informacje – adres, numer pokoju, godziny, termin, listę dokumentów – najlepiej na kartce;</li><li>mów wolniej, ale nie głośniej i nie „łamaną polszczyzną”;</li><li>na koniec poproś, by rozmówca własnymi słowami powtórzył, co ma zrobić – to najprostszy sposób, by sprawdzić zrozumienie.</li></ul>"
    ),
    heading("Tłumacz – kiedy i jaki"),
    text(
        "<p>W prostych sprawach (godziny otwarcia, numer pokoju, lista dokumentów) wystarczą zwroty w języku rozmówcy, materiały wielojęzyczne lub narzędzie do tłumaczenia maszynowego. W sprawach, w których chodzi o prawa, obowiązki, pieniądze, zdrowie lub bezpieczeństwo, potrzebny jest <b>profesjonalny tłumacz</b> – obecny na miejscu, telefoniczny albo wideo. Warto wcześniej ustalić, jak urząd zamawia tłumacza, np. w porozumieniu z powiatem lub z organizacją pozarządową.</p>"
        "<p>Dokumenty w języku obcym składane w postępowaniach administracyjnych zwykle trzeba przedłożyć wraz z tłumaczeniem na język polski sporządzonym przez <b>tłumacza przysięgłego</b>. Sprawdź wymogi obowiązujące w danej procedurze.</p>"
    ),
    callout(
        "warning",
        "Dziecko nie powinno być tłumaczem",
        "<p>Nie proś dzieci ani nastolatków o tłumaczenie rozmów dorosłych w sprawach zdrowia, przemocy, długów, świadczeń czy konfliktów rodzinnych. Dziecko dowiaduje się rzeczy, których nie powinno słyszeć, bierze na siebie odpowiedzialność za los rodziny, a błędy w tłumaczeniu mogą mieć poważne skutki. Z podobnych powodów ostrożnie korzystaj z pomocy krewnych, znajomych czy pracodawcy – zwłaszcza gdy może zachodzić konflikt interesów lub przemoc.</p>",
    ),
    heading("Piktogramy i materiały pisemne"),
    text(
        "<p>W punkcie obsługi mieszkańców przydają się: oznaczenia z piktogramami (kasa, ewidencja ludności, pomoc społeczna), wielojęzyczne karty informacyjne o najczęstszych sprawach, wzory wypełnionych formularzy oraz karta „wskazuję mój język”, na której rozmówca pokazuje, jakim językiem się posługuje. Tłumaczenia pisemne zlecaj profesjonalistom i aktualizuj je wraz ze zmianą przepisów – nieaktualna ulotka szkodzi bardziej niż jej brak.</p>"
    ),
    heading("Różnice kulturowe bez stereotypów"),
    text(
        "<p>Kultura wpływa na to, jak ludzie zwracają się do urzędnika, jak wyrażają niezadowolenie, czy patrzą rozmówcy w oczy, jak rozumieją punktualność i kto w rodzinie zabiera głos. Łatwo o błędną interpretację: unikanie kontaktu wzrokowego bywa oznaką szacunku, a nie nieszczerości, a potakiwanie nie zawsze oznacza zrozumienie.</p>"
        "<p>Wiedza o kulturach pomaga, ale nie zastąpi rozmowy z konkretną osobą. Unikaj uogólnień w rodzaju „oni wszyscy…”. Jeśli nie wiesz, jak się zwrócić, o co zapytać albo czy coś jest dla rozmówcy ważne – zapytaj. Imiona i nazwiska zapisuj tak jak w dokumencie, upewnij się, które jest imieniem, a które nazwiskiem, i staraj się je poprawnie wymawiać.</p>"
    ),
    accordion(
        "Najczęstsze pytania",
        [
            (
                "Czy mogę korzystać z tłumacza internetowego?",
                "<p>Tak, w prostych sprawach informacyjnych, pamiętając, że tłumaczenie maszynowe bywa niedokładne. Nie wprowadzaj do takich narzędzi danych osobowych ani szczegółów sprawy. Pouczeń, decyzji i informacji o prawach nie przekazuj wyłącznie w ten sposób.</p>",
            ),
            (
                "Co zrobić, gdy nie mamy żadnego wspólnego języka?",
                "<p>Ustal język rozmówcy (karta „wskazuję mój język”), przekaż na piśmie najważniejsze informacje – adres, termin, dokumenty – a w sprawie wymagającej rozmowy umów spotkanie z tłumaczem. Możesz też wskazać organizację pozarządową, która udziela wsparcia w języku tej osoby.</p>",
            ),
            (
                "Rozmówca podnosi głos i jest zdenerwowany. Jak reagować?",
                "<p>Zachowaj spokój, mów wolno i nazwij to, co widzisz („Widzę, że ta sprawa jest dla pana bardzo ważna”). Zdenerwowanie często wynika z niezrozumienia procedury albo z lęku o pobyt czy pracę. Wyjaśnij, co możesz zrobić teraz, a co wymaga czasu. Gdy czujesz się zagrożony, postępuj zgodnie z procedurami bezpieczeństwa obowiązującymi w urzędzie.</p>",
            ),
        ],
    ),
    self_check(
        "Dlaczego na koniec rozmowy warto poprosić rozmówcę, by własnymi słowami powtórzył, co ma zrobić?",
        "<p>Pytanie „Czy pan rozumie?” prawie zawsze wywołuje odpowiedź „tak” – z grzeczności albo ze wstydu. Powtórzenie własnymi słowami pokazuje, co naprawdę zostało zrozumiane, i pozwala od razu wyjaśnić nieporozumienie.</p>",
    ),
]

LESSON_REFERRALS = [
    text(
        "<p>Urząd gminy jest często pierwszym miejscem, do którego trafia cudzoziemiec z pytaniem o szkołę, lekarza, pracę czy pomoc finansową. Nie wszystkie te sprawy prowadzi gmina, ale jej pracownik może sprawić, że mieszkaniec od razu trafi we właściwe miejsce. Standard obsługi zakłada, że osoba wychodzi z urzędu z konkretną informacją: <b>dokąd iść, z jakimi dokumentami i w jakiej sprawie</b>.</p>"
    ),
    heading("Edukacja"),
    text(
        "<p>Dzieci cudzoziemców podlegają <b>obowiązkowi szkolnemu i obowiązkowi nauki</b> tak jak dzieci polskie i uczą się w szkołach publicznych na warunkach dotyczących obywateli polskich. Ucznia przyjmuje się na podstawie dokumentów ze szkoły za granicą, a gdy ich brak – po rozmowie kwalifikacyjnej. Brak świadectwa czy tłumaczeń nie może być powodem, by dziecko nie chodziło do szkoły.</p>"
        "<p>Uczeń, który nie zna języka polskiego albo zna go w stopniu niewystarczającym do nauki, może korzystać z:</p>"
        "<ul><li>dodatkowych, bezpłatnych lekcji języka polskiego;</li><li>zajęć wyrównawczych z przedmiotów;</li><li>nauki w <b>oddziale przygotowawczym</b>, który tworzy organ prowadzący szkołę – w przypadku szkół podstawowych najczęściej gmina;</li><li>pomocy osoby władającej językiem kraju pochodzenia ucznia, zatrudnionej jako pomoc nauczyciela – w praktyce nazywanej <b>asystentem międzykulturowym</b>.</li></ul>"
    ),
    heading("Zdrowie"),
    text(
        "<p>Prawo do bezpłatnych świadczeń w publicznym systemie ochrony zdrowia ma przede wszystkim osoba <b>ubezpieczona w NFZ</b> – np. z tytułu umowy o pracę, umowy zlecenia, prowadzenia działalności gospodarczej albo jako członek rodziny osoby ubezpieczonej. Cudzoziemiec, który nie ma innego tytułu do ubezpieczenia, może – po spełnieniu warunków – zawrzeć z NFZ umowę o dobrowolne ubezpieczenie zdrowotne. Uprawnienia osób objętych ochroną czasową określa specustawa.</p>"
        "<p>W stanie nagłego zagrożenia życia lub zdrowia pomocy udziela się każdemu, bez względu na ubezpieczenie i obywatelstwo – należy wtedy dzwonić pod numer alarmowy <b>112</b>. Informacji o uprawnieniach i o tym, jak wybrać lekarza podstawowej opieki zdrowotnej, udziela Pomorski Oddział Wojewódzki NFZ.</p>"
    ),
    heading("Zatrudnienie"),
    text(
        "<p>Od 1 czerwca 2025 r. zasady powierzania pracy cudzoziemcom reguluje ustawa z dnia 20 marca 2025 r. o warunkach dopuszczalności powierzania pracy cudzoziemcom na terytorium Rzeczypospolitej Polskiej. Najczęstsze podstawy legalnej pracy to:</p>"
        "<ul><li><b>zezwolenie na pracę</b> – wydaje wojewoda na wniosek pracodawcy;</li><li><b>zezwolenie na pracę sezonową</b> – wydaje starosta (powiatowy urząd pracy), na okres do 9 miesięcy w roku kalendarzowym;</li><li><b>oświadczenie o powierzeniu wykonywania pracy cudzoziemcowi</b> – dla obywateli kilku państw, m.in. Armenii, Gruzji i Mołdawii; oświadczenie wpisuje do ewidencji powiatowy urząd pracy;</li><li><b>zezwolenie na pobyt czasowy i pracę</b> (tzw. jednolite zezwolenie) – wydaje wojewoda.</li></ul>"
        "<p>Bez zezwolenia mogą pracować m.in. osoby z zezwoleniem na pobyt stały, statusem rezydenta długoterminowego UE, statusem uchodźcy lub ochroną uzupełniającą oraz obywatele Ukrainy ze statusem UKR (pracodawca powiadamia wtedy powiatowy urząd pracy). Wnioski w sprawach pracy cudzoziemców składa się elektronicznie w serwisie praca.gov.pl. W sprawach praw pracowniczych – np. niewypłaconego wynagrodzenia – porad udziela Państwowa Inspekcja Pracy (Okręgowy Inspektorat Pracy w Gdańsku).</p>"
    ),
    heading("Pomoc społeczna i bezpieczeństwo"),
    text(
        "<p>Ośrodki pomocy społecznej (MOPS, GOPS) udzielają świadczeń z pomocy społecznej, a pracownik socjalny ocenia sytuację osoby lub rodziny. Prawo do świadczeń mają m.in. cudzoziemcy z zezwoleniem na pobyt stały lub pobyt rezydenta długoterminowego UE oraz osoby ze statusem uchodźcy lub ochroną uzupełniającą. W niektórych innych sytuacjach przepisy przewidują węższy zakres pomocy, np. schronienie, posiłek czy niezbędne ubranie. O uprawnieniach rozstrzyga ośrodek na podstawie dokumentu pobytowego; pomocą w trudniejszych sprawach może służyć Regionalny Ośrodek Polityki Społecznej w Gdańsku.</p>"
        "<p>Świadczenia wychowawczego „800 plus” nie przyznaje gmina – wnioski składa się elektronicznie do ZUS. W razie przemocy domowej procedura „Niebieskie Karty” i gminny zespół interdyscyplinarny działają wobec cudzoziemców tak samo jak wobec obywateli polskich.</p>"
    ),
    heading("Organizacje pozarządowe"),
    text(
        "<p>Organizacje pozarządowe uzupełniają ofertę instytucji publicznych: udzielają porad w językach cudzoziemców, pomagają w sprawach pobytu i pracy, prowadzą kursy języka polskiego i działania integracyjne. W województwie pomorskim ważnym partnerem samorządów jest stowarzyszenie <b>Centrum Wsparcia Imigrantów i Imigrantek w Gdańsku</b>, które w ramach projektu „Trzy Kroki do Integracji na Pomorzu” zorganizowało powiatowe panele dyskusyjne poświęcone standardom obsługi imigrantów. Miej pod ręką aktualne dane kontaktowe organizacji działających w Twoim powiecie.</p>"
    ),
    callout(
        "tip",
        "Skierowanie na piśmie",
        "<p>Przygotuj w urzędzie jednostronicową listę instytucji z adresami i godzinami otwarcia: szkoły, ośrodek pomocy społecznej, powiatowy urząd pracy, oddział NFZ, urząd wojewódzki, organizacje pozarządowe. Zaznacz na niej właściwe miejsce i wpisz, jakie dokumenty zabrać – wtedy informacja nie zginie po wyjściu z urzędu.</p>",
    ),
    self_check(
        "Matka dwojga dzieci pyta, czy mogą one chodzić do szkoły, skoro nie mają jeszcze świadectw z kraju pochodzenia. Co odpowiesz?",
        "<p>Tak. Dzieci podlegają obowiązkowi szkolnemu tak jak dzieci polskie, a brak dokumentów ze szkoły za granicą nie blokuje przyjęcia – szkoła przeprowadza rozmowę kwalifikacyjną. Wskaż szkołę obwodową i poinformuj o dodatkowych lekcjach języka polskiego.</p>",
    ),
]

LESSON_CASES = [
    text(
        "<p>Opisane niżej sytuacje i osoby są fikcyjne, ale dotyczą obszarów, w których powiatowe panele dyskusyjne na Pomorzu wypracowywały standardy obsługi imigrantów. Przy każdym przypadku zastanów się nad pytaniami, zanim otworzysz komentarz eksperta. Nie ma jednej „urzędowej” odpowiedzi – ważne, by osoba wyszła z urzędu z rzetelną informacją i by nikt nie pozostał bez pomocy.</p>"
    ),
    heading("Trzy sytuacje do analizy"),
    case_study(
        "Zameldowanie pracownika przetwórni",
        "<p>Do urzędu gminy w powiecie nadmorskim przychodzi pan Andrés, obywatel Kolumbii. Od czterech miesięcy pracuje w przetwórni ryb i ma kartę pobytu wydaną przez wojewodę pomorskiego. Chce się zameldować w mieszkaniu, które zapewnia mu pracodawca, bo bez numeru PESEL ma kłopoty w wielu sprawach. Nie ma przy sobie umowy najmu, a po polsku zna tylko kilka słów. Kolega z pracy, który przyszedł z nim, proponuje, że „wszystko przetłumaczy”.</p>",
        [
            "Jakich dokumentów potrzebujesz, by przyjąć zgłoszenie meldunkowe?",
            "Czy zameldowanie rozstrzyga o legalności pobytu pana Andrésa?",
            "Jak zadbać o to, by pan Andrés zrozumiał, co ma zrobić dalej?",
        ],
        "<p>Do zameldowania potrzebny jest dokument tożsamości (tu: paszport lub karta pobytu) oraz dokument potwierdzający tytuł prawny do lokalu albo potwierdzenie pobytu przez osobę, która taki tytuł ma, np. właściciela mieszkania. Zameldowanie ma charakter ewidencyjny: nie nadaje prawa pobytu – potwierdza je karta pobytu, której ważność warto sprawdzić. Przy zameldowaniu numer PESEL zostanie nadany z urzędu.</p>"
        "<p>Pomoc kolegi w prostej sprawie meldunkowej jest do przyjęcia, ale upewnij się, że decyzje podejmuje pan Andrés. Zapisz na kartce, jakie dokumenty ma przynieść i kiedy urząd jest czynny. Jeśli w rozmowie pojawią się sygnały nieprawidłowości w zatrudnieniu (np. pracodawca przechowuje jego paszport), przekaż informację o Państwowej Inspekcji Pracy i organizacjach pomagających cudzoziemcom.</p>",
    ),
    case_study(
        "Rodzina z dziećmi w gminnym ośrodku pomocy społecznej",
        "<p>Do GOPS zgłasza się pani Olha z dwójką dzieci: 9-letnim synem i 15-letnią córką. Rodzina od trzech tygodni mieszka w gminie, mąż pani Olhi pracuje sezonowo w gospodarstwie ogrodniczym. Pani Olha pyta o zasiłek, bo zarobki męża nie wystarczają na czynsz. Dzieci nie chodzą do szkoły – matka uważa, że „nie ma sensu, skoro nie znają polskiego”. Córka dobrze mówi po polsku i tłumaczy całą rozmowę.</p>",
        [
            "Od czego zależy, jaką pomoc rodzina może otrzymać z ośrodka pomocy społecznej?",
            "Co powinna usłyszeć pani Olha w sprawie szkoły i jakie wsparcie przysługuje dzieciom?",
            "Czy 15-letnia córka powinna tłumaczyć tę rozmowę?",
        ],
        "<p>Zakres pomocy społecznej zależy od podstawy pobytu – pracownik socjalny ustala ją na podstawie dokumentów (np. karty pobytu, numeru PESEL ze statusem UKR, wizy) i aktualnych przepisów. Nawet gdy świadczenia pieniężne nie przysługują, rodzina powinna dostać informację o innych formach wsparcia, np. o organizacjach pozarządowych.</p>"
        "<p>Sprawa szkoły jest pilna niezależnie od decyzji o zasiłku: oboje dzieci podlegają obowiązkowi szkolnemu lub obowiązkowi nauki, a nieznajomość języka polskiego nie zwalnia z nauki – przeciwnie, uprawnia do dodatkowych lekcji polskiego i innych form wsparcia. Pomóż umówić wizytę w szkole obwodowej. Rozmowy o pieniądzach i trudnościach rodziny nie powinno tłumaczyć dziecko – umów tłumacza albo poproś o pomoc organizację pozarządową.</p>",
    ),
    case_study(
        "Sygnały przemocy podczas wizyty w urzędzie",
        "<p>Pani Maria, obywatelka Filipin, od dwóch lat mieszka w gminie z mężem, obywatelem Polski. Przychodzi do urzędu w sprawie dokumentów. W trakcie rozmowy mówi cicho, że boi się wrócić do domu, bo mąż jest agresywny. Prosi jednak, żeby „nic z tym nie robić”, bo obawia się, że straci prawo pobytu – jej zezwolenie na pobyt jest związane z małżeństwem. Mąż czeka na korytarzu.</p>",
        [
            "Co jest w tej sytuacji najważniejsze w pierwszej kolejności?",
            "Jakie instytucje i procedury mogą pomóc pani Marii?",
            "Czego pracownik urzędu nie powinien obiecywać ani oceniać?",
        ],
        "<p>Najważniejsze jest bezpieczeństwo. Porozmawiaj z panią Marią tam, gdzie mąż jej nie słyszy; gdy grozi bezpośrednie niebezpieczeństwo – dzwoń pod 112. Procedura „Niebieskie Karty” i wsparcie gminnego zespołu interdyscyplinarnego dotyczą wszystkich osób doznających przemocy domowej, niezależnie od obywatelstwa. Przekaż informację o ośrodku pomocy społecznej, o ośrodku interwencji kryzysowej, jeśli działa w powiecie, i o telefonach zaufania dla osób doznających przemocy.</p>"
        "<p>Pracownik urzędu nie rozstrzyga o skutkach dla prawa pobytu i nie powinien niczego obiecywać w tej sprawie. Może natomiast wskazać, gdzie pani Maria uzyska rzetelną informację prawną: w urzędzie wojewódzkim, w punkcie nieodpłatnej pomocy prawnej albo w organizacji pomagającej cudzoziemcom, takiej jak Centrum Wsparcia Imigrantów i Imigrantek. Męża nie wolno prosić o tłumaczenie.</p>",
    ),
    callout(
        "tip",
        "Wspólny wzór dobrej praktyki",
        "<ol><li>Wysłuchaj i ustal, czego naprawdę dotyczy sprawa.</li><li>Sprawdź dokument pobytowy tylko w zakresie potrzebnym do sprawy.</li><li>Zadbaj o zrozumiałą komunikację – w razie potrzeby z tłumaczem.</li><li>Wskaż właściwą instytucję i przekaż informację na piśmie.</li><li>Gdy pojawia się zagrożenie bezpieczeństwa – działaj według procedur i nie odkładaj sprawy.</li></ol>",
    ),
    self_check(
        "Który z trzech przypadków wymaga działania jeszcze tego samego dnia i dlaczego?",
        "<p>Przypadek pani Marii: sygnały przemocy domowej oznaczają możliwe zagrożenie zdrowia lub życia. Meldunek i świadczenia mogą poczekać na dokumenty, bezpieczeństwo – nie. Pilna jest też sprawa szkoły dzieci pani Olhi, choć nie wymaga interwencji tego samego dnia.</p>",
    ),
]

LESSON_EXTRAS = [
    text(
        "<p>Ta lekcja nie jest wymagana do ukończenia kursu. Zebraliśmy w niej informacje przydatne w codziennej pracy: krótką historię standardów obsługi imigrantów na Pomorzu, słowniczek pojęć i listę instytucji, w których można sprawdzić aktualne przepisy.</p>"
    ),
    heading("Skąd pochodzą standardy obsługi imigrantów"),
    text(
        "<p>30 czerwca 2017 r. Marszałek Województwa Pomorskiego oraz prezydenci 12 największych miast zrzeszonych w Unii Metropolii Polskich podpisali w Gdańsku Deklarację Partnerstwa Samorządowego na rzecz Integracji Imigrantów „Przyjazne i Bezpieczne Pomorze”. Samorząd Województwa Pomorskiego wsparł następnie, w ramach otwartego konkursu ofert, projekt Centrum Wsparcia Imigrantów i Imigrantek „Trzy Kroki do Integracji na Pomorzu”. W jego ramach zorganizowano 20 powiatowych paneli dyskusyjnych, których celem było wypracowanie standardów obsługi imigrantów w obszarach: edukacja, zdrowie, zatrudnienie, kultura i integracja społeczna oraz bezpieczeństwo i pomoc społeczna.</p>"
        "<p>Działania koordynuje Zespół Zadaniowy ds. regionalnej polityki imigracyjnej, w którego skład wchodzą m.in. przedstawiciele Regionalnego Ośrodka Polityki Społecznej i Wojewódzkiego Urzędu Pracy. Podnoszenie kompetencji pracowników samorządów jest pierwszym krokiem do utworzenia Pomorskiego Samorządowego Centrum Kompetencji w zakresie Wsparcia Imigrantów.</p>"
    ),
    quote(
        "Miasta Integrujące. Integracja = Bezpieczeństwo",
        "Tytuł konferencji w Gdańsku, podczas której podpisano Deklarację „Przyjazne i Bezpieczne Pomorze” (30 czerwca 2017 r.)",
    ),
    heading("Słowniczek"),
    accordion(
        "Najważniejsze pojęcia",
        [
            (
                "Cudzoziemiec",
                "<p>Każda osoba, która nie ma obywatelstwa polskiego – także obywatel innego państwa Unii Europejskiej.</p>",
            ),
            (
                "Karta pobytu",
                "<p>Dokument potwierdzający tożsamość cudzoziemca i podstawę jego pobytu, np. zezwolenie na pobyt czasowy lub stały albo ochronę międzynarodową.</p>",
            ),
            (
                "Ochrona międzynarodowa",
                "<p>Status uchodźcy albo ochrona uzupełniająca, udzielane przez Szefa Urzędu do Spraw Cudzoziemców osobom, którym w kraju pochodzenia grozi prześladowanie lub poważna krzywda.</p>",
            ),
            (
                "PESEL ze statusem UKR",
                "<p>Numer PESEL nadawany przez organ gminy obywatelom Ukrainy objętym ochroną czasową; potwierdza legalny pobyt na podstawie specustawy.</p>",
            ),
            (
                "Oddział przygotowawczy",
                "<p>Oddział w szkole dla uczniów, którzy nie znają języka polskiego lub znają go w stopniu niewystarczającym do nauki; tworzy go organ prowadzący szkołę.</p>",
            ),
            (
                "Asystent międzykulturowy",
                "<p>Potoczna nazwa osoby władającej językiem kraju pochodzenia ucznia, zatrudnionej w szkole jako pomoc nauczyciela.</p>",
            ),
            (
                "Oświadczenie o powierzeniu wykonywania pracy cudzoziemcowi",
                "<p>Uproszczona podstawa pracy dla obywateli kilku państw, wpisywana do ewidencji przez powiatowy urząd pracy.</p>",
            ),
        ],
    ),
    heading("Gdzie sprawdzić aktualne informacje"),
    text(
        "<ul><li><b>Pomorski Urząd Wojewódzki w Gdańsku</b> – zezwolenia na pobyt, rejestracja pobytu obywateli UE, zezwolenia na pracę;</li><li><b>Urząd do Spraw Cudzoziemców</b> – ochrona międzynarodowa, informacje o legalizacji pobytu;</li><li><b>powiatowe urzędy pracy i serwis praca.gov.pl</b> – oświadczenia o powierzeniu pracy, zezwolenia na pracę sezonową, pośrednictwo pracy;</li><li><b>Pomorski Oddział Wojewódzki NFZ</b> – ubezpieczenie zdrowotne i uprawnienia do świadczeń;</li><li><b>ZUS</b> – ubezpieczenia społeczne i świadczenie „800 plus”;</li><li><b>Kuratorium Oświaty w Gdańsku</b> – kształcenie uczniów przybywających z zagranicy;</li><li><b>Regionalny Ośrodek Polityki Społecznej i Wojewódzki Urząd Pracy w Gdańsku</b> – polityka społeczna i rynek pracy w regionie;</li><li><b>Centrum Wsparcia Imigrantów i Imigrantek w Gdańsku</b> – poradnictwo i wsparcie integracji.</li></ul>"
    ),
]

MAIN_QUIZ = [
    single(
        "Który organ udziela zezwolenia na pobyt czasowy cudzoziemcowi mieszkającemu w województwie pomorskim?",
        [
            ("Wojewoda pomorski (Pomorski Urząd Wojewódzki w Gdańsku)", True),
            ("Wójt lub burmistrz gminy, w której cudzoziemiec mieszka", False),
            ("Starosta powiatu, w którym cudzoziemiec pracuje", False),
            ("Marszałek Województwa Pomorskiego", False),
        ],
        "Zezwolenia na pobyt czasowy udziela wojewoda właściwy ze względu na miejsce pobytu cudzoziemca; odwołanie rozpatruje Szef Urzędu do Spraw Cudzoziemców.",
    ),
    single(
        "Co potwierdza legalny pobyt obywatela Ukrainy objętego ochroną czasową na podstawie specustawy?",
        [
            ("Numer PESEL ze statusem UKR", True),
            ("Karta Polaka", False),
            ("Zaświadczenie o zameldowaniu", False),
            ("Tymczasowe zaświadczenie tożsamości cudzoziemca (TZTC)", False),
        ],
        "Legalny pobyt na podstawie specustawy potwierdza numer PESEL ze statusem UKR, nadawany przez organ gminy. TZTC otrzymuje osoba ubiegająca się o ochronę międzynarodową.",
    ),
    true_false(
        "Zameldowanie cudzoziemca w gminie potwierdza, że przebywa on w Polsce legalnie.",
        False,
        "Zameldowanie ma charakter wyłącznie ewidencyjny – nie nadaje ani nie potwierdza prawa pobytu.",
    ),
    single(
        "Kto prowadzi postępowanie w sprawie udzielenia statusu uchodźcy lub ochrony uzupełniającej?",
        [
            ("Szef Urzędu do Spraw Cudzoziemców", True),
            ("Wojewoda", False),
            ("Komendant powiatowy Policji", False),
            ("Organ gminy", False),
        ],
        "O ochronie międzynarodowej rozstrzyga Szef Urzędu do Spraw Cudzoziemców; wniosek składa się za pośrednictwem Straży Granicznej, a odwołania rozpatruje Rada do Spraw Uchodźców.",
    ),
    multiple(
        "Które zasady warto stosować w rozmowie z osobą, która słabo zna język polski? Zaznacz wszystkie poprawne odpowiedzi.",
        [
            ("Krótkie zdania – jedna informacja w jednym zdaniu", True),
            ("Przekazanie najważniejszych informacji na piśmie (adres, termin, dokumenty)", True),
            ("Prośba, by rozmówca własnymi słowami powtórzył, co ma zrobić", True),
            ("Mówienie głośniej i używanie skrótów urzędowych, bo są krótsze", False),
        ],
        "Prosty język to krótkie zdania, konkretne informacje na piśmie i sprawdzanie zrozumienia. Głośniejsza mowa nie pomaga, a skróty utrudniają zrozumienie.",
    ),
    true_false(
        "W rozmowie o zdrowiu albo o przemocy w rodzinie dobrym rozwiązaniem jest poproszenie nastoletniego dziecka o tłumaczenie.",
        False,
        "Dzieci nie powinny tłumaczyć rozmów dorosłych w sprawach zdrowia, przemocy, pieniędzy czy konfliktów rodzinnych – potrzebny jest profesjonalny tłumacz.",
    ),
    true_false(
        "Brak świadectwa ze szkoły za granicą nie blokuje przyjęcia dziecka cudzoziemców do szkoły – szkoła może przeprowadzić rozmowę kwalifikacyjną.",
        True,
        "Dzieci cudzoziemców podlegają obowiązkowi szkolnemu; gdy brak dokumentów, szkoła przeprowadza rozmowę kwalifikacyjną.",
    ),
    multiple(
        "Z jakich form wsparcia może korzystać uczeń, który słabo zna język polski?",
        [
            ("Dodatkowe, bezpłatne lekcje języka polskiego", True),
            ("Nauka w oddziale przygotowawczym", True),
            (
                "Pomoc asystenta międzykulturowego, czyli osoby władającej językiem kraju pochodzenia ucznia",
                True,
            ),
            ("Zwolnienie z obowiązku szkolnego do czasu nauczenia się polskiego", False),
        ],
        "Uczeń może korzystać z dodatkowych lekcji polskiego, oddziału przygotowawczego i pomocy asystenta międzykulturowego. Nieznajomość języka nie zwalnia z obowiązku szkolnego.",
    ),
    single(
        "Pracodawca chce zatrudnić obywatela Gruzji na podstawie oświadczenia o powierzeniu wykonywania pracy cudzoziemcowi. Kto wpisuje oświadczenie do ewidencji?",
        [
            ("Powiatowy urząd pracy", True),
            ("Urząd gminy", False),
            ("Ośrodek pomocy społecznej", False),
            ("Oddział wojewódzki NFZ", False),
        ],
        "Oświadczenia o powierzeniu wykonywania pracy cudzoziemcowi wpisuje do ewidencji powiatowy urząd pracy; wnioski składa się w serwisie praca.gov.pl.",
    ),
    multiple(
        "Mieszkanka mówi pracownikowi urzędu, że boi się agresywnego męża, który czeka na korytarzu. Co powinien zrobić pracownik?",
        [
            ("Porozmawiać z nią w miejscu, w którym mąż jej nie słyszy", True),
            (
                "Wskazać pomoc: ośrodek pomocy społecznej i zespół interdyscyplinarny, a w razie zagrożenia wezwać pomoc pod numerem 112",
                True,
            ),
            ("Poprosić męża, żeby przetłumaczył rozmowę", False),
            ("Zapewnić ją, że zgłoszenie przemocy na pewno nie wpłynie na jej prawo pobytu", False),
        ],
        "Najważniejsze jest bezpieczeństwo i wskazanie pomocy. Pracownik nie angażuje sprawcy jako tłumacza i nie składa obietnic co do prawa pobytu – kieruje po rzetelną informację prawną.",
    ),
]

MAIN_COURSE = {
    "slug": MAIN_COURSE_SLUG,
    "title": "Standardy obsługi cudzoziemców w urzędzie gminy",
    "area": "bezpieczenstwo-i-pomoc-spoleczna",
    "summary": (
        "Praktyczny kurs dla pracowników pierwszego kontaktu w urzędach gmin i jednostkach "
        "pomocy społecznej. Dowiesz się, jak rozpoznać podstawę pobytu cudzoziemca i jego "
        "dokumenty, jak rozmawiać z osobą, która słabo zna język polski, oraz dokąd kierować "
        "mieszkańców w sprawach edukacji, zdrowia, zatrudnienia i pomocy społecznej. Kurs "
        "nawiązuje do standardów obsługi imigrantów wypracowywanych podczas powiatowych paneli "
        "dyskusyjnych w województwie pomorskim."
    ),
    "objectives": (
        "<ul><li>rozpoznajesz najczęstsze podstawy pobytu cudzoziemców i dokumenty, które je potwierdzają;</li>"
        "<li>wiesz, który organ prowadzi daną sprawę: wojewoda, Szef Urzędu do Spraw Cudzoziemców czy organ gminy;</li>"
        "<li>prowadzisz rozmowę prostym językiem i wiesz, kiedy potrzebny jest profesjonalny tłumacz;</li>"
        "<li>kierujesz mieszkańców do właściwych instytucji w obszarach edukacji, zdrowia, zatrudnienia oraz bezpieczeństwa i pomocy społecznej;</li>"
        "<li>stosujesz te zasady w typowych sytuacjach z pomorskich gmin.</li></ul>"
    ),
    "target_audience": (
        "Pracownicy urzędów gmin i powiatów (obsługa mieszkańców, ewidencja ludności, USC), "
        "ośrodków pomocy społecznej i innych jednostek samorządowych"
    ),
    "duration_hours": 6,
    "level": Level.BASIC,
    "enrolment_mode": EnrolmentMode.OPEN,
    "completion_rule": CompletionRule.LESSONS_AND_QUIZ,
    "certificate_validity_months": 24,
    "lessons": [
        {
            "slug": "status-prawny-i-dokumenty",
            "title": "Status prawny cudzoziemca i dokumenty",
            "minutes": 35,
            "body": LESSON_STATUS,
        },
        {
            "slug": "komunikacja-miedzykulturowa",
            "title": "Komunikacja w różnych językach i kulturach",
            "minutes": 30,
            "body": LESSON_COMMUNICATION,
        },
        {
            "slug": "dokad-kierowac",
            "title": "Dokąd kierować: edukacja, zdrowie, zatrudnienie, pomoc społeczna",
            "minutes": 40,
            "body": LESSON_REFERRALS,
        },
        {
            "slug": "studia-przypadkow",
            "title": "Studia przypadków z pomorskich gmin",
            "minutes": 45,
            "body": LESSON_CASES,
        },
        {
            "slug": "materialy-dodatkowe",
            "title": "Materiały dodatkowe",
            "minutes": 20,
            "required": False,
            "body": LESSON_EXTRAS,
        },
    ],
    "quiz": {
        "intro": (
            "Test sprawdza wiedzę ze wszystkich obowiązkowych lekcji. Ma 10 pytań; aby go "
            "zaliczyć, potrzebujesz co najmniej 70% poprawnych odpowiedzi. Masz 3 podejścia, "
            "bez limitu czasu."
        ),
        "questions": MAIN_QUIZ,
    },
}


# --- Short courses, one per remaining area ---------------------------------------------------------

EDUCATION_COURSE = {
    "slug": "uczen-z-doswiadczeniem-migracji",
    "title": "Uczeń z doświadczeniem migracji w szkole",
    "area": "edukacja",
    "summary": (
        "Jak przyjąć do szkoły dziecko, które przyjechało z zagranicy, jakie formy wsparcia "
        "przewiduje prawo oświatowe i jak współpracować z rodziną, która dopiero poznaje polską "
        "szkołę. Kurs dla pracowników oświaty samorządowej, dyrektorów i pedagogów."
    ),
    "objectives": (
        "<ul><li>znasz zasady przyjmowania do szkoły uczniów przybywających z zagranicy;</li>"
        "<li>wiesz, jakie formy wsparcia przysługują uczniowi, który słabo zna język polski;</li>"
        "<li>rozumiesz rolę gminy jako organu prowadzącego szkoły.</li></ul>"
    ),
    "target_audience": "Dyrektorzy i pedagodzy szkół, pracownicy oświaty w urzędach gmin i powiatów",
    "duration_hours": 3,
    "level": Level.BASIC,
    "enrolment_mode": EnrolmentMode.OPEN,
    "completion_rule": CompletionRule.LESSONS_AND_QUIZ,
    "certificate_validity_months": 24,
    "lessons": [
        {
            "slug": "prawo-do-nauki",
            "title": "Prawo do nauki i przyjęcie do szkoły",
            "minutes": 25,
            "body": [
                text(
                    "<p>Dzieci, które nie są obywatelami polskimi, podlegają <b>obowiązkowi szkolnemu i obowiązkowi nauki</b> tak jak dzieci polskie i uczą się w szkołach publicznych na warunkach dotyczących obywateli polskich. Dyrektor przyjmuje ucznia i kwalifikuje go do odpowiedniej klasy na podstawie dokumentów ze szkoły za granicą, a gdy ich brak – po rozmowie kwalifikacyjnej.</p>"
                    "<p>Te same zasady wsparcia obejmują obywateli polskich, którzy wcześniej uczyli się w szkołach za granicą – np. dzieci wracających emigrantów. „Uczeń z doświadczeniem migracji” to więc nie tylko cudzoziemiec.</p>"
                ),
                callout(
                    "legal",
                    "Podstawa prawna",
                    "<p>Ustawa z dnia 14 grudnia 2016 r. – Prawo oświatowe oraz rozporządzenie ministra właściwego do spraw oświaty w sprawie kształcenia osób niebędących obywatelami polskimi oraz obywateli polskich, którzy pobierali naukę w szkołach funkcjonujących w systemach oświaty innych państw.</p>",
                ),
                callout(
                    "tip",
                    "Rola gminy",
                    "<p>Gmina jako organ prowadzący szkoły podstawowe może tworzyć oddziały przygotowawcze i organizuje dodatkowe lekcje języka polskiego. Warto, by informacja o zapisach do szkoły była dostępna także w językach najczęściej używanych przez mieszkańców z zagranicy.</p>",
                ),
                self_check(
                    "Rodzina nie ma świadectwa ze szkoły w kraju pochodzenia. Czy dziecko może zacząć naukę?",
                    "<p>Tak. Brak dokumentów nie blokuje przyjęcia – dyrektor kwalifikuje ucznia do klasy po rozmowie kwalifikacyjnej.</p>",
                ),
            ],
        },
        {
            "slug": "wsparcie-ucznia",
            "title": "Wsparcie ucznia i współpraca z rodziną",
            "minutes": 25,
            "body": [
                heading("Formy wsparcia"),
                text(
                    "<ul><li>dodatkowe, bezpłatne lekcje języka polskiego;</li><li>zajęcia wyrównawcze z przedmiotów;</li><li>nauka w oddziale przygotowawczym;</li><li>pomoc osoby władającej językiem kraju pochodzenia ucznia, zatrudnionej jako pomoc nauczyciela (asystent międzykulturowy);</li><li>pomoc psychologiczno-pedagogiczna – dziecko po migracji, a czasem po przeżyciach wojennych, może potrzebować wsparcia emocjonalnego.</li></ul>"
                    "<p>Rodzice powinni rozumieć, jak działa polska szkoła: dziennik elektroniczny, zebrania, zasady usprawiedliwiania nieobecności. Zebranie z tłumaczem na początku roku oszczędza wielu nieporozumień.</p>"
                ),
                case_study(
                    "Nowa uczennica w klasie szóstej",
                    "<p>Amira, 11 lat, przyjechała z rodzicami z Egiptu; jej ojciec pracuje jako inżynier w stoczni. Nie mówi po polsku, na lekcjach jest cicha. Nauczyciele nie wiedzą, jak ją oceniać, a rodzice nie odbierają wiadomości z dziennika elektronicznego.</p>",
                    [
                        "Jakie formy wsparcia warto zaproponować Amirze?",
                        "Jak nawiązać kontakt z rodzicami?",
                    ],
                    "<p>Dodatkowe lekcje polskiego i – jeśli w gminie działa – oddział przygotowawczy; nauczyciele mogą dostosować sposób sprawdzania wiedzy do trudności językowych. Z rodzicami warto spotkać się z tłumaczem, pokazać dziennik elektroniczny i ustalić wygodny sposób kontaktu. Pomocny będzie asystent międzykulturowy.</p>",
                ),
            ],
        },
    ],
    "quiz": {
        "intro": "Krótki test z dwóch lekcji kursu.",
        "questions": [
            true_false(
                "Dziecko cudzoziemców może zostać przyjęte do szkoły publicznej tylko wtedy, gdy jego rodzice mają kartę pobytu.",
                False,
                "Dzieci cudzoziemców uczą się w szkołach publicznych na warunkach dotyczących obywateli polskich i podlegają obowiązkowi szkolnemu.",
            ),
            single(
                "Kto tworzy oddział przygotowawczy w szkole podstawowej prowadzonej przez gminę?",
                [
                    ("Organ prowadzący szkołę, czyli gmina", True),
                    ("Wojewoda", False),
                    ("Urząd do Spraw Cudzoziemców", False),
                    ("Rada rodziców", False),
                ],
                "Oddział przygotowawczy tworzy organ prowadzący szkołę – w przypadku szkół podstawowych zwykle gmina.",
            ),
            multiple(
                "Które formy wsparcia przewiduje prawo oświatowe dla ucznia, który nie zna języka polskiego w stopniu wystarczającym do nauki?",
                [
                    ("Dodatkowe, bezpłatne lekcje języka polskiego", True),
                    ("Zajęcia wyrównawcze z przedmiotów", True),
                    (
                        "Przeniesienie do szkoły w innym powiecie, w której uczą się inni cudzoziemcy",
                        False,
                    ),
                ],
                "Uczeń ma prawo do dodatkowych lekcji polskiego i zajęć wyrównawczych w swojej szkole.",
            ),
            true_false(
                "Ze wsparcia dla uczniów przybywających z zagranicy mogą korzystać także obywatele polscy, którzy wcześniej uczyli się w szkołach za granicą.",
                True,
                "Przepisy obejmują zarówno cudzoziemców, jak i obywateli polskich, którzy pobierali naukę w szkołach za granicą.",
            ),
        ],
    },
}

HEALTH_COURSE = {
    "slug": "cudzoziemiec-w-ochronie-zdrowia",
    "title": "Cudzoziemiec w systemie ochrony zdrowia",
    "area": "zdrowie",
    "summary": (
        "Kto i na jakich zasadach korzysta z publicznej ochrony zdrowia, co robić w nagłych "
        "sytuacjach i jak rozmawiać z pacjentem, który słabo zna język polski. Kurs dla "
        "pracowników urzędów, ośrodków pomocy społecznej i placówek ochrony zdrowia."
    ),
    "objectives": (
        "<ul><li>wiesz, od czego zależy prawo cudzoziemca do świadczeń finansowanych przez NFZ;</li>"
        "<li>umiesz wskazać, gdzie sprawdzić uprawnienia i jak wybrać lekarza POZ;</li>"
        "<li>znasz zasady komunikacji z pacjentem z innego kręgu językowego.</li></ul>"
    ),
    "target_audience": "Pracownicy urzędów gmin, ośrodków pomocy społecznej i podmiotów leczniczych",
    "duration_hours": 2,
    "level": Level.BASIC,
    "enrolment_mode": EnrolmentMode.OPEN,
    "completion_rule": CompletionRule.LESSONS_AND_QUIZ,
    "certificate_validity_months": None,
    "lessons": [
        {
            "slug": "prawo-do-swiadczen",
            "title": "Prawo do świadczeń zdrowotnych",
            "minutes": 20,
            "body": [
                text(
                    "<p>W Polsce z bezpłatnych świadczeń korzysta przede wszystkim osoba <b>ubezpieczona w NFZ</b>. Cudzoziemiec, który pracuje na umowę o pracę lub umowę zlecenia albo prowadzi działalność gospodarczą, jest zwykle ubezpieczony tak jak obywatel polski; ubezpieczenie może też obejmować członków jego rodziny. Kto nie ma innego tytułu do ubezpieczenia, może – po spełnieniu warunków – zawrzeć z NFZ umowę o dobrowolne ubezpieczenie zdrowotne.</p>"
                    "<p>Obywatele innych państw Unii Europejskiej podczas czasowego pobytu korzystają z Europejskiej Karty Ubezpieczenia Zdrowotnego (EKUZ). Uprawnienia obywateli Ukrainy objętych ochroną czasową określa specustawa – sprawdzaj aktualne informacje NFZ, bo zasady były wielokrotnie zmieniane.</p>"
                ),
                callout(
                    "warning",
                    "Nagłe zagrożenie życia lub zdrowia",
                    "<p>W stanie nagłym pomocy udziela się każdemu – bez względu na ubezpieczenie i obywatelstwo. Nie odsyłaj osoby w takiej sytuacji po dokumenty: dzwoń pod numer alarmowy 112.</p>",
                ),
                accordion(
                    "Najczęstsze pytania",
                    [
                        (
                            "Gdzie sprawdzić, czy ktoś jest ubezpieczony?",
                            "<p>Uprawnienia sprawdza przychodnia lub szpital w systemie NFZ; pacjent może też zapytać w Pomorskim Oddziale Wojewódzkim NFZ.</p>",
                        ),
                        (
                            "Jak zapisać się do lekarza rodzinnego?",
                            "<p>Składając w wybranej przychodni deklarację wyboru lekarza, pielęgniarki i położnej podstawowej opieki zdrowotnej.</p>",
                        ),
                        (
                            "Czy dzieci cudzoziemców obejmują obowiązkowe szczepienia?",
                            "<p>Tak – obowiązkowe szczepienia ochronne dotyczą także cudzoziemców przebywających w Polsce dłużej niż 3 miesiące.</p>",
                        ),
                    ],
                ),
            ],
        },
        {
            "slug": "komunikacja-z-pacjentem",
            "title": "Komunikacja z pacjentem i profilaktyka",
            "minutes": 20,
            "body": [
                text(
                    "<p>Pacjent ma prawo do przystępnej informacji o swoim stanie zdrowia. Gdy nie zna dobrze języka polskiego, rzetelna informacja wymaga tłumacza – obecnego na miejscu, telefonicznego albo wideo. Proste materiały wielojęzyczne i piktogramy pomagają w rejestracji, ale nie zastąpią rozmowy o diagnozie i leczeniu.</p>"
                    "<p>Różnice kulturowe mogą dotyczyć np. wstydu przy badaniu, preferencji co do płci lekarza czy postu. O takie sprawy najlepiej po prostu zapytać pacjenta – bez zakładania, że „wszyscy z danego kraju” myślą tak samo.</p>"
                ),
                callout(
                    "warning",
                    "Dziecko w gabinecie nie jest tłumaczem",
                    "<p>Rozmowa o zdrowiu rodzica nie powinna być tłumaczona przez dziecko: błędy mogą zaszkodzić pacjentowi, a dziecko dowiaduje się rzeczy, których nie powinno dźwigać.</p>",
                ),
                case_study(
                    "Pacjent bez lekarza rodzinnego",
                    "<p>Pan Daniel z Mołdawii od roku pracuje na umowę o pracę w zakładzie w powiecie kościerskim. Przychodzi do urzędu gminy z silnym kaszlem i pyta, gdzie może iść do lekarza, bo „nie ma karty”.</p>",
                    ["Czy pan Daniel ma prawo do świadczeń NFZ?", "Dokąd go skierujesz?"],
                    "<p>Pracując na umowę o pracę, pan Daniel jest ubezpieczony – nie potrzebuje żadnej „karty”. Wskaż najbliższą przychodnię POZ, gdzie złoży deklarację wyboru lekarza; w razie nagłego pogorszenia – numer 112.</p>",
                ),
            ],
        },
    ],
    "quiz": {
        "intro": "Krótki test z dwóch lekcji kursu.",
        "questions": [
            single(
                "Cudzoziemiec potrzebuje natychmiastowej pomocy z powodu zagrożenia życia, a nie wiadomo, czy jest ubezpieczony. Co robisz?",
                [
                    (
                        "Wzywam pomoc pod numerem 112 – w stanie nagłym pomocy udziela się bez względu na ubezpieczenie",
                        True,
                    ),
                    ("Najpierw ustalam w NFZ, czy jest ubezpieczony", False),
                    ("Kieruję go do urzędu wojewódzkiego po potwierdzenie pobytu", False),
                ],
                "W stanie nagłym pomocy udziela się każdemu, niezależnie od ubezpieczenia i obywatelstwa.",
            ),
            true_false(
                "Cudzoziemiec, który nie ma innego tytułu do ubezpieczenia, może – po spełnieniu warunków – zawrzeć z NFZ umowę o dobrowolne ubezpieczenie zdrowotne.",
                True,
                "Dobrowolne ubezpieczenie zdrowotne w NFZ jest dostępne także dla cudzoziemców spełniających warunki.",
            ),
            true_false(
                "Obowiązkowe szczepienia ochronne nie dotyczą dzieci cudzoziemców.",
                False,
                "Obowiązkowe szczepienia dotyczą także cudzoziemców przebywających w Polsce dłużej niż 3 miesiące.",
            ),
            single(
                "Jak cudzoziemiec zapisuje się do lekarza rodzinnego?",
                [
                    ("Składa w wybranej przychodni deklarację wyboru lekarza POZ", True),
                    ("Otrzymuje skierowanie z urzędu gminy", False),
                    ("Rejestruje się w urzędzie wojewódzkim", False),
                ],
                "Lekarza podstawowej opieki zdrowotnej wybiera się, składając deklarację w przychodni.",
            ),
        ],
    },
}

EMPLOYMENT_COURSE = {
    "slug": "zatrudnianie-cudzoziemcow",
    "title": "Zatrudnianie cudzoziemców – rola samorządu i urzędu pracy",
    "area": "zatrudnienie",
    "summary": (
        "Na jakiej podstawie cudzoziemiec może legalnie pracować w Polsce po zmianach z 1 czerwca "
        "2025 r., co robi powiatowy urząd pracy, a co gmina i jak odpowiadać na pytania "
        "pracodawców. Kurs na zaproszenie – przypisuje go koordynator."
    ),
    "objectives": (
        "<ul><li>rozróżniasz zezwolenie na pracę, zezwolenie na pracę sezonową i oświadczenie o powierzeniu pracy;</li>"
        "<li>wiesz, kto może pracować bez zezwolenia;</li>"
        "<li>znasz zadania powiatowego urzędu pracy wobec cudzoziemców i pracodawców.</li></ul>"
    ),
    "target_audience": "Pracownicy powiatowych urzędów pracy, urzędów gmin i powiatów współpracujący z pracodawcami",
    "duration_hours": 3,
    "level": Level.INTERMEDIATE,
    "enrolment_mode": EnrolmentMode.ASSIGNED,
    "completion_rule": CompletionRule.LESSONS_AND_QUIZ,
    "certificate_validity_months": 24,
    "lessons": [
        {
            "slug": "podstawy-legalnej-pracy",
            "title": "Podstawy legalnej pracy cudzoziemca",
            "minutes": 30,
            "body": [
                text(
                    "<p>Cudzoziemiec może legalnie pracować w Polsce, jeśli przebywa tu legalnie i ma odpowiednią podstawę do pracy – albo jest z obowiązku jej posiadania zwolniony. Od 1 czerwca 2025 r. zasady te reguluje nowa ustawa, która m.in. przeniosła obsługę wniosków do systemu elektronicznego praca.gov.pl.</p>"
                ),
                accordion(
                    "Podstawy pracy",
                    [
                        (
                            "Zezwolenie na pracę",
                            "<p>Wydaje wojewoda na wniosek pracodawcy, dla konkretnego cudzoziemca i stanowiska.</p>",
                        ),
                        (
                            "Zezwolenie na pracę sezonową",
                            "<p>Wydaje starosta (powiatowy urząd pracy) dla prac m.in. w rolnictwie i ogrodnictwie, na okres do 9 miesięcy w roku kalendarzowym.</p>",
                        ),
                        (
                            "Oświadczenie o powierzeniu wykonywania pracy cudzoziemcowi",
                            "<p>Uproszczona procedura dla obywateli kilku państw (m.in. Armenii, Gruzji i Mołdawii); oświadczenie wpisuje do ewidencji powiatowy urząd pracy.</p>",
                        ),
                        (
                            "Zezwolenie na pobyt czasowy i pracę",
                            "<p>Tzw. jednolite zezwolenie – jedna decyzja wojewody obejmuje pobyt i pracę.</p>",
                        ),
                        (
                            "Kto nie potrzebuje zezwolenia?",
                            "<p>M.in. osoby z zezwoleniem na pobyt stały, statusem rezydenta długoterminowego UE, statusem uchodźcy lub ochroną uzupełniającą, obywatele Ukrainy ze statusem UKR (pracodawca powiadamia urząd pracy) oraz obywatele państw UE.</p>",
                        ),
                    ],
                ),
                callout(
                    "legal",
                    "Podstawa prawna",
                    "<p>Ustawa z dnia 20 marca 2025 r. o warunkach dopuszczalności powierzania pracy cudzoziemcom na terytorium Rzeczypospolitej Polskiej oraz ustawa z dnia 12 grudnia 2013 r. o cudzoziemcach.</p>",
                ),
                self_check(
                    "Czy obywatel Ukrainy ze statusem UKR potrzebuje zezwolenia na pracę?",
                    "<p>Nie. Może pracować bez zezwolenia, a pracodawca powiadamia o powierzeniu mu pracy powiatowy urząd pracy.</p>",
                ),
            ],
        },
        {
            "slug": "urzad-pracy-pracodawcy-i-gmina",
            "title": "Powiatowy urząd pracy, pracodawcy i gmina",
            "minutes": 30,
            "body": [
                text(
                    "<p>Powiatowy urząd pracy wpisuje do ewidencji oświadczenia o powierzeniu pracy, wydaje zezwolenia na pracę sezonową i przyjmuje powiadomienia o pracy obywateli Ukrainy. Prowadzi też pośrednictwo pracy i doradztwo zawodowe; cudzoziemcy z niektórymi statusami pobytowymi mogą się w nim rejestrować jako bezrobotni lub poszukujący pracy.</p>"
                    "<p>Gmina nie wydaje zezwoleń na pracę, ale to do urzędu gminy pracodawcy i pracownicy przychodzą z pytaniami o meldunek, mieszkania czy szkoły dla dzieci. Kontrolę legalności zatrudnienia cudzoziemców prowadzą Państwowa Inspekcja Pracy i Straż Graniczna.</p>"
                ),
                case_study(
                    "Rolnik szuka pracowników do zbiorów",
                    "<p>Właściciel gospodarstwa sadowniczego z gminy na Kociewiu przychodzi do urzędu gminy. Chce zatrudnić na lato pięć osób z zagranicy i pyta, „gdzie się załatwia papiery”.</p>",
                    [
                        "Do jakiej instytucji go skierujesz?",
                        "O czym jeszcze warto mu przypomnieć?",
                    ],
                    "<p>Zezwolenie na pracę sezonową wydaje starosta – wniosek składa się do powiatowego urzędu pracy przez praca.gov.pl. Warto przypomnieć o godnym zakwaterowaniu pracowników i o meldunku, a pracownikom – o informacjach w ich języku, np. od organizacji pozarządowych.</p>",
                ),
            ],
        },
    ],
    "quiz": {
        "intro": "Krótki test z dwóch lekcji kursu.",
        "questions": [
            single(
                "Kto wydaje zezwolenie na pracę sezonową?",
                [
                    ("Starosta – za pośrednictwem powiatowego urzędu pracy", True),
                    ("Wojewoda", False),
                    ("Wójt gminy", False),
                    ("Szef Urzędu do Spraw Cudzoziemców", False),
                ],
                "Zezwolenie na pracę sezonową wydaje starosta; wniosek składa się do powiatowego urzędu pracy.",
            ),
            true_false(
                "Cudzoziemiec ze statusem uchodźcy potrzebuje zezwolenia na pracę.",
                False,
                "Osoby ze statusem uchodźcy lub ochroną uzupełniającą mogą pracować bez zezwolenia.",
            ),
            multiple(
                "Którymi sprawami cudzoziemców zajmuje się powiatowy urząd pracy?",
                [
                    (
                        "Wpisywaniem do ewidencji oświadczeń o powierzeniu wykonywania pracy cudzoziemcowi",
                        True,
                    ),
                    ("Wydawaniem zezwoleń na pracę sezonową", True),
                    ("Udzielaniem zezwoleń na pobyt czasowy", False),
                    ("Nadawaniem numerów PESEL", False),
                ],
                "Urząd pracy prowadzi ewidencję oświadczeń i wydaje zezwolenia na pracę sezonową; zezwolenia na pobyt wydaje wojewoda, a PESEL nadaje organ gminy.",
            ),
        ],
    },
}

INTEGRATION_COURSE = {
    "slug": "integracja-spoleczna-w-gminie",
    "title": "Integracja społeczna i kulturalna w gminie",
    "area": "kultura-i-integracja",
    "summary": (
        "Integracja to proces dwustronny. Kurs pokazuje, jak biblioteki, domy kultury, szkoły i "
        "organizacje pozarządowe mogą budować relacje między mieszkańcami a przybyszami oraz jak "
        "gmina może takie działania finansować."
    ),
    "objectives": (
        "<ul><li>rozumiesz integrację jako proces dotyczący całej społeczności lokalnej;</li>"
        "<li>znasz przykłady działań integracyjnych w instytucjach kultury;</li>"
        "<li>wiesz, w jakich trybach gmina współpracuje z organizacjami pozarządowymi.</li></ul>"
    ),
    "target_audience": "Pracownicy urzędów gmin, instytucji kultury, bibliotek i organizacji pozarządowych",
    "duration_hours": 2,
    "level": Level.BASIC,
    "enrolment_mode": EnrolmentMode.OPEN,
    "completion_rule": CompletionRule.LESSONS_AND_QUIZ,
    "certificate_validity_months": None,
    "lessons": [
        {
            "slug": "integracja-proces-dwustronny",
            "title": "Integracja jako proces dwustronny",
            "minutes": 20,
            "body": [
                text(
                    "<p>Integracja nie polega na tym, że przybysze „dopasowują się” do reszty. To proces dwustronny: nowi mieszkańcy uczą się języka i zasad życia w Polsce, a społeczność przyjmująca – otwartości i współpracy. Samorządy Pomorza zapisały to w Deklaracji Partnerstwa Samorządowego na rzecz Integracji Imigrantów „Przyjazne i Bezpieczne Pomorze” z 2017 r.</p>"
                ),
                quote(
                    "Miasta Integrujące. Integracja = Bezpieczeństwo",
                    "Tytuł konferencji w Gdańsku, podczas której podpisano Deklarację „Przyjazne i Bezpieczne Pomorze” (2017 r.)",
                ),
                text(
                    "<p>Biblioteki i domy kultury mogą prowadzić kluby konwersacyjne z języka polskiego, zajęcia dla rodzin z dziećmi, wspólne gotowanie czy wydarzenia sąsiedzkie. Najlepiej działają te, które imigranci współtworzą, a nie tylko w nich uczestniczą.</p>"
                ),
                callout(
                    "tip",
                    "Zapytaj, zanim zaplanujesz",
                    "<p>Zanim przygotujesz wydarzenie „o kulturze” danego kraju, porozmawiaj z mieszkańcami, którzy z niego pochodzą. Unikniesz stereotypów, a oni staną się współgospodarzami.</p>",
                ),
            ],
        },
        {
            "slug": "lokalne-partnerstwa",
            "title": "Lokalne partnerstwa i finansowanie działań",
            "minutes": 20,
            "body": [
                text(
                    "<p>Gmina współpracuje z organizacjami pozarządowymi na podstawie rocznego programu współpracy uchwalanego przez radę gminy. Zadania publiczne – także działania integracyjne – zleca najczęściej w <b>otwartym konkursie ofert</b>; w ten sposób Samorząd Województwa Pomorskiego wsparł projekt Centrum Wsparcia Imigrantów i Imigrantek „Trzy Kroki do Integracji na Pomorzu”. Mniejsze działania można finansować m.in. w trybie uproszczonym (tzw. małe granty) albo w ramach inicjatywy lokalnej.</p>"
                ),
                callout(
                    "legal",
                    "Podstawa prawna",
                    "<p>Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie.</p>",
                ),
                case_study(
                    "Festyn sąsiedzki",
                    "<p>Dom kultury w gminie pod Gdańskiem planuje festyn. W gminie mieszka coraz więcej rodzin z Ukrainy, Białorusi i Indii, ale dotąd nikt z nich nie brał udziału w wydarzeniach gminnych.</p>",
                    [
                        "Jak zaprosić nowych mieszkańców do współtworzenia festynu?",
                        "Z kim warto nawiązać partnerstwo?",
                    ],
                    "<p>Warto zaprosić przedstawicieli społeczności do zespołu organizacyjnego, przygotować informację w kilku językach i współpracować ze szkołą, parafiami i organizacjami pozarządowymi. Festyn może być początkiem stałej współpracy, np. klubu konwersacyjnego w bibliotece.</p>",
                ),
            ],
        },
    ],
    "quiz": {
        "intro": "Krótki test z dwóch lekcji kursu.",
        "questions": [
            true_false(
                "Integracja jest procesem dwustronnym – dotyczy zarówno przybyszów, jak i społeczności przyjmującej.",
                True,
                "Integracja wymaga zaangażowania obu stron: nowych mieszkańców i społeczności lokalnej.",
            ),
            single(
                "W jakim trybie gmina najczęściej zleca organizacjom pozarządowym realizację zadań publicznych, np. działań integracyjnych?",
                [
                    ("W otwartym konkursie ofert", True),
                    ("W drodze ustnego porozumienia z prezesem organizacji", False),
                    ("Przez wydanie decyzji administracyjnej", False),
                ],
                "Podstawowym trybem jest otwarty konkurs ofert na podstawie ustawy o działalności pożytku publicznego i o wolontariacie.",
            ),
            multiple(
                "Które działania sprzyjają integracji w gminie?",
                [
                    ("Kluby konwersacyjne z języka polskiego w bibliotece", True),
                    ("Zapraszanie imigrantów do współtworzenia wydarzeń", True),
                    (
                        "Program wydarzenia oparty na stereotypach o kraju pochodzenia, bez rozmowy z zainteresowanymi",
                        False,
                    ),
                ],
                "Integracji sprzyjają działania, które nowi mieszkańcy współtworzą; stereotypy ją utrudniają.",
            ),
        ],
    },
}

COURSES = [MAIN_COURSE, EDUCATION_COURSE, HEALTH_COURSE, EMPLOYMENT_COURSE, INTEGRATION_COURSE]


# --- Builders -------------------------------------------------------------------------------------


def _publish(parent, page):
    """Add `page` below `parent` and publish it, so it is live with a revision."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _area(slug):
    area = ThematicArea.objects.filter(slug=slug).first()
    if area is None:  # the data migration should have created it
        area = ThematicArea.objects.create(slug=slug, name=AREA_NAMES[slug])
    return area


def _catalogue(home):
    """The catalogue page (at most one exists: CourseIndexPage.max_count = 1)."""
    index = (
        CourseIndexPage.objects.filter(slug=CATALOGUE["slug"]).first()
        or CourseIndexPage.objects.first()
    )
    if index is None:
        index = _publish(home, CourseIndexPage(**CATALOGUE))
    return index


def _build_course(index, spec):
    """Create the course with its lessons and quiz; return (course, created).

    A course that already exists (by slug, below the catalogue) is returned untouched.
    """
    existing = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific, False
    course = _publish(
        index,
        CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            objectives=spec["objectives"],
            thematic_area=_area(spec["area"]),
            target_audience=spec["target_audience"],
            duration_hours=spec["duration_hours"],
            level=spec["level"],
            enrolment_mode=spec["enrolment_mode"],
            completion_rule=spec["completion_rule"],
            certificate_validity_months=spec["certificate_validity_months"],
        ),
    )
    for lesson in spec["lessons"]:
        _publish(
            course,
            LessonPage(
                title=lesson["title"],
                slug=lesson["slug"],
                body=lesson["body"],
                estimated_minutes=lesson["minutes"],
                is_required=lesson.get("required", True),
            ),
        )
    quiz = spec["quiz"]
    _publish(
        course,
        QuizPage(
            title="Test końcowy",
            slug="test-koncowy",
            intro=quiz["intro"],
            questions=quiz["questions"],
            **QUIZ_SETTINGS,
        ),
    )
    return course, True


def _demo_learner_progress(main, courses):
    """Enrol the demo learner on the main course with two lessons done; assign the invited course."""
    users = get_user_model().objects
    learner = users.filter(email=LEARNER_EMAIL).first()
    if learner is None:
        return
    enrolled = Enrolment.objects.filter(user=learner, course=main).exists()
    if not enrolled and services.can_enrol(user=learner, course=main):
        enrolment = services.enrol(user=learner, course=main)
        lessons = LessonPage.objects.child_of(main).live().filter(is_required=True)
        for lesson in lessons.order_by("path")[:DEMO_LESSONS_DONE]:
            enrolment = services.complete_lesson(enrolment=enrolment, lesson=lesson)
    coordinator = users.filter(email=COORDINATOR_EMAIL).first()
    invited = [course for course in courses if course.enrolment_mode == EnrolmentMode.ASSIGNED]
    if coordinator is not None:
        for course in invited:
            services.assign(users=[learner], course=course, assigned_by=coordinator)


@transaction.atomic
def load_demo_catalogue(*, stdout=None) -> None:
    """Build the demo catalogue (idempotent) and the demo learner's progress."""
    home = HomePage.objects.first()
    if home is None:
        if stdout is not None:
            stdout.write("Katalog demonstracyjny pominięty: brak strony głównej.\n")
        return
    index = _catalogue(home)
    results = [_build_course(index, spec) for spec in COURSES]
    courses = [course for course, _created in results]
    _demo_learner_progress(courses[0], courses)
    if stdout is not None:
        created = sum(created for _course, created in results)
        stdout.write(
            f"Katalog demonstracyjny: {len(courses)} kursów (nowo utworzonych: {created}).\n"
        )
