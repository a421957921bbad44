from sitrep.text import fold, slugify, terms, tokenize


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
