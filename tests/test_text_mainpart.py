"""Local HTML pages are read through their article: no navigation, teasers or footers.

trafilatura says which text is the article; offsets stay those of the file.
"""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.extract.pipeline import extract, extract_file
from factcheck.sources.documents import read_document
from factcheck.text import mainpart, markup
from tests.cli_helpers import run, write

PAGE = """<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Werk bei Zwickau</title></head>
<body>
<nav><ul><li><a href="/abo">Digital-Abo für 9,99 Euro im Monat</a></li>
<li><a href="https://shop.example/deal">Jetzt 30 Prozent sparen</a></li></ul></nav>
<header><p>Newsletter: Über 250.000 Leser vertrauen uns</p></header>
<main><article>
<h1>Brennwald baut Werk bei Zwickau</h1>
<p>Die Brennwald GmbH investiert 1,7 Milliarden Euro in ein Werk für
Wärmepumpen bei Zwickau. Dort entstehen nach Angaben des Unternehmens
1.900 Arbeitsplätze, wie <a href="https://news.example/brennwald">die Zeitung</a> berichtet.</p>
<ul><li>Fläche: 38 Hektar</li><li>Baubeginn im Frühjahr, Eröffnung im Herbst</li></ul>
<p>Der Freistaat Sachsen fördert das Vorhaben mit 120 Millionen Euro &amp; einer
Bürgschaft, sagte ein Sprecher der Brennwald GmbH am Dienstag in Dresden.</p>
</article></main>
<aside><p>Meistgelesen: Mieten steigen um 8 Prozent</p></aside>
<footer><p>© 2025 Verlag Nordlicht · 1.100 Mitarbeiter · Impressum</p></footer>
</body></html>
"""

ARTICLE = ["1,7 Milliarden Euro", "1.900", "38 Hektar", "120 Millionen Euro"]


def test_only_the_articles_figures_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, "seite.html", PAGE)
    found = extract_file(path)
    claims = list(found.claims)
    assert found.lang == "de"
    assert [c.text for c in claims] == ARTICLE
    for claim in claims:
        assert PAGE[claim.start : claim.end] == claim.text


def test_extract_of_a_string_reads_the_article_too() -> None:
    assert [c.text for c in extract(PAGE, fmt="html")] == ARTICLE


def test_links_outside_the_article_are_dropped(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "seite.html", PAGE))
    assert [link.url for link in doc.links] == ["https://news.example/brennwald"]
    assert [c.text for c in doc.claims] == ARTICLE


def test_a_page_without_an_article_is_read_whole() -> None:
    page = "<html><body><p>Marge: 12 %</p></body></html>"
    assert mainpart.main_part(markup.parse(page, "html")).view == markup.parse(page, "html").view
    assert [c.text for c in extract(page, "de", fmt="html")] == ["12 %"]


def test_an_article_that_cannot_be_placed_is_no_reason_to_read_nothing() -> None:
    view = "Menü 5 %\n\nEin ganz anderer Text mit 7 %"
    assert mainpart.place("Nichts davon steht auf der Seite.", view) is None
    assert mainpart.place("", view) is None


def test_extract_on_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, "seite.html", PAGE)
    done = run("extract", path, "--format", "json")
    assert done.returncode == 0, done.stderr
    (document,) = json.loads(done.stdout)["documents"]
    assert [c["text"] for c in document["claims"]] == ARTICLE
    assert document["lang"] == "de"
