"""A believable, deterministic demo world: units and employees as HR import rows."""

import random
import unicodedata
from dataclasses import dataclass, field

FI_FIRST = [
    "Aino",
    "Anna",
    "Anneli",
    "Elina",
    "Emma",
    "Hanna",
    "Heidi",
    "Helena",
    "Johanna",
    "Julia",
    "Kaisa",
    "Katja",
    "Laura",
    "Leena",
    "Liisa",
    "Maija",
    "Marja",
    "Minna",
    "Noora",
    "Outi",
    "Päivi",
    "Riikka",
    "Sanna",
    "Satu",
    "Sirpa",
    "Suvi",
    "Tiina",
    "Tuulikki",
    "Ulla",
    "Veera",
    "Antti",
    "Eero",
    "Harri",
    "Heikki",
    "Ilkka",
    "Janne",
    "Jari",
    "Juha",
    "Jukka",
    "Kalle",
    "Lauri",
    "Markku",
    "Matti",
    "Mika",
    "Mikko",
    "Olli",
    "Pekka",
    "Petri",
    "Sami",
    "Tapio",
    "Timo",
    "Tuomas",
    "Ville",
]
FI_LAST = [
    "Aaltonen",
    "Ahonen",
    "Anttila",
    "Heikkinen",
    "Heinonen",
    "Hiltunen",
    "Honkanen",
    "Hämäläinen",
    "Jokinen",
    "Kallio",
    "Karjalainen",
    "Kinnunen",
    "Koivisto",
    "Korhonen",
    "Koskinen",
    "Laaksonen",
    "Laine",
    "Lehtonen",
    "Leinonen",
    "Leppänen",
    "Lindqvist",
    "Mattila",
    "Miettinen",
    "Mäkelä",
    "Mäkinen",
    "Nieminen",
    "Niskanen",
    "Ojala",
    "Peltonen",
    "Pitkänen",
    "Rantanen",
    "Räsänen",
    "Saarinen",
    "Salminen",
    "Salonen",
    "Tuominen",
    "Turunen",
    "Vainio",
    "Virtanen",
    "Väisänen",
]
SV_FIRST = [
    "Anders",
    "Björn",
    "Elsa",
    "Erik",
    "Fredrik",
    "Hanna",
    "Ida",
    "Johan",
    "Karin",
    "Lars",
    "Linnea",
    "Maria",
    "Mikael",
    "Nils",
    "Sara",
    "Ulrika",
    "Viktor",
]
SV_LAST = [
    "Andersson",
    "Björklund",
    "Ekström",
    "Forsman",
    "Holmberg",
    "Karlsson",
    "Lindholm",
    "Nyberg",
    "Sjöberg",
    "Strand",
    "Wikström",
    "Åberg",
]


@dataclass
class LeafKind:
    """A kind of work unit: its staff's job titles and profession groups, and its head's."""

    head: tuple[str, str]
    staff: list[tuple[str, str, int]]  # title, profession group, weight


DAYCARE = LeafKind(
    ("Päiväkodin johtaja", "Esihenkilöt"),
    [
        ("Varhaiskasvatuksen opettaja", "Opettajat", 3),
        ("Lastenhoitaja", "Lastenhoitajat", 5),
        ("Varhaiskasvatuksen erityisopettaja", "Opettajat", 1),
    ],
)
SCHOOL = LeafKind(
    ("Rehtori", "Esihenkilöt"),
    [("Luokanopettaja", "Opettajat", 5), ("Aineenopettaja", "Opettajat", 4), ("Koulunkäynninohjaaja", "Ohjaajat", 3)],
)
KITCHEN = LeafKind(
    ("Ravintolapalveluesihenkilö", "Esihenkilöt"),
    [("Kokki", "Ravitsemistyöntekijät", 2), ("Ravitsemistyöntekijä", "Ravitsemistyöntekijät", 3)],
)
CLEANING = LeafKind(("Siivoustyönohjaaja", "Esihenkilöt"), [("Toimitilahuoltaja", "Toimitilahuoltajat", 1)])
CARE = LeafKind(
    ("Osastonhoitaja", "Esihenkilöt"),
    [("Sairaanhoitaja", "Hoitajat", 2), ("Lähihoitaja", "Hoitajat", 4), ("Hoitoapulainen", "Hoitajat", 1)],
)
TECHNICAL = LeafKind(
    ("Työnjohtaja", "Esihenkilöt"),
    [("Kiinteistönhoitaja", "Tekniset työntekijät", 3), ("Asentaja", "Tekniset työntekijät", 2)],
)
OFFICE = LeafKind(
    ("Päällikkö", "Esihenkilöt"),
    [
        ("Asiantuntija", "Asiantuntijat", 2),
        ("Henkilöstösuunnittelija", "Asiantuntijat", 1),
        ("Palvelusihteeri", "Toimistotyöntekijät", 2),
    ],
)

