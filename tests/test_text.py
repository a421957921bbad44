import pytest

from sitrep.text import fold, slugify, stem, stems, terms, token_lists, tokenize


def test_fold_handles_typographic_apostrophes_accents_and_possessives():
    assert fold("Ryl’sk") == fold("Rylsk") == "rylsk"
    assert fold("Ukraine’s army") == "ukraine army"
    assert fold("Café") == "cafe"


def test_numbers_keep_their_value_and_hyphens_split_words():
    assert fold("8,000 troops") == "8000 troops"
    assert fold("Ivano-Frankivsk") == "ivano frankivsk"


def test_tokens_remember_offsets_in_the_original_text():
    text = "Strike on Izium"
    tok = tokenize(text)[-1]
    assert text[tok.start:tok.end] == "Izium"


def test_terms_stem_and_drop_stopwords():
    assert terms("The strikes killed civilians") == ["strike", "kill", "civilian"]


def test_cyrillic_is_folded_not_lost():
    assert fold("Київ") == fold("КИЇВ")
    assert fold("Харків") != ""


def test_slug_is_cut_at_a_word_boundary():
    slug = slugify("At least five killed and fifty injured in a Russian missile strike on Izium", 40)
    assert len(slug) <= 40 and not slug.endswith("-")
    assert slug.startswith("at-least-five-killed")


def test_slugs_are_ascii_for_any_script():
    assert slugify("Удар по Харкову") == "udar-po-kharkovu"
    assert slugify("Обстріл Києва") == "obstril-kyieva"
    arabic = slugify("هجوم على خاركيف")
    assert arabic.startswith("h-") and arabic == slugify("هجوم على خاركيف")


@pytest.mark.parametrize("text", [
    "Ryl`sk and Ryl’sk — 8,000 troops",
    "Удар по Харкову: ракета влучила в Харків",
    "Zaporizhzhia\u2019s plant\u2014shut; e\u0301 \u0301x",
    "",
    "  plain ascii words, twice.  ",
    "snake_case and under_score_words, 1_000",
    "The 5th brigade's 1,000 troops held Ryl'sk in 2024.\n\nIt's over",  # ASCII: the ASCII-mode pattern
])
def test_the_taggers_token_lists_are_tokenize(text):
    words, starts, ends, gaps = token_lists(text)
    tokens = tokenize(text)
    assert words == [t.text for t in tokens]
    assert (starts, ends) == ([t.start for t in tokens], [t.end for t in tokens])
    assert gaps == [text[ends[k - 1] if k else 0:starts[k]].replace("\u2014", "-") for k in range(len(words))]


def test_memoised_stems_are_the_stemmers():
    words = [t.text for t in tokenize("Shelling shelled the shells of Kharkiv’s 8,000 homes; Харків обстріляли")]
    assert stems(words) == [stem(w) for w in words]
    assert stems(words) == [stem(w) for w in words]  # the second time from the memo
