"""The context copies pages share (sitrep.publish.page_vars): a page sees the
context as it was when it was queued, as with a copy per page."""

from __future__ import annotations

from sitrep.publish.page_vars import ContextCopies


def test_a_changed_context_gets_a_new_copy():
    copies, context = ContextCopies(), {"a": [1]}
    first = copies.of(context)
    assert copies.of(context) is first
    context["a"] = [2]
    second = copies.of(context)
    assert second is not first and first["a"] == [1] and second["a"] == [2]


def test_a_held_block_checks_the_context_once_and_the_next_call_again():
    copies, context = ContextCopies(), {"a": 1}
    with copies.held(context):
        inside = copies.of(context)
        assert copies.of(context) is inside and inside == context
        assert copies.of({"b": 2}) == {"b": 2}  # another context is copied as ever
    context["a"] = 3  # after the block, a change is seen
    assert copies.of(context) == {"a": 3}


def test_a_context_changed_before_the_block_is_copied_when_it_starts():
    copies, context = ContextCopies(), {"a": 1}
    before = copies.of(context)
    context["a"] = 2
    with copies.held(context):
        assert copies.of(context) == {"a": 2} and copies.of(context) is not before
