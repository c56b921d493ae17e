"""A fixed Polish relevance set on the demo catalogue (courses/demo.py): what a person types, and
the page (by title) that must be among the first three results.

Queries come in the forms people type them: other cases and numbers than the title's, no Polish
diacritics, several words in any order, half a word at the end.
"""

STANDARDS = "Standardy obsługi cudzoziemców w urzędzie gminy"
PUPIL = "Uczeń z doświadczeniem migracji w szkole"
HEALTH = "Cudzoziemiec w systemie ochrony zdrowia"
EMPLOYMENT = "Zatrudnianie cudzoziemców – rola samorządu i urzędu pracy"
INTEGRATION = "Integracja społeczna i kulturalna w gminie"

# The issue's examples, verbatim: each finds the main course.
ISSUE_EXAMPLES = ["gmina", "cudzoziemiec", "cudzoziemcy", "urząd", "urzad", "standard", "obslugi"]

RELEVANCE = [(query, STANDARDS) for query in ISSUE_EXAMPLES] + [
    # The main course, in other forms.
    ("standardy obsługi", STANDARDS),
    ("standardow obslugi cudzoziemcow", STANDARDS),
    ("obsługa cudzoziemców w urzędzie", STANDARDS),
    ("obsluga cudzoziemca w gminie", STANDARDS),
    ("urzedzie gminy", STANDARDS),
    ("urzędach gmin", STANDARDS),
    ("cudzoziemców", STANDARDS),
    ("standard obsl", STANDARDS),  # still typing
    ("Gminy", STANDARDS),
    ("gminą", STANDARDS),
    ("gminach", STANDARDS),
    ("urzędów gmin", STANDARDS),
    ("cudzoziemcem", STANDARDS),
    ("cudzoziemcami", STANDARDS),
    ("standardów", STANDARDS),
    ("STANDARDY OBSLUGI CUDZOZIEMCOW", STANDARDS),
    # Its lessons.
    ("status prawny cudzoziemca", "Status prawny cudzoziemca i dokumenty"),
    ("statusu prawnego", "Status prawny cudzoziemca i dokumenty"),
    ("komunikacja w roznych jezykach", "Komunikacja w różnych językach i kulturach"),
    ("języki i kultury", "Komunikacja w różnych językach i kulturach"),
    ("studium przypadku", "Studia przypadków z pomorskich gmin"),
    ("studia przypadkow", "Studia przypadków z pomorskich gmin"),
    ("pomorskie gminy", "Studia przypadków z pomorskich gmin"),
    ("materialy dodatkowe", "Materiały dodatkowe"),
    ("dokad kierowac", "Dokąd kierować: edukacja, zdrowie, zatrudnienie, pomoc społeczna"),
    # The pupil course and its lessons.
    ("uczeń", PUPIL),
    ("uczniowie", PUPIL),
    ("uczniów", PUPIL),
    ("uczen z doswiadczeniem migracji", PUPIL),
    ("migracja", PUPIL),
    ("szkoła", PUPIL),
    ("szkola", PUPIL),
    ("przyjęcie do szkoły", "Prawo do nauki i przyjęcie do szkoły"),
    ("przyjecie do szkoly", "Prawo do nauki i przyjęcie do szkoły"),
    ("prawo do nauki", "Prawo do nauki i przyjęcie do szkoły"),
    ("wsparcie ucznia", "Wsparcie ucznia i współpraca z rodziną"),
    ("wspolpraca z rodzina", "Wsparcie ucznia i współpraca z rodziną"),
    # Health.
    ("ochrona zdrowia", HEALTH),
    ("ochronie zdrowia", HEALTH),
    ("system ochrony zdrowia", HEALTH),
    ("swiadczenia zdrowotne", "Prawo do świadczeń zdrowotnych"),
    ("świadczeń zdrowotnych", "Prawo do świadczeń zdrowotnych"),
    ("pacjent", "Komunikacja z pacjentem i profilaktyka"),
    ("pacjenci", "Komunikacja z pacjentem i profilaktyka"),
    ("profilaktyki", "Komunikacja z pacjentem i profilaktyka"),
    # Employment.
    ("zatrudnianie cudzoziemców", EMPLOYMENT),
    ("zatrudnianiu cudzoziemcow", EMPLOYMENT),
    ("samorzad", EMPLOYMENT),
    ("rola samorządu", EMPLOYMENT),
    ("powiatowy urzad pracy", "Powiatowy urząd pracy, pracodawcy i gmina"),
    ("pracodawca", "Powiatowy urząd pracy, pracodawcy i gmina"),
    ("pracodawcow", "Powiatowy urząd pracy, pracodawcy i gmina"),
    ("legalna praca cudzoziemca", "Podstawy legalnej pracy cudzoziemca"),
    ("podstawy legalnej pracy", "Podstawy legalnej pracy cudzoziemca"),
    # Integration.
    ("integracja spoleczna", INTEGRATION),
    ("integracji społecznej", INTEGRATION),
    ("kulturalna", INTEGRATION),
    ("proces dwustronny", "Integracja jako proces dwustronny"),
    ("dwustronnego procesu", "Integracja jako proces dwustronny"),
    ("partnerstwo lokalne", "Lokalne partnerstwa i finansowanie działań"),
    ("finansowanie dzialan", "Lokalne partnerstwa i finansowanie działań"),
]
