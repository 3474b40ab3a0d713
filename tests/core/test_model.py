"""The model's error index: every code gets a class name of its own."""

from __future__ import annotations

from tcgen.model.service import ErrorIndex


def test_codes_that_spell_one_class_name_get_distinct_classes() -> None:
    index = ErrorIndex([])
    first = index.add("InvalidParameter.ValueTooLarge", "")
    second = index.add("InvalidParameterValue.TooLarge", "")
    names = [error.class_name for error in index.all()]
    assert first.class_name == "InvalidParameterValueTooLargeError"
    assert second.class_name == "InvalidParameterValue_TooLargeError"
    assert index.add("InvalidParameterValue_TooLarge", "").class_name == (
        "InvalidParameterValue_TooLargeError2"
    )
    assert len(names) == len(set(names))
    assert second.parent == "InvalidParameterValueError"


def test_a_code_added_again_keeps_its_class() -> None:
    index = ErrorIndex([])
    once = index.add("ResourceNotFound.Stream", "")
    assert index.add("ResourceNotFound.Stream", "gone").class_name == once.class_name
