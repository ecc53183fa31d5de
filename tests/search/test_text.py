"""Folding words and marking them in snippets (no database)."""

from markupsafe import Markup

from portal.search.snippets import highlight, snippet
from portal.search.text import fts5_match, normalise, query_tokens


def test_accents_case_and_plurals_fold_to_one_form():
    assert normalise("Énergies") == normalise("energie") == "energie"
    assert normalise("Chevaux") == normalise("cheval") == "cheval"
    assert normalise("Bateaux") == normalise("bateau") == "bateau"
    assert normalise("L'ŒUVRE des cantines") == "l oeuvre des cantine"


def test_words_of_three_letters_or_fewer_and_numbers_keep_their_last_letter():
    assert normalise("les gaz bus 2030 Paris") == "les gaz bus 2030 pari"


def test_query_words_are_distinct_capped_and_free_of_operators():
    words = query_tokens('énergie AND "énergies" OR NEAR(x) * ^ - ; DROP TABLE users; --')
    assert words == ["energie", "and", "or", "near", "x", "drop", "table", "user"]
    assert len(query_tokens("mot " * 5000)) == 1
    assert len(query_tokens(" ".join(f"w{i}" for i in range(100)))) == 16


def test_the_fts5_expression_quotes_every_word():
    assert fts5_match(["energie", 'a"b']) == '"energie" "a""b"'


def test_a_snippet_marks_matching_words_and_escapes_the_rest():
    marked = snippet("<b>Les énergies</b> & l'Énergie solaire", ["energie"])
    assert isinstance(marked, Markup)
    assert str(marked) == (
        "&lt;b&gt;Les <mark>énergies</mark>&lt;/b&gt; &amp; l&#39;<mark>Énergie</mark> solaire"
    )


def test_a_long_text_is_cut_around_the_first_match():
    text = "début " * 100 + "la coopérative citoyenne " + "fin " * 100
    marked = str(snippet(text, ["cooperative"]))
    assert "<mark>coopérative</mark>" in marked
    assert marked.startswith("… ") and marked.endswith(" …")
    assert len(marked) < 400


def test_a_title_without_a_match_is_shown_whole_and_escaped():
    assert str(highlight("Cantine <scolaire>", ["energie"])) == "Cantine &lt;scolaire&gt;"