# sector, service, leaf unit names, their kind, weight of staff per leaf
STRUCTURE = [
    (
        "Sivistyspalvelut",
        "Varhaiskasvatus",
        [
            "Päiväkoti Pikkulintu",
            "Päiväkoti Satakieli",
            "Päiväkoti Metsätähti",
            "Päiväkoti Vaahtera",
            "Päiväkoti Tuulentupa",
            "Päiväkoti Kielo",
            "Daghemmet Solstrålen",
            "Päiväkoti Mustikka",
        ],
        DAYCARE,
        3,
    ),
    (
        "Sivistyspalvelut",
        "Perusopetus",
        ["Keskustan koulu", "Kirkonkylän koulu", "Rantakylän koulu", "Svenska skolan"],
        SCHOOL,
        5,
    ),
    (
        "Ateria- ja puhtauspalvelut",
        "Ateriapalvelut",
        ["Keskuskeittiö", "Koulukeittiö Ranta", "Palvelukodin keittiö"],
        KITCHEN,
        2,
    ),
    (
        "Ateria- ja puhtauspalvelut",
        "Puhtauspalvelut",
        ["Siivousalue Keskusta", "Siivousalue Pohjoinen", "Siivousalue Etelä"],
        CLEANING,
        3,
    ),
    (
        "Sosiaali- ja terveyspalvelut",
        "Vanhuspalvelut",
        ["Kotihoito", "Palvelukoti Kotikallio", "Hoivakoti Hopearanta"],
        CARE,
        6,
    ),
    (
        "Sosiaali- ja terveyspalvelut",
        "Terveyspalvelut",
        ["Terveysasema", "Vuodeosasto", "Suun terveydenhuolto"],
        CARE,
        4,
    ),
    ("Tekniset palvelut", "Kiinteistöpalvelut", ["Kiinteistönhoito", "Rakennuttaminen"], TECHNICAL, 3),
    ("Tekniset palvelut", "Kuntatekniikka", ["Katu- ja viheralueet", "Vesihuolto"], TECHNICAL, 2),
    ("Hallinto", "Konsernipalvelut", ["Henkilöstöpalvelut", "Talouspalvelut", "Tietohallinto", "Kirjaamo"], OFFICE, 1),
]


@dataclass
class DemoOrganisation:
    units: list[dict[str, str]] = field(default_factory=list)
    employees: list[dict[str, str]] = field(default_factory=list)
    heads: dict[str, dict[str, str]] = field(default_factory=dict)  # leaf unit name -> head row


def ascii_part(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == "-"))


def generate(
    *,
    seed: int,
    employees: int,
    domain: str,
    id_prefix: str,
    location: str,
    root_name: str,
    swedish_share: float = 0.08,
) -> DemoOrganisation:
    rng = random.Random(seed)
    world = DemoOrganisation()
    used_emails: set[str] = set()
    counter = iter(range(100001, 10_000_000))

    used_names: set[tuple[str, str]] = set()

    def person(unit: str, title: str, group: str, supervisor: str) -> dict[str, str]:
        swedish = rng.random() < swedish_share
        for _attempt in range(8):  # prefer names not taken yet, as in a real workplace
            first = rng.choice(SV_FIRST if swedish else FI_FIRST)
            last = rng.choice(SV_LAST if swedish else FI_LAST)
            if (first, last) not in used_names:
                break
        used_names.add((first, last))
        base = f"{ascii_part(first)}.{ascii_part(last)}"
        email, n = f"{base}@{domain}", 1
        while email in used_emails:
            n += 1
            email = f"{base}{n}@{domain}"
        used_emails.add(email)
        languages = "sv,fi" if swedish else rng.choice(["fi", "fi", "fi", "fi,en", "fi,sv"])
        start = f"{rng.randint(1985, 2026)}-{rng.randint(1, 12):02d}-01"
        row = {
            "personal_id": f"{id_prefix}{next(counter)}",
            "first_name": first,
            "last_name": last,
            "email": email,
            "unit_id": unit,
            "job_title": title,
            "profession_group": group,
            "supervisor_id": supervisor,
            "start_date": start,
            "languages": languages,
            "work_location": location,
        }
        world.employees.append(row)
        return row

    world.units.append({"unit_id": "ORG", "name": root_name, "parent_unit_id": ""})
    manager = person("ORG", "Kunnanjohtaja", "Esihenkilöt", "")
    sector_heads: dict[str, dict[str, str]] = {}
    service_heads: dict[str, dict[str, str]] = {}
    total_weight = sum(len(leaves) * weight for *_, leaves, _kind, weight in STRUCTURE)
    for index, (sector, service, leaves, kind, weight) in enumerate(STRUCTURE):
        sector_code = ascii_part(sector)[:12].upper()
        if sector not in sector_heads:
            world.units.append({"unit_id": sector_code, "name": sector, "parent_unit_id": "ORG"})
            sector_heads[sector] = person(sector_code, "Toimialajohtaja", "Esihenkilöt", manager["personal_id"])
        service_code = f"{sector_code}-{index}"
        world.units.append({"unit_id": service_code, "name": service, "parent_unit_id": sector_code})
        service_heads[service] = person(
            service_code, "Palvelujohtaja", "Esihenkilöt", sector_heads[sector]["personal_id"]
        )
        for number, leaf in enumerate(leaves):
            leaf_code = f"{service_code}-{number}"
            world.units.append({"unit_id": leaf_code, "name": leaf, "parent_unit_id": service_code})
            head = person(leaf_code, kind.head[0], kind.head[1], service_heads[service]["personal_id"])
            world.heads[leaf] = head
            size = max(2, round(employees * weight / total_weight) - 1)
            titles = [t for t, _g, w in kind.staff for _ in range(w)]
            groups = {t: g for t, g, _w in kind.staff}
            for _ in range(size):
                title = rng.choice(titles)
                person(leaf_code, title, groups[title], head["personal_id"])
    return world
