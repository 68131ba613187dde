"""The countries customers live in: their names, cities, streets, phone prefixes and sizes, and
how an address is drawn for one. The same in every demo graph."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    locale: str
    currency: str
    fx: float  # catalogue prices are in EUR
    # a mobile number is one of these followed by 7 digits (US: an area code, see `identity._phone`)
    phone_prefixes: tuple[str, ...]
    given_female: tuple[str, ...]
    given_male: tuple[str, ...]
    family: tuple[str, ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    shoe_sizes: tuple[str, ...]


COUNTRIES: tuple[Country, ...] = (
    Country(
        "PT",
        "pt-PT",
        "EUR",
        1.0,
        ("+35191", "+35192", "+35193", "+35196"),
        (
            "Ana",
            "Maria",
            "Beatriz",
            "Inês",
            "Mariana",
            "Sofia",
            "Carolina",
            "Leonor",
            "Joana",
            "Marta",
            "Rita",
            "Catarina",
        ),
        (
            "João",
            "Pedro",
            "Tiago",
            "Miguel",
            "Rui",
            "Diogo",
            "Francisco",
            "Tomás",
            "Duarte",
            "Gonçalo",
            "Nuno",
            "André",
        ),
        (
            "Silva",
            "Santos",
            "Ferreira",
            "Pereira",
            "Oliveira",
            "Costa",
            "Rodrigues",
            "Martins",
            "Sousa",
            "Fernandes",
            "Gonçalves",
            "Gomes",
            "Lopes",
            "Marques",
            "Alves",
            "Almeida",
            "Ribeiro",
            "Pinto",
            "Carvalho",
            "Teixeira",
            "Moreira",
            "Correia",
            "Mendes",
            "Nunes",
            "Soares",
            "Vieira",
            "Monteiro",
            "Cardoso",
            "Lima",
        ),
        ("Lisbon", "Porto", "Braga", "Coimbra", "Faro", "Setúbal", "Aveiro"),
        (
            "Rua Garrett",
            "Avenida da Liberdade",
            "Rua de Santa Catarina",
            "Rua do Souto",
            "Rua Augusta",
            "Avenida de Roma",
            "Rua da Prata",
            "Rua Ferreira Borges",
        ),
        ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45"),
    ),
    Country(
        "ES",
        "es-ES",
        "EUR",
        1.0,
        ("+3460", "+3461", "+3462", "+3463", "+3464", "+3465", "+3467"),
        (
            "Lucía",
            "Sofía",
            "Martina",
            "María",
            "Julia",
            "Paula",
            "Valeria",
            "Carmen",
            "Elena",
            "Laura",
        ),
        (
            "Hugo",
            "Martín",
            "Lucas",
            "Mateo",
            "Leo",
            "Daniel",
            "Alejandro",
            "Pablo",
            "Manuel",
            "Javier",
        ),
        (
            "García",
            "Rodríguez",
            "González",
            "Fernández",
            "López",
            "Martínez",
            "Sánchez",
            "Pérez",
            "Gómez",
            "Martín",
            "Jiménez",
            "Ruiz",
            "Hernández",
            "Díaz",
            "Moreno",
            "Muñoz",
            "Álvarez",
            "Romero",
            "Navarro",
            "Torres",
        ),
        ("Madrid", "Barcelona", "Valencia", "Sevilla", "Bilbao", "Málaga"),
        (
            "Calle de Alcalá",
            "Gran Vía",
            "Passeig de Gràcia",
            "Calle Mayor",
            "Calle de Serrano",
            "Avenida de la Constitución",
        ),
        ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45"),
    ),
    Country(
        "FR",
        "fr-FR",
        "EUR",
        1.0,
        ("+3361", "+3362", "+3364", "+3365", "+3366", "+3367"),
        ("Emma", "Jade", "Louise", "Alice", "Chloé", "Léa", "Manon", "Camille", "Inès", "Zoé"),
        (
            "Gabriel",
            "Léo",
            "Raphaël",
            "Arthur",
            "Louis",
            "Jules",
            "Hugo",
            "Lucas",
            "Adam",
            "Nathan",
        ),
        (
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Richard",
            "Petit",
            "Durand",
            "Leroy",
            "Moreau",
            "Simon",
            "Laurent",
            "Lefebvre",
            "Michel",
            "David",
            "Bertrand",
            "Roux",
            "Vincent",
            "Fournier",
        ),
        ("Paris", "Lyon", "Marseille", "Bordeaux", "Lille"),
        (
            "Rue de Rivoli",
            "Boulevard Haussmann",
            "Rue de la République",
            "Rue Sainte-Catherine",
            "Avenue Jean Jaurès",
        ),
        ("36", "37", "38", "39", "40", "41", "42", "43", "44", "45"),
    ),
    Country(
        "DE",
        "de-DE",
        "EUR",
        1.0,
        ("+491510", "+491520", "+491573", "+491601", "+491704", "+491762"),
        ("Mia", "Emilia", "Hannah", "Emma", "Sophia", "Lina", "Lea", "Marie", "Clara", "Anna"),
        ("Noah", "Leon", "Paul", "Finn", "Elias", "Felix", "Jonas", "Luca", "Maximilian", "Ben"),
        (
            "Müller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Schulz",
            "Hoffmann",
            "Schäfer",
            "Koch",
            "Bauer",
            "Richter",
            "Klein",
            "Wolf",
            "Schröder",
            "Neumann",
            "Schwarz",
            "Braun",
        ),
        ("Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt"),
        ("Friedrichstraße", "Kaufingerstraße", "Mönckebergstraße", "Schildergasse", "Zeil"),
        ("37", "38", "39", "40", "41", "42", "43", "44", "45", "46"),
    ),
    Country(
        "GB",
        "en-GB",
        "GBP",
        0.86,
        ("+44712", "+44734", "+44745", "+44751", "+44787"),
        ("Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow"),
        (
            "Oliver",
            "George",
            "Arthur",
            "Noah",
            "Muhammad",
            "Leo",
            "Harry",
            "Oscar",
            "Archie",
            "Henry",
        ),
        (
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Williams",
            "Wilson",
            "Johnson",
            "Davies",
            "Patel",
            "Robinson",
            "Wright",
            "Thompson",
            "Evans",
            "Walker",
            "White",
            "Roberts",
            "Green",
            "Hall",
            "Wood",
            "Jackson",
        ),
        ("London", "Manchester", "Birmingham", "Leeds", "Bristol"),
        ("Oxford Street", "High Street", "Market Street", "Deansgate", "Park Road", "Mill Lane"),
        ("4", "5", "6", "7", "8", "9", "10", "11", "12"),
    ),
    Country(
        "US",
        "en-US",
        "USD",
        1.08,
        ("212", "415", "646", "617", "305", "312", "206", "512", "303", "702"),
        (
            "Olivia",
            "Emma",
            "Charlotte",
            "Amelia",
            "Sophia",
            "Mia",
            "Isabella",
            "Ava",
            "Evelyn",
            "Harper",
        ),
        (
            "Liam",
            "Noah",
            "Oliver",
            "James",
            "Elijah",
            "Mateo",
            "Theodore",
            "Henry",
            "Lucas",
            "William",
        ),
        (
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Garcia",
            "Miller",
            "Davis",
            "Rodriguez",
            "Martinez",
            "Hernandez",
            "Lopez",
            "Gonzalez",
            "Wilson",
            "Anderson",
            "Thomas",
            "Taylor",
            "Moore",
            "Jackson",
            "Lee",
        ),
        ("New York", "San Francisco", "Boston", "Chicago", "Seattle"),
        ("Broadway", "Market Street", "Main Street", "5th Avenue", "Mission Street", "Pine Street"),
        ("5", "6", "7", "8", "9", "10", "11", "12", "13"),
    ),
)
COUNTRY_WEIGHTS = (40, 20, 10, 8, 12, 10)


def draw_country(rng: random.Random) -> Country:
    return rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]


def draw_street(rng: random.Random, country: Country) -> str | None:
    """A street line in the country's own order, or None (one address in ten has none)."""
    if rng.random() < 0.1:
        return None
    street, number = rng.choice(country.streets), rng.randint(1, 240)
    return f"{number} {street}" if country.code in ("GB", "US", "FR") else f"{street} {number}"


def draw_postal_code(rng: random.Random, country: str) -> str:
    if country == "PT":
        return f"{rng.randint(1000, 9999)}-{rng.randrange(1000):03d}"
    if country == "GB":
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return (
            f"{rng.choice(('SW1A', 'EC1V', 'M1', 'B2', 'LS1', 'BS1', 'W1D', 'N1'))} "
            f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
        )
    return f"{rng.randint(1001, 99950):05d}"
