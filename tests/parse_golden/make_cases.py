#!/usr/bin/env python3
"""Writes cases.jsonl: the model outputs of the parse corpus, one case a line.

    make_cases.py [--check]

Each case is {"id", "project", "function", "text", "partial"}; its id is
"PROJECT/FUNCTION#CATEGORY.label", and CATEGORY (json, fenced, prose, multi, malformed, coerce,
error, partial, prefix) is what compare.py groups its summary by. The texts are written here, by
hand, as a model would write them; the streaming prefixes ("prefix" category) are every k-th
prefix of a few whole answers, parsed with "partial": true as BAML's parseStream would see them
while the answer arrives. Edit this file, then run it and regenerate.py. --check exits 1 when
cases.jsonl would change.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CATEGORIES = ("json", "fenced", "prose", "multi", "malformed", "coerce", "error", "partial", "prefix")

cases = []


def case(project, function, category, label, text, partial=False):
    assert category in CATEGORIES, category
    cases.append({"id": f"{project}/{function}#{category}.{label}", "project": project,
                  "function": function, "text": text, "partial": partial})


def prefixes(project, function, label, text, step, final=True):
    """Every step-th prefix of text (never the empty one), parsed as a partial; then the whole
    text, partial and not."""
    for n in range(step, len(text), step):
        case(project, function, "prefix", f"{label}@{n:04d}", text[:n], partial=True)
    if final:
        case(project, function, "prefix", f"{label}@full", text, partial=True)
        case(project, function, "json" if text.lstrip().startswith(("{", "[")) else "prose",
             f"{label}_whole", text)


FENCE = "```"

# ------------------------------------------------------------------ primitives
P = "primitives"
for label, text in [
    ("plain", "Hello, world!"),
    ("quoted", '"Hello, world!"'),
    ("json_escapes", '"line1\\nline2 \\"quoted\\" \\u00e9"'),
    ("multiline", "First line.\nSecond line.\n\nFourth line."),
    ("object", '{"answer": "Paris"}'),
    ("fenced", f"{FENCE}\nParis\n{FENCE}"),
    ("prose_with_quotes", 'The capital is "Paris".'),
    ("number", "42"),
    ("empty", ""),
    ("whitespace", "   \n  "),
    ("unicode", "日本語のテキスト 🎉 café"),
]:
    case(P, "PString", "json" if label in ("quoted", "json_escapes", "object", "number") else "prose", label, text)
case(P, "PString", "fenced", "json_fence_string", f'{FENCE}json\n"Paris"\n{FENCE}')

for cat, label, text in [
    ("json", "plain", "42"),
    ("json", "negative", "-17"),
    ("json", "zero", "0"),
    ("json", "big", "9007199254740993"),
    ("coerce", "quoted", '"42"'),
    ("coerce", "thousands_comma", "1,234"),
    ("coerce", "thousands_quoted", '"1,234,567"'),
    ("coerce", "dollar", "$5"),
    ("coerce", "dollar_comma", "$1,200"),
    ("coerce", "percent", "50%"),
    ("coerce", "fraction", "1/2"),
    ("coerce", "fraction_big", "7/2"),
    ("coerce", "exponent", "1e3"),
    ("coerce", "float_round_down", "3.2"),
    ("coerce", "float_round_up", "3.7"),
    ("coerce", "float_half", "2.5"),
    ("coerce", "negative_float", "-3.7"),
    ("coerce", "plus_sign", "+8"),
    ("prose", "in_sentence", "The answer is 42."),
    ("prose", "two_numbers", "Between 3 and 5, I'd say 4."),
    ("prose", "words", "forty-two"),
    ("json", "in_object", '{"value": 42}'),
    ("coerce", "one_elem_list", "[42]"),
    ("coerce", "two_elem_list", "[1, 2]"),
    ("fenced", "fence", f"{FENCE}json\n42\n{FENCE}"),
    ("coerce", "bool", "true"),
    ("error", "empty", ""),
    ("error", "null", "null"),
    ("coerce", "trailing_text", "42 apples"),
    ("coerce", "euro", "€99"),
    ("coerce", "spaces_in_number", "1 000"),
]:
    case(P, "PInt", cat, label, text)

for cat, label, text in [
    ("json", "plain", "3.14"),
    ("json", "int", "3"),
    ("json", "negative", "-0.5"),
    ("json", "exponent", "6.02e23"),
    ("coerce", "quoted", '"2.718"'),
    ("coerce", "comma", "1,234.56"),
    ("coerce", "dollar", "$19.99"),
    ("coerce", "percent", "12.5%"),
    ("coerce", "fraction", "1/4"),
    ("coerce", "european", "3,5"),
    ("coerce", "leading_dot", ".5"),
    ("prose", "in_sentence", "I estimate roughly 0.85 probability."),
    ("json", "in_object", '{"score": 0.9}'),
    ("error", "text", "unknown"),
    ("coerce", "trailing_dot", "5."),
]:
    case(P, "PFloat", cat, label, text)

for cat, label, text in [
    ("json", "true", "true"),
    ("json", "false", "false"),
    ("coerce", "True", "True"),
    ("coerce", "FALSE", "FALSE"),
    ("coerce", "quoted", '"true"'),
    ("coerce", "yes", "yes"),
    ("coerce", "no", "No"),
    ("coerce", "one", "1"),
    ("coerce", "zero", "0"),
    ("prose", "sentence_true", "The answer is true."),
    ("prose", "sentence_false", "After checking, false."),
    ("prose", "both", "It could be true or false."),
    ("fenced", "fence", f"{FENCE}\ntrue\n{FENCE}"),
    ("json", "in_object", '{"result": true}'),
    ("error", "maybe", "maybe"),
    ("coerce", "list", "[false]"),
]:
    case(P, "PBool", cat, label, text)

for cat, label, text in [
    ("json", "value", "7"),
    ("json", "null", "null"),
    ("coerce", "None", "None"),
    ("coerce", "empty", ""),
    ("coerce", "text", "no idea"),
    ("coerce", "quoted_null", '"null"'),
]:
    case(P, "POptInt", cat, label, text)
for cat, label, text in [
    ("json", "null", "null"),
    ("prose", "text", "something"),
    ("coerce", "empty", ""),
]:
    case(P, "POptString", cat, label, text)
for cat, label, text in [("json", "null", "null"), ("coerce", "text", "nothing here"), ("coerce", "empty", "")]:
    case(P, "PNull", cat, label, text)

# ------------------------------------------------------------------ classes
C = "classes"
for cat, label, text in [
    ("json", "plain", '{"name": "Alice", "age": 30}'),
    ("json", "reordered", '{"age": 30, "name": "Alice"}'),
    ("json", "extra_field", '{"name": "Alice", "age": 30, "city": "Paris"}'),
    ("json", "pretty", '{\n  "name": "Bob Smith",\n  "age": 45\n}'),
    ("fenced", "json_fence", f'{FENCE}json\n{{"name": "Alice", "age": 30}}\n{FENCE}'),
    ("fenced", "bare_fence", f'{FENCE}\n{{"name": "Alice", "age": 30}}\n{FENCE}'),
    ("fenced", "unclosed_fence", f'{FENCE}json\n{{"name": "Alice", "age": 30}}\n'),
    ("fenced", "fence_with_prose",
     f'Here is the person you asked for:\n\n{FENCE}json\n{{\n  "name": "Alice",\n  "age": 30\n}}\n{FENCE}\n\nLet me know if you need anything else!'),
    ("fenced", "two_fences_first_bad",
     f'{FENCE}json\n{{"name": "Alice"}}\n{FENCE}\n\nCorrection:\n{FENCE}json\n{{"name": "Alice", "age": 31}}\n{FENCE}'),
    ("fenced", "two_fences_both_good",
     f'{FENCE}json\n{{"name": "Alice", "age": 30}}\n{FENCE}\n{FENCE}json\n{{"name": "Bob", "age": 40}}\n{FENCE}'),
    ("fenced", "fence_other_lang", f'{FENCE}javascript\n{{name: "Alice", age: 30}}\n{FENCE}'),
    ("prose", "sure_here", 'Sure! Here is the extracted data: {"name": "Alice", "age": 30}. Hope that helps.'),
    ("prose", "reasoning_first",
     'Let me think step by step. The text mentions Alice, who turned 30 last month.\n\nAnswer:\n{"name": "Alice", "age": 30}'),
    ("prose", "braces_in_prose", 'I used {curly braces} in my notes. Result: {"name": "Alice", "age": 30}'),
    ("multi", "two_objects", '{"name": "Alice", "age": 30}\n{"name": "Bob", "age": 40}'),
    ("multi", "partial_then_full", '{"name": "Alice"} and then {"name": "Alice", "age": 30}'),
    ("multi", "array_of_two", '[{"name": "Alice", "age": 30}, {"name": "Bob", "age": 40}]'),
    ("malformed", "trailing_comma", '{"name": "Alice", "age": 30,}'),
    ("malformed", "missing_comma", '{"name": "Alice" "age": 30}'),
    ("malformed", "missing_comma_newline", '{\n  "name": "Alice"\n  "age": 30\n}'),
    ("malformed", "unquoted_keys", '{name: "Alice", age: 30}'),
    ("malformed", "unquoted_values", '{name: Alice, age: 30}'),
    ("malformed", "unquoted_value_spaces", '{name: Alice Cooper, age: 30}'),
    ("malformed", "single_quotes", "{'name': 'Alice', 'age': 30}"),
    ("malformed", "line_comment", '{\n  "name": "Alice", // her first name\n  "age": 30\n}'),
    ("malformed", "hash_comment", '{\n  "name": "Alice", # first name\n  "age": 30\n}'),
    ("malformed", "block_comment", '{"name": /* the name */ "Alice", "age": 30}'),
    ("malformed", "triple_quoted", '{"name": """Alice""", "age": 30}'),
    ("malformed", "backticks", '{"name": `Alice`, "age": 30}'),
    ("malformed", "unterminated_string", '{"name": "Alice, "age": 30}'),
    ("malformed", "unclosed_object", '{"name": "Alice", "age": 30'),
    ("malformed", "unclosed_after_string", '{"age": 30, "name": "Alice'),
    ("malformed", "newline_in_string", '{"name": "Alice\nSmith", "age": 30}'),
    ("malformed", "escaped_quote", '{"name": "Alice \\"Al\\" Smith", "age": 30}'),
    ("malformed", "unescaped_inner_quote", '{"name": "Alice "Al" Smith", "age": 30}'),
    ("coerce", "age_string", '{"name": "Alice", "age": "30"}'),
    ("coerce", "age_float", '{"name": "Alice", "age": 30.6}'),
    ("coerce", "age_words", '{"name": "Alice", "age": "30 years"}'),
    ("coerce", "name_number", '{"name": 123, "age": 30}'),
    ("coerce", "key_case", '{"Name": "Alice", "AGE": 30}'),
    ("coerce", "key_spaces", '{" name ": "Alice", "age ": 30}'),
    ("coerce", "name_object", '{"name": {"first": "Alice", "last": "Smith"}, "age": 30}'),
    ("coerce", "wrapped_in_list", '[{"name": "Alice", "age": 30}]'),
    ("error", "missing_age", '{"name": "Alice"}'),
    ("error", "missing_all", "{}"),
    ("error", "age_null", '{"name": "Alice", "age": null}'),
    ("error", "no_json", "I could not find a person in the text."),
    ("error", "empty", ""),
    ("error", "age_unparseable", '{"name": "Alice", "age": "unknown"}'),
]:
    case(C, "CPerson", cat, label, text)

for cat, label, text in [
    ("json", "full", '{"name": "Ann", "email": "ann@example.com", "phone": "+1 555 0100", '
                     '"address": {"street": "1 Main St", "city": "Springfield", "zip": "12345"}}'),
    ("json", "only_name", '{"name": "Ann"}'),
    ("json", "explicit_nulls", '{"name": "Ann", "email": null, "phone": null, "address": null}'),
    ("json", "address_no_zip", '{"name": "Ann", "address": {"street": "1 Main St", "city": "Springfield"}}'),
    ("coerce", "address_missing_city", '{"name": "Ann", "address": {"street": "1 Main St"}}'),
    ("coerce", "zip_number", '{"name": "Ann", "address": {"street": "1 Main St", "city": "Springfield", "zip": 12345}}'),
    ("coerce", "address_string", '{"name": "Ann", "address": "1 Main St, Springfield"}'),
    ("malformed", "python_none", "{'name': 'Ann', 'email': None, 'phone': None, 'address': None}"),
    ("malformed", "nested_unclosed", '{"name": "Ann", "address": {"street": "1 Main St", "city": "Springfield"'),
    ("coerce", "email_empty", '{"name": "Ann", "email": ""}'),
]:
    case(C, "CContact", cat, label, text)

company = ('{\n  "name": "Acme Corp",\n  "founded": 1947,\n  "ceo": {"name": "Wile E. Coyote", "age": 62},\n'
           '  "headquarters": {"street": "100 Desert Rd", "city": "Phoenix", "zip": "85001"}\n}')
case(C, "CCompany", "json", "full", company)
case(C, "CCompany", "fenced", "fence_prose", f"Here's the company profile:\n{FENCE}json\n{company}\n{FENCE}")
case(C, "CCompany", "malformed", "unquoted_nested",
     '{name: Acme Corp, founded: 1947, ceo: {name: Wile E. Coyote, age: 62}, headquarters: {street: 100 Desert Rd, city: Phoenix,},}')
case(C, "CCompany", "error", "ceo_missing_age",
     '{"name": "Acme", "ceo": {"name": "Wile"}, "headquarters": {"street": "1", "city": "Phoenix"}}')
case(C, "CCompany", "coerce", "founded_string",
     '{"name": "Acme", "founded": "est. 1947", "ceo": {"name": "Wile", "age": 62}, "headquarters": {"street": "1", "city": "Phoenix"}}')
prefixes(C, "CCompany", "company", company, 9)

for cat, label, text in [
    ("json", "by_alias", '{"fullName": "Jane Doe", "age": 28, "active": true, "nick-name": "JD"}'),
    ("json", "by_name", '{"full_name": "Jane Doe", "years": 28, "is_active": true, "nickname": "JD"}'),
    ("coerce", "alias_case", '{"FullName": "Jane Doe", "AGE": 28, "Active": "yes"}'),
    ("coerce", "alias_punct", '{"full name": "Jane Doe", "age": 28, "active": false, "nick_name": "JD"}'),
    ("coerce", "mixed", '{"fullName": "Jane Doe", "years": 28, "active": false}'),
    ("error", "missing_age", '{"fullName": "Jane Doe", "active": true}'),
]:
    case(C, "CAliased", cat, label, text)
case(C, "CAliased", "partial", "alias_partial", '{"fullName": "Jane Doe", "age": 2', partial=True)

for cat, label, text in [
    ("json", "plain", '{"title": "Dune", "rating": 4.5}'),
    ("json", "skip_field_given", '{"title": "Dune", "internal_id": "X-99", "rating": 4.5}'),
    ("coerce", "rating_string", '{"title": "Dune", "rating": "4.5/5"}'),
    ("coerce", "rating_int", '{"title": "Dune", "rating": 4}'),
]:
    case(C, "CWithSkip", cat, label, text)

for cat, label, text in [
    ("json", "object", '{"value": 5}'),
    ("coerce", "scalar", "5"),
    ("coerce", "scalar_string", '"5"'),
    ("coerce", "scalar_in_prose", "The value is 5."),
    ("coerce", "other_key", '{"val": 5}'),
    ("coerce", "list_of_one", "[5]"),
]:
    case(C, "CWrapper", cat, label, text)
for cat, label, text in [
    ("json", "object", '{"text": "remember the milk"}'),
    ("coerce", "scalar_text", "remember the milk"),
    ("coerce", "quoted_text", '"remember the milk"'),
    ("coerce", "object_other_key", '{"note": "remember the milk"}'),
]:
    case(C, "CNote", cat, label, text)
for cat, label, text in [
    ("json", "empty_object", "{}"),
    ("json", "some", '{"b": 2}'),
    ("coerce", "text", "nothing to say"),
    ("coerce", "empty", ""),
    ("coerce", "types", '{"a": 1, "b": "2", "c": "false"}'),
]:
    case(C, "CAllOptional", cat, label, text)

outer = '{"label": "root", "inner": {"depth": 2, "leaf": {"ok": true, "tags": ["x", "y", "z"]}}}'
for cat, label, text in [
    ("json", "deep", outer),
    ("json", "no_leaf", '{"label": "root", "inner": {"depth": 1}}'),
    ("coerce", "leaf_tags_string", '{"label": "root", "inner": {"depth": 2, "leaf": {"ok": "true", "tags": "x"}}}'),
    ("malformed", "deep_unclosed", '{"label": "root", "inner": {"depth": 2, "leaf": {"ok": true, "tags": ["x", "y"'),
    ("error", "inner_missing", '{"label": "root"}'),
]:
    case(C, "COuter", cat, label, text)
prefixes(C, "COuter", "outer", outer, 6, final=False)

for cat, label, text in [
    ("json", "null", "null"),
    ("json", "person", '{"name": "Al", "age": 3}'),
    ("coerce", "text", "No person mentioned."),
    ("coerce", "incomplete", '{"name": "Al"}'),
]:
    case(C, "COptPerson", cat, label, text)

# ------------------------------------------------------------------ enums
E = "enums"
for cat, label, text in [
    ("json", "exact", "POSITIVE"),
    ("json", "quoted", '"NEGATIVE"'),
    ("coerce", "lower", "neutral"),
    ("coerce", "title", "Positive"),
    ("coerce", "punct", "**POSITIVE**"),
    ("coerce", "trailing_period", "Negative."),
    ("prose", "in_sentence", "The sentiment of this review is POSITIVE because the user loved it."),
    ("prose", "reasoning_then_answer", "The reviewer complains about the delay but praises support.\n\nAnswer: NEUTRAL"),
    ("prose", "two_values", "It is POSITIVE, not NEGATIVE."),
    ("prose", "two_values_repeated", "POSITIVE or NEGATIVE? Definitely NEGATIVE. NEGATIVE."),
    ("json", "object", '{"sentiment": "POSITIVE"}'),
    ("fenced", "fence", f"{FENCE}\nNEGATIVE\n{FENCE}"),
    ("coerce", "list", '["NEUTRAL"]'),
    ("error", "unknown", "HAPPY"),
    ("error", "empty", ""),
]:
    case(E, "ESentiment", cat, label, text)
for cat, label, text in [
    ("coerce", "name_of_aliased", "BUG"),
    ("coerce", "alias", "bug-report"),
    ("coerce", "alias_case", "Bug-Report"),
    ("coerce", "alias_short", "q"),
    ("coerce", "description", "Something is broken"),
    ("coerce", "name_with_description", "FEATURE: A new capability"),
    ("coerce", "description_only", "A new capability"),
    ("prose", "alias_in_sentence", "This is clearly a bug-report."),
    ("error", "skipped", "SPAM"),
    ("coerce", "name_contains_alias", "QUESTION"),
    ("coerce", "lower_name", "feature"),
]:
    case(E, "ECategory", cat, label, text)
for cat, label, text in [
    ("coerce", "alias", "Senior Engineer"),
    ("coerce", "alias_lower", "senior engineer"),
    ("coerce", "alias_punct", "Mid-Level engineer!"),
    ("json", "name", "STAFF"),
    ("coerce", "name_aliased", "JUNIOR"),
    ("prose", "sentence", "Based on 8 years of experience I would rate them a Senior Engineer."),
    ("prose", "ambiguous", "Somewhere between Junior Engineer and Senior Engineer."),
]:
    case(E, "ESeniority", cat, label, text)
for cat, label, text in [
    ("json", "exact", "DarkRed"),
    ("coerce", "spaced", "dark red"),
    ("coerce", "underscore", "LIGHT_BLUE"),
    ("coerce", "lower", "red"),
    ("prose", "substring", "The color is Light Blue."),
    ("prose", "contains_other", "Blue, like the sky"),
]:
    case(E, "EColor", cat, label, text)
for cat, label, text in [
    ("json", "value", "NEGATIVE"),
    ("json", "null", "null"),
    ("coerce", "unknown", "no idea"),
    ("coerce", "empty", ""),
]:
    case(E, "EOptSentiment", cat, label, text)
for cat, label, text in [
    ("json", "list", '["BUG", "FEATURE"]'),
    ("coerce", "aliases", '["bug-report", "q", "feature"]'),
    ("coerce", "single", "BUG"),
    ("coerce", "with_unknown", '["BUG", "NONSENSE", "QUESTION", "q"]'),
    ("coerce", "skipped_in_list", '["SPAM", "BUG"]'),
    ("malformed", "unquoted", "[BUG, FEATURE, q]"),
    ("prose", "bulleted", "- BUG\n- FEATURE"),
    ("json", "empty", "[]"),
]:
    case(E, "ECategories", cat, label, text)
for cat, label, text in [
    ("json", "full", '{"title": "App crashes on login", "category": "BUG", "sentiment": "NEGATIVE"}'),
    ("coerce", "alias_values", '{"title": "How do I export?", "category": "q", "sentiment": "neutral"}'),
    ("coerce", "bad_sentiment", '{"title": "Dark mode", "category": "FEATURE", "sentiment": "EXCITED"}'),
    ("error", "bad_category", '{"title": "Hello", "category": "GREETING"}'),
    ("malformed", "unquoted", '{title: Dark mode please, category: FEATURE}'),
]:
    case(E, "ETicket", cat, label, text)
case(E, "ETicket", "partial", "cut_in_enum", '{"title": "Crash", "category": "BU', partial=True)
case(E, "ETicket", "partial", "cut_after_enum", '{"title": "Crash", "category": "BUG"', partial=True)
case(E, "ESentiment", "partial", "cut", "POSI", partial=True)

# ------------------------------------------------------------------ collections
L = "collections"
for cat, label, text in [
    ("json", "plain", '["apple", "banana", "cherry"]'),
    ("json", "empty", "[]"),
    ("coerce", "bare_string", "apple"),
    ("coerce", "bare_quoted", '"apple"'),
    ("malformed", "trailing_comma", '["apple", "banana",]'),
    ("malformed", "unquoted", "[apple, banana, cherry]"),
    ("malformed", "single_quotes", "['apple', 'banana']"),
    ("malformed", "unclosed", '["apple", "banana"'),
    ("malformed", "missing_commas", '["apple" "banana" "cherry"]'),
    ("coerce", "mixed_types", '["a", 1, true, null, 2.5]'),
    ("prose", "bulleted", "Here are the fruits:\n- apple\n- banana\n- cherry"),
    ("prose", "numbered", "1. apple\n2. banana\n3. cherry"),
    ("fenced", "fence", f'{FENCE}json\n["apple", "banana"]\n{FENCE}'),
    ("coerce", "object_wrapping", '{"fruits": ["apple", "banana"]}'),
    ("multi", "two_arrays", '["a", "b"]\n["c"]'),
    ("coerce", "nested_list", '[["a", "b"], ["c"]]'),
    ("coerce", "objects", '[{"name": "a"}, {"name": "b"}]'),
]:
    case(L, "LStrings", cat, label, text)
for cat, label, text in [
    ("json", "plain", "[1, 2, 3]"),
    ("coerce", "strings", '["1", "2", "3"]'),
    ("coerce", "floats", "[1.4, 2.6]"),
    ("coerce", "bad_item", '[1, "two", 3]'),
    ("coerce", "bare_int", "7"),
    ("coerce", "comma_numbers", '["1,000", "2,500"]'),
    ("prose", "csv_line", "1, 2, 3"),
    ("malformed", "python_list", "[1, 2, 3,]"),
    ("coerce", "null_item", "[1, null, 3]"),
]:
    case(L, "LInts", cat, label, text)
case(L, "LFloats", "json", "plain", "[1.5, 2, -3.25]")
case(L, "LFloats", "coerce", "percents", '["10%", "20.5%"]')
case(L, "LFloats", "coerce", "fractions", '["1/2", "3/4"]')
case(L, "LFloats", "coerce", "money", '["$1.50", "$1,000.00"]')

items = '[\n  {"name": "widget", "qty": 3},\n  {"name": "gadget", "qty": 10},\n  {"name": "doohickey", "qty": 1}\n]'
for cat, label, text in [
    ("json", "plain", items),
    ("coerce", "single_object", '{"name": "widget", "qty": 3}'),
    ("coerce", "one_bad_item", '[{"name": "widget", "qty": 3}, {"name": "gadget"}, {"name": "thing", "qty": 2}]'),
    ("malformed", "unquoted", "[{name: widget, qty: 3}, {name: gadget, qty: 10},]"),
    ("fenced", "fence_prose", f"I found three items.\n\n{FENCE}json\n{items}\n{FENCE}\n"),
    ("multi", "objects_one_per_line", '{"name": "widget", "qty": 3}\n{"name": "gadget", "qty": 10}'),
    ("coerce", "wrapped", '{"items": [{"name": "widget", "qty": 3}]}'),
    ("coerce", "qty_strings", '[{"name": "widget", "qty": "3 units"}]'),
]:
    case(L, "LItems", cat, label, text)
prefixes(L, "LItems", "items", items, 5)

for cat, label, text in [
    ("json", "plain", "[[1, 2], [3, 4]]"),
    ("coerce", "flat", "[1, 2, 3]"),
    ("coerce", "scalar", "5"),
    ("malformed", "unclosed", "[[1, 2], [3"),
    ("json", "ragged", "[[1], [], [2, 3, 4]]"),
]:
    case(L, "LMatrix", cat, label, text)

for cat, label, text in [
    ("json", "plain", '{"apples": 3, "pears": 5}'),
    ("json", "empty", "{}"),
    ("coerce", "string_values", '{"apples": "3", "pears": "5.0"}'),
    ("coerce", "bad_value", '{"apples": 3, "pears": "many"}'),
    ("malformed", "unquoted", "{apples: 3, pears: 5,}"),
    ("malformed", "single_quotes", "{'apples': 3}"),
    ("coerce", "keys_with_spaces", '{"red apples": 3, "Green Pears": 5}'),
    ("coerce", "list_of_pairs", '[{"apples": 3}, {"pears": 5}]'),
    ("error", "scalar", "5"),
    ("prose", "prose_map", 'Counts: {"apples": 3, "pears": 5} as requested.'),
    ("coerce", "numeric_keys", '{"1": 10, "2": 20}'),
    ("coerce", "duplicate_keys", '{"a": 1, "a": 2}'),
]:
    case(L, "MStringInt", cat, label, text)
for cat, label, text in [
    ("json", "plain", '{"en": "hello", "fr": "bonjour"}'),
    ("coerce", "non_string_values", '{"a": 1, "b": true, "c": null, "d": {"x": 1}}'),
    ("malformed", "multiline_values", '{\n  en: hello world,\n  fr: bonjour le monde\n}'),
]:
    case(L, "MStringString", cat, label, text)
for cat, label, text in [
    ("json", "names", '{"APPLE": 1, "BANANA": 2, "CHERRY": 3}'),
    ("coerce", "lower", '{"apple": 1, "cherry": 3}'),
    ("coerce", "alias", '{"banana fruit": 2}'),
    ("coerce", "unknown_key", '{"APPLE": 1, "GRAPE": 9}'),
    ("json", "empty", "{}"),
]:
    case(L, "MEnumKey", cat, label, text)
for cat, label, text in [
    ("json", "both", '{"low": "ok", "high": "alert"}'),
    ("coerce", "case", '{"LOW": "ok", "High": "alert"}'),
    ("coerce", "unknown_key", '{"low": "ok", "medium": "hmm"}'),
]:
    case(L, "MLiteralKey", cat, label, text)
case(L, "MStringItems", "json", "plain",
     '{"kitchen": [{"name": "spoon", "qty": 12}], "garage": [{"name": "hammer", "qty": 1}, {"name": "nail", "qty": 200}]}')
case(L, "MStringItems", "coerce", "single_items", '{"kitchen": {"name": "spoon", "qty": 12}}')
case(L, "MNested", "json", "plain", '{"q1": {"revenue": 1.5, "cost": 0.75}, "q2": {"revenue": 2}}')
case(L, "MNested", "malformed", "unclosed", '{"q1": {"revenue": 1.5, "cost": 0.75}, "q2": {"revenue": 2')
case(L, "LOptInts", "json", "nulls", "[1, null, 3]")
case(L, "LOptInts", "coerce", "bad_item", '[1, "x", 3]')
case(L, "MStringInt", "partial", "cut_value", '{"apples": 3, "pears": 5', partial=True)
case(L, "MStringInt", "partial", "cut_key", '{"apples": 3, "pe', partial=True)
case(L, "LStrings", "partial", "cut_string", '["apple", "ban', partial=True)

# ------------------------------------------------------------------ unions
U = "unions"
for fn in ("UIntString", "UStringInt"):
    for cat, label, text in [
        ("json", "int", "42"),
        ("json", "string", '"hello"'),
        ("prose", "text", "hello there"),
        ("coerce", "numeric_string", '"42"'),
        ("coerce", "float", "4.5"),
        ("prose", "number_in_text", "about 42 of them"),
    ]:
        case(U, fn, cat, label, text)
for cat, label, text in [
    ("json", "int", "3"),
    ("json", "float", "3.5"),
    ("json", "float_whole", "3.0"),
    ("coerce", "string_float", '"2.25"'),
    ("coerce", "fraction", "1/3"),
]:
    case(U, "UIntFloat", cat, label, text)
for cat, label, text in [
    ("json", "bool", "true"),
    ("json", "int", "1"),
    ("coerce", "yes", "yes"),
    ("coerce", "string_int", '"0"'),
]:
    case(U, "UBoolInt", cat, label, text)
for cat, label, text in [
    ("json", "cat", '{"name": "Tom", "lives": 9}'),
    ("json", "dog", '{"name": "Rex", "breed": "Labrador", "good_boy": true}'),
    ("coerce", "dog_missing_one", '{"name": "Rex", "breed": "Labrador"}'),
    ("coerce", "cat_lives_string", '{"name": "Tom", "lives": "nine"}'),
    ("coerce", "only_name", '{"name": "Felix"}'),
    ("coerce", "both_fields", '{"name": "Odd", "lives": 3, "breed": "Mutt", "good_boy": false}'),
    ("coerce", "wrapped", '{"pet": {"name": "Rex", "breed": "Pug", "good_boy": true}}'),
    ("malformed", "dog_unquoted", "{name: Rex, breed: Labrador, good_boy: True}"),
    ("error", "text", "I have no pets."),
]:
    case(U, "UPet", cat, label, text)
for cat, label, text in [
    ("json", "circle", '{"radius": 2.5}'),
    ("json", "rect", '{"width": 3, "height": 4}'),
    ("coerce", "scalar", "2.5"),
    ("coerce", "rect_partial", '{"width": 3}'),
]:
    case(U, "UShape", cat, label, text)
for cat, label, text in [
    ("json", "success", '{"data": "all good"}'),
    ("json", "failure", '{"error": "not found", "code": 404}'),
    ("coerce", "failure_no_code", '{"error": "timeout"}'),
    ("coerce", "string", "all good"),
    ("coerce", "both", '{"data": "x", "error": "y"}'),
]:
    case(U, "UResult", cat, label, text)
pets = ('[\n  {"name": "Tom", "lives": 9},\n  {"name": "Rex", "breed": "Beagle", "good_boy": true},\n'
        '  {"name": "Luna", "lives": 7}\n]')
for cat, label, text in [
    ("json", "mixed", pets),
    ("coerce", "with_bad", '[{"name": "Tom", "lives": 9}, {"species": "fish"}, {"name": "Rex", "breed": "Pug", "good_boy": false}]'),
    ("coerce", "single", '{"name": "Tom", "lives": 9}'),
]:
    case(U, "UPets", cat, label, text)
prefixes(U, "UPets", "pets", pets, 7)
for cat, label, text in [
    ("json", "string", '"solo"'),
    ("json", "list", '["a", "b"]'),
    ("prose", "text", "just one thing"),
    ("coerce", "list_unquoted", "[a, b]"),
]:
    case(U, "UStringOrList", cat, label, text)
for cat, label, text in [
    ("json", "enum", "HAPPY"),
    ("coerce", "enum_lower", "sad"),
    ("prose", "other", "ecstatic"),
    ("prose", "sentence_with_enum", "I feel HAPPY today"),
]:
    case(U, "UEnumOrString", cat, label, text)
for cat, label, text in [
    ("json", "null", "null"),
    ("json", "cat", '{"name": "Tom", "lives": 9}'),
    ("coerce", "text", "none"),
    ("coerce", "empty", ""),
]:
    case(U, "UOptPet", cat, label, text)
for cat, label, text in [
    ("json", "int", "7"),
    ("json", "cat", '{"name": "Tom", "lives": 9}'),
    ("coerce", "cat_lives_only", '{"lives": 9}'),
    ("coerce", "string_int", '"7"'),
]:
    case(U, "UClassOrInt", cat, label, text)

# ------------------------------------------------------------------ literals
T = "literals"
for cat, label, text in [
    ("json", "exact", "yes"),
    ("json", "quoted", '"no"'),
    ("coerce", "case", "Maybe"),
    ("coerce", "punct", "Yes!"),
    ("prose", "sentence", "I think the answer is no."),
    ("prose", "both", "yes and no"),
    ("error", "other", "perhaps"),
    ("json", "object", '{"answer": "yes"}'),
]:
    case(T, "TStringLit", cat, label, text)
for cat, label, text in [
    ("json", "two", "2"),
    ("coerce", "string", '"3"'),
    ("coerce", "float", "1.0"),
    ("error", "four", "4"),
    ("prose", "sentence", "I'd give it a 3."),
]:
    case(T, "TIntLit", cat, label, text)
for cat, label, text in [
    ("json", "true", "true"),
    ("error", "false", "false"),
    ("coerce", "True", "True"),
]:
    case(T, "TBoolLit", cat, label, text)
for cat, label, text in [("json", "exact", "only"), ("coerce", "quoted_case", '"ONLY"'), ("error", "other", "other")]:
    case(T, "TSingle", cat, label, text)
for cat, label, text in [
    ("json", "click", '{"kind": "click", "x": 10, "y": 20}'),
    ("json", "key", '{"kind": "key", "key": "Enter"}'),
    ("coerce", "kind_case", '{"kind": "CLICK", "x": 1, "y": 2}'),
    ("coerce", "wrong_kind", '{"kind": "key", "x": 1, "y": 2}'),
    ("coerce", "no_kind", '{"key": "Esc"}'),
]:
    case(T, "TEvent", cat, label, text)
events = '[{"kind": "click", "x": 1, "y": 2}, {"kind": "key", "key": "a"}, {"kind": "click", "x": 30, "y": 40}]'
case(T, "TEvents", "json", "mixed", events)
prefixes(T, "TEvents", "events", events, 8, final=False)
for cat, label, text in [
    ("json", "plain", '{"mode": "fast", "level": 2, "enabled": true}'),
    ("coerce", "strings", '{"mode": "SLOW", "level": "3", "enabled": "true"}'),
    ("error", "bad_level", '{"mode": "fast", "level": 5, "enabled": true}'),
    ("error", "disabled", '{"mode": "fast", "level": 1, "enabled": false}'),
]:
    case(T, "TFlags", cat, label, text)
case(T, "TFlags", "partial", "cut_literal", '{"mode": "fa', partial=True)
for cat, label, text in [("json", "int", "12"), ("json", "none", "none"), ("coerce", "none_quoted", '"None"')]:
    case(T, "TMixed", cat, label, text)

# ------------------------------------------------------------------ recursive and aliases
R = "recursive"
case(R, "RTags", "json", "plain", '["a", "b"]')
case(R, "RTags", "coerce", "single", "a")
case(R, "RTagged", "json", "plain", '{"tags": ["x"], "score": 0.5, "label": "urgent"}')
case(R, "RTagged", "coerce", "coerced", '{"tags": "x", "score": "50%", "label": "Later"}')
case(R, "RTagged", "error", "bad_label", '{"tags": [], "score": 1, "label": "never"}')
tree = ('{"value": 1, "children": [{"value": 2, "children": []}, {"value": 3, "children": '
        '[{"value": 4, "children": []}]}]}')
case(R, "RTree", "json", "plain", tree)
case(R, "RTree", "coerce", "missing_children", '{"value": 1, "children": [{"value": 2}]}')
case(R, "RTree", "malformed", "unclosed", '{"value": 1, "children": [{"value": 2, "children": [{"value": 3')
case(R, "RTree", "coerce", "child_object", '{"value": 1, "children": {"value": 2, "children": []}}')
prefixes(R, "RTree", "tree", tree, 10, final=False)
case(R, "RList", "json", "three", '{"head": {"data": 1, "next": {"data": 2, "next": {"data": 3, "next": null}}}, "len": 3}')
case(R, "RList", "json", "empty", '{"head": null, "len": 0}')
case(R, "RList", "coerce", "no_next", '{"head": {"data": 1}, "len": 1}')
case(R, "RExpr", "json", "nested", '{"op": "+", "args": [1, {"op": "*", "args": [2, 3]}]}')
case(R, "RExpr", "coerce", "string_args", '{"op": "neg", "args": ["5"]}')
for cat, label, text in [
    ("json", "object", '{"a": 1, "b": [true, null, "x"], "c": {"d": 2.5}}'),
    ("json", "int", "42"),
    ("json", "float", "4.5"),
    ("json", "string", '"hi"'),
    ("json", "null", "null"),
    ("json", "array", "[1, \"two\", [3]]"),
    ("prose", "text", "hello"),
    ("malformed", "unquoted", "{a: 1, b: [x, y]}"),
    ("fenced", "fence", f'{FENCE}json\n{{"k": [1, 2]}}\n{FENCE}'),
]:
    case(R, "RJson", cat, label, text)
case(R, "RJson", "partial", "cut", '{"a": [1, 2, {"b": "hel', partial=True)

# ------------------------------------------------------------------ checks
K = "checks"
for cat, label, text in [
    ("json", "pass", '{"stars": 4, "comment": "Solid product"}'),
    ("json", "fail_range", '{"stars": 9, "comment": "Best thing ever"}'),
    ("json", "fail_two", '{"stars": 0, "comment": ""}'),
    ("json", "long_comment", '{"stars": 3, "comment": "This is a very long comment that goes on and on"}'),
    ("coerce", "stars_string", '{"stars": "5", "comment": "ok"}'),
    ("error", "missing", '{"stars": 5}'),
]:
    case(K, "KRating", cat, label, text)
case(K, "KRating", "partial", "cut_comment", '{"stars": 4, "comment": "Sol', partial=True)
case(K, "KRating", "partial", "cut_stars", '{"stars": 4', partial=True)
case(K, "KRating", "partial", "empty", "", partial=True)
for cat, label, text in [
    ("json", "pass", '{"amount": 12.5, "currency": "EUR"}'),
    ("error", "negative", '{"amount": -1, "currency": "EUR"}'),
    ("error", "currency", '{"amount": 5, "currency": "euro"}'),
    ("coerce", "amount_string", '{"amount": "$1,000", "currency": "USD"}'),
]:
    case(K, "KPayment", cat, label, text)
case(K, "KPayment", "partial", "cut_amount", '{"amount": 12', partial=True)
case(K, "KPayment", "partial", "cut_currency", '{"amount": 12.5, "currency": "EU', partial=True)
case(K, "KSpan", "json", "ordered", '{"start": 1, "end": 5}')
case(K, "KSpan", "json", "unordered", '{"start": 9, "end": 5}')
case(K, "KSpan", "partial", "cut", '{"start": 1, "end"', partial=True)
case(K, "KStrict", "json", "pass", '{"id": 3}')
case(K, "KStrict", "error", "fail", '{"id": -3}')
case(K, "KStrict", "coerce", "scalar", "8")
case(K, "KInventory", "json", "pass", '{"items": ["a"], "total": 3}')
case(K, "KInventory", "json", "fail", '{"items": [], "total": 5000}')
case(K, "KInventory", "json", "null_total", '{"items": ["a", "b"]}')
case(K, "KCheckedInt", "json", "even", "4")
case(K, "KCheckedInt", "json", "odd", "7")
case(K, "KCheckedInt", "coerce", "string", '"10"')
ratings = '[{"stars": 5, "comment": "Great"}, {"stars": 6, "comment": "Too good"}, {"stars": 2, "comment": "meh"}]'
case(K, "KRatings", "json", "list", ratings)
prefixes(K, "KRatings", "ratings", ratings, 9, final=False)

# ------------------------------------------------------------------ streaming
S = "streaming"
plan = ('Here is the plan:\n\n' + FENCE + 'json\n{\n  "goal": "Ship the release",\n  "steps": [\n'
        '    {"id": 1, "title": "Freeze the branch", "done": true},\n'
        '    {"id": 2, "title": "Run the full test suite", "done": false},\n'
        '    {"id": 3, "title": "Tag v2.0", "done": false}\n  ],\n'
        '  "summary": "Three steps, one done."\n}\n' + FENCE + '\n')
prefixes(S, "SPlan", "plan", plan, 6)
done = '{"name": "Widget Pro", "count": 12, "tags": ["new", "sale", "hot"]}'
prefixes(S, "SDone", "done", done, 4)
notnull = '[{"body": "first message", "id": "m1"}, {"id": "m2", "body": "second message"}]'
prefixes(S, "SNotNull", "notnull", notnull, 5)
ws = '{"title": "Weekly report", "items": ["alpha", "beta", "gamma"], "note": "fine"}'
prefixes(S, "SWithState", "withstate", ws, 4)
holder = '{"atoms": [{"a": "one", "b": 1}, {"a": "two", "b": 22}], "label": "pair"}'
prefixes(S, "SHolder", "holder", holder, 5)
messages = ('[\n  {"role": "user", "content": "My order is late!", "sentiment": "ANGRY"},\n'
            '  {"role": "assistant", "content": "Sorry about that, let me check.", "sentiment": "CALM"}\n]')
prefixes(S, "SMessages", "messages", messages, 8)
doneitems = '[{"id": 1, "title": "a", "done": true}, {"id": 2, "title": "bb", "done": false}]'
prefixes(S, "SDoneItems", "doneitems", doneitems, 6)
story = "Once upon a time, there was a parser that never gave up on a string."
prefixes(S, "SString", "story", story, 11)
prefixes(S, "SString", "quoted_story", json.dumps(story), 13, final=False)
prefixes(S, "SInts", "ints", "[10, 200, 3000, 40000]", 3)
# prefixes a model writes in prose, with unquoted keys, cut mid-way
prefixes(S, "SPlan", "plan_unquoted", "{goal: Clean the garage, steps: [{id: 1, title: Sort boxes, done: false}]}", 7)
for label, text in [
    ("empty", ""),
    ("only_fence", f"{FENCE}json\n"),
    ("only_brace", "{"),
    ("prose_only", "Let me think about this."),
    ("key_cut", '{"go'),
    ("value_cut_after_colon", '{"goal":'),
    ("nested_cut", '{"goal": "x", "steps": [{"id": 1, "title": "T", "done": tr'),
    ("bool_cut", '{"goal": "x", "steps": [{"id": 1, "title": "T", "done": f'),
    ("number_cut", '{"goal": "x", "steps": [{"id": 12'),
    ("trailing_comma_cut", '{"goal": "x", "steps": [{"id": 1, "title": "T", "done": true},'),
]:
    case(S, "SPlan", "partial", label, text, partial=True)

# ------------------------------------------------------------------ realistic
X = "realistic"
resume = '''Sure! I extracted the candidate's resume below.

```json
{
  "name": "Maria Garcia",
  "email": "maria.garcia@example.com",
  "skills": ["Python", "Kubernetes", "PostgreSQL", "Go"],
  "experience": [
    {
      "company": "Stripe",
      "title": "Senior Software Engineer",
      "years": 4.5,
      "level": "Senior Engineer"
    },
    {
      "company": "Shopify",
      "title": "Software Engineer",
      "years": 2,
      "level": "mid"
    }
  ],
  "education": [
    {"school": "MIT", "degree": "BSc Computer Science", "year": 2015}
  ]
}
```

Note: the candidate did not list a phone number.'''
case(X, "ExtractResume", "fenced", "full", resume)
prefixes(X, "ExtractResume", "resume", resume, 23, final=False)
case(X, "ExtractResume", "malformed", "sloppy", '''{
  name: "Maria Garcia",
  email: None,  # not given
  skills: [Python, Kubernetes, 'PostgreSQL',],
  experience: [
    {company: Stripe, title: "Senior Software Engineer", years: "4.5 years", level: SENIOR},
    {company: Shopify, title: Software Engineer, years: 2}
  ],
  education: [],
}''')
case(X, "ExtractResume", "coerce", "list_item_missing_field",
     '{"name": "Maria", "skills": [], "experience": [{"company": "Stripe"}], "education": []}')
case(X, "ExtractResume", "coerce", "missing_lists", '{"name": "Maria Garcia"}')
case(X, "ExtractResume", "coerce", "skills_csv", '{"name": "M", "skills": "Python, Go", "experience": [], "education": []}')
invoice = ('{"invoiceNumber": "INV-2024-0042", "total": 1249.5, "paid": false, "items": [\n'
           '  {"description": "Consulting (hours)", "quantity": 10, "unit_price": 120.0},\n'
           '  {"description": "Travel", "quantity": 1, "unit_price": 49.5}\n], "notes": null}')
case(X, "ExtractInvoice", "json", "full", invoice)
prefixes(X, "ExtractInvoice", "invoice", invoice, 17, final=False)
case(X, "ExtractInvoice", "coerce", "money_strings",
     '{"invoice_number": "INV-7", "total": "$1,249.50", "paid": "No", "items": '
     '[{"description": "Consulting", "quantity": "10", "unit_price": "$120.00"}]}')
case(X, "ExtractInvoice", "prose", "prose_around",
     'I have parsed the invoice. {"invoiceNumber": "A1", "total": 10, "paid": true, "items": []} '
     'The invoice is fully paid.')
case(X, "ExtractInvoice", "multi", "two_candidates",
     'Option A: {"invoiceNumber": "A1", "total": 10, "paid": true, "items": []}\n'
     'Option B: {"invoiceNumber": "B2", "total": 20, "paid": false, "items": []}')
case(X, "ExtractInvoice", "error", "no_total", '{"invoiceNumber": "A1", "paid": true, "items": []}')
for cat, label, text in [
    ("json", "plain", '{"intent": "REFUND", "confidence": 0.92, "reasoning": "The customer asks for their money back."}'),
    ("coerce", "alias", '{"intent": "cancel", "confidence": "85%", "reasoning": "Wants to cancel."}'),
    ("coerce", "alias_spaces", '{"intent": "Technical Support", "confidence": 0.7, "reasoning": "Login issue."}'),
    ("coerce", "description", '{"intent": "customer wants money back", "confidence": 1, "reasoning": "x"}'),
    ("prose", "chain_of_thought",
     "The user writes: 'I want my money back, the product broke.' This is a refund request.\n\n"
     '{\n  "intent": "REFUND",\n  "confidence": 0.95,\n  "reasoning": "Explicit request for money back"\n}'),
    ("malformed", "python_dict", "{'intent': 'OTHER', 'confidence': 0.5, 'reasoning': 'Unclear', }"),
    ("error", "bad_intent", '{"intent": "PRAISE", "confidence": 0.5, "reasoning": "nice words"}'),
    ("malformed", "reasoning_multiline_unquoted", '{\n  intent: OTHER,\n  confidence: 0.4,\n  reasoning: the user\n  is vague\n}'),
]:
    case(X, "Classify", cat, label, text)
case(X, "Classify", "partial", "cut_reasoning", '{"intent": "REFUND", "confidence": 0.92, "reasoning": "The cus',
     partial=True)
case(X, "Classify", "partial", "cut_confidence", '{"intent": "REFUND", "confidence": 0.9', partial=True)
for cat, label, text in [
    ("json", "plain", '["REFUND", "CANCEL_ORDER"]'),
    ("coerce", "aliases", '["cancel", "technical support", "other"]'),
    ("prose", "prose_list", "The message contains two intents: REFUND and cancel."),
]:
    case(X, "ClassifyMany", cat, label, text)

# ------------------------------------------------------------------ more answers with several values
case(C, "CPerson", "multi", "adjacent_objects", '{"name": "Alice", "age": 30}{"name": "Bob", "age": 40}')
case(C, "CPerson", "multi", "first_incomplete_second_fenced",
     'Draft: {"name": "Al"}\n\nFinal:\n' + FENCE + 'json\n{"name": "Alice", "age": 30}\n' + FENCE)
case(L, "LItems", "multi", "adjacent_objects", '{"name": "a", "qty": 1}{"name": "b", "qty": 2}')
case(L, "LItems", "multi", "two_arrays", '[{"name": "a", "qty": 1}]\n[{"name": "b", "qty": 2}]')
case(L, "MStringInt", "multi", "two_maps", '{"a": 1}\n{"b": 2}')
case(U, "UPet", "multi", "cat_then_dog", '{"name": "Tom", "lives": 9}\n{"name": "Rex", "breed": "Pug", "good_boy": true}')
case(U, "UPets", "multi", "objects_in_prose",
     'First pet: {"name": "Tom", "lives": 9}. Second pet: {"name": "Rex", "breed": "Pug", "good_boy": true}.')
case(X, "Classify", "multi", "two_fences",
     FENCE + 'json\n{"intent": "OTHER", "confidence": 0.2, "reasoning": "first guess"}\n' + FENCE + '\nOn reflection:\n'
     + FENCE + 'json\n{"intent": "REFUND", "confidence": 0.9, "reasoning": "second guess"}\n' + FENCE)
case(E, "ESentiment", "multi", "two_fences", FENCE + '\nPOSITIVE\n' + FENCE + '\n' + FENCE + '\nNEGATIVE\n' + FENCE)
case(P, "PInt", "multi", "two_json_numbers", '{"a": 1}\n\n7')

# ------------------------------------------------------------------ where fences are, and the text after them
# BAML 0.226.2 opens a block only on a line of its own (maybe indented) with a tag; the text after
# the last closed block (or, for an unclosed block, everything) is one more candidate, which a
# union takes when it is plain prose (found by mutating the cases above against the oracle).
for label, text in [
    ("prose_after", f'{FENCE}json\n"x"\n{FENCE}\nmore text'),
    ("prose_after_blank_line", f'{FENCE}json\n"x"\n{FENCE}\n\nmore text'),
    ("json_after", f'{FENCE}json\n"x"\n{FENCE}\n"y"'),
    ("prose_then_fence_line", f'{FENCE}json\n"a"\n{FENCE}\nfoo\n{FENCE}'),
    ("two_blocks_then_prose", f'{FENCE}json\n"a"\n{FENCE}\nmore\n{FENCE}json\n"b"\n{FENCE}\nlast'),
    ("unclosed_after_prose", f'pre\n{FENCE}json\n"x"'),
    ("fence_after_prose_on_line", f'x {FENCE}json\n"hello"\n{FENCE}\nmore text'),
    ("bare_fence_then_prose", f'{FENCE}\n"hello"\n{FENCE}\nmore text'),
]:
    case(U, "UStringInt", "fenced", label, text)
case(U, "UStringInt", "fenced", "fence_twice", f'{FENCE}json\n{FENCE}json\n"x"\n{FENCE}')
case(C, "CPerson", "fenced", "fence_twice", f'{FENCE}json\n{FENCE}json\n{{"name": "Alice", "age": 30}}\n{FENCE}')
case(C, "CPerson", "fenced", "fence_twice_partial", f'{FENCE}json\n{FENCE}json\n{{"name": "Alice", "age": 30}}\n{FENCE}', partial=True)
case(C, "CPerson", "fenced", "object_in_block_prose", f'{FENCE}json\nHere: {{"name": "Alice", "age": 30}} ok\n{FENCE}')
# A partial answer that is one fenced block is unfinished even once closed: a scalar waits for
# the final parse (found by mutants.py).
case("primitives", "PBool", "partial", "closed_fence", f"{FENCE}json\ntrue\n{FENCE}", partial=True)
case("primitives", "PInt", "partial", "closed_fence", f"Here:\n{FENCE}json\n42\n{FENCE}\n", partial=True)
case("classes", "CPerson", "partial", "closed_fence", f'{FENCE}json\n{{"name": "A", "age": 3}}\n{FENCE}', partial=True)
# Overlapping names count once, the longer first (found by mutants.py): "DarkRed" is no Red too.
for label, text in [
    ("overlap_in_prose", "I think\nDarkRed"),
    ("overlap_lower", "the color is light blue."),
    ("overlap_twice", "DarkRed\nDarkRed"),
    ("overlap_and_other", "dark red, not red"),
]:
    case("enums", "EColor", "coerce", label, text)
# Enum and literal map keys: kept as they are when every value casts, checked (and dropped when
# they name no value) when the map is coerced — `1,}` is the unquoted string "1," (found by mutants.py).
for label, text in [
    ("keys_cast", '{"red": 1, "APPLE": 2}'),
    ("keys_coerced_trailing_comma", '{"red": 1, "APPLE": 2, "cherry": 3,}'),
    ("keys_coerced_space_comma", '{"red": 1, }'),
    ("keys_substring", '{"the apple": 1, "apple, cherry": 2,}'),
    ("keys_cast_repeated", '{"APPLE": 1, "red": 2, "APPLE": 3}'),
]:
    case("collections", "MEnumKey", "coerce", label, text)
case("collections", "MLiteralKey", "coerce", "keys_coerced", '{"low": "a", "mid": "b", "LOW": 3,}')
case("collections", "MLiteralKey", "coerce", "keys_cast_repeated", '{"low": "a", "mid": "b", "low": 3,}')
for label, text in [
    ("number_then_prose", f"{FENCE}json\n4\n{FENCE}\nmore"),
    ("number_then_number", f"{FENCE}json\n4\n{FENCE}\n5"),
    ("unclosed_float", f"{FENCE}json\n4.5"),
]:
    case(U, "UIntString", "fenced", label, text)
case(C, "CPerson", "fenced", "indented_fences",
     f'  {FENCE}json\n{{"name": "Alice", "age": 30}}\n  {FENCE}\nmore')
case(C, "CPerson", "fenced", "prose_after_and_object",
     f'{FENCE}json\n"x"\n{FENCE}\n{{"name": "Bob", "age": 31}}')
case(C, "CPerson", "fenced", "hope_this_helps",
     f'{FENCE}json\n{{"name": "Alice", "age": 30}}\n{FENCE}\nHope this helps!')
case(C, "CPerson", "fenced", "unclosed_partial", f'Here:\n{FENCE}json\n{{"name": "Alice", "ag', partial=True)

# ```-quoted strings in running text: the first line (a language tag) dropped, the rest dedented.
for label, text in [
    ("code_value", f'{{"name": {FENCE}text\nAlice\n{FENCE}, "age": 30}}'),
    ("code_value_indented", f'{{"name": {FENCE}\n    Alice\n      Lee\n{FENCE}, "age": 30}}'),
    ("code_value_one_line", f'{{"name": {FENCE}Alice{FENCE}, "age": 30}}'),
    ("code_value_unclosed", f'{{"name": "Alice", "age": 30, "bio": {FENCE}md\nhi'),
]:
    case(C, "CPerson", "malformed", label, text)
for label, text in [
    ("code_string", f"{FENCE}json\nhello there\n{FENCE}"),
    ("code_string_after_empty_fence", f"{FENCE}json\n{FENCE}json\nabout 42 of them\n{FENCE}"),
    ("code_string_fraction", f"{FENCE}json\n7/2\n{FENCE}\nmore text"),
]:
    case(U, "UIntString", "malformed", label, text)

# ------------------------------------------------------------------ more partials: asserts, enums, primitives
case(K, "KPayment", "partial", "negative_amount_cut", '{"amount": -1, "currency": "EU', partial=True)
case(K, "KStrict", "partial", "negative_id_cut", '{"id": -3', partial=True)
case(K, "KStrict", "partial", "negative_id_done", '{"id": -3,', partial=True)
case(K, "KCheckedInt", "partial", "cut", "7", partial=True)
case(K, "KStrict", "partial", "positive_id_cut", '{"id": 3', partial=True)
case(K, "KStrict", "partial", "id_pending", '{"id": ', partial=True)
case(K, "KPayment", "partial", "negative_amount_done", '{"amount": -12,', partial=True)
case(E, "ETicket", "partial", "after_enum_comma", '{"title": "Crash", "category": "BUG",', partial=True)
case(E, "ETicket", "partial", "alias_done", '{"title": "Crash", "category": "bug-report", "sent', partial=True)
case(E, "ESentiment", "partial", "whole_word", "POSITIVE", partial=True)
case(P, "PInt", "partial", "digits", "42", partial=True)
case(P, "PInt", "partial", "empty", "", partial=True)
case(P, "PString", "partial", "text", "Hello, wor", partial=True)
case(P, "PBool", "partial", "cut", "tru", partial=True)
case(P, "POptInt", "partial", "empty", "", partial=True)
case(S, "SInts", "partial", "empty", "", partial=True)
case(S, "SNotNull", "partial", "empty", "", partial=True)
case(S, "SWithState", "partial", "empty", "", partial=True)
case(S, "SDone", "partial", "empty", "", partial=True)
case(T, "TStringLit", "partial", "cut", "ye", partial=True)
case(U, "UPet", "partial", "ambiguous_name_only", '{"name": "Rex"', partial=True)
case(L, "MEnumKey", "partial", "cut", '{"APPLE": 1, "BAN', partial=True)
# A map that casts leaves an unfinished number out and keeps its other keys as written.
case(L, "MEnumKey", "partial", "cast_cut_number", '{"red": 1, "APPLE": 2', partial=True)
case(L, "MEnumKey", "partial", "cast_cut_string", '{"red": 1, "APPLE": "x', partial=True)
case(L, "MEnumKey", "partial", "cast_cut_unknown", '{"APPLE": 2, "red": 1.5', partial=True)
case(L, "MStringInt", "partial", "cut_quoted_number", '{"apples": 3, "pears": "5', partial=True)

# ------------------------------------------------------------------ partial prose for raw-text targets
# The raw text of a partial answer is finished when the fixing parser read something other than
# the text itself (trailing or leading whitespace trimmed, a quote, a bracket), not when the text
# is its only reading: an enum streamed as prose shows once a space or a line follows it.
for label, text in [("word", "positive"), ("word_space", "positive "), ("word_newline", "POSITIVE\n"),
                    ("leading_space", "  positive"), ("open_quote", '"positive'), ("comma", "positive,"),
                    ("sentence_comma_space", "it is positive, not "), ("sentence_dot", "it is positive."),
                    ("bracket_after", "neutral ["), ("bracket_before", "x [neutral"),
                    ("prose_lines", "positive\n\nmore text"), ("prose_lines_space", "positive\n\nmore text ")]:
    case(E, "ESentiment", "partial", f"raw_{label}", text, partial=True)
case(T, "TStringLit", "partial", "raw_word_space", "maybe ", partial=True)
case(T, "TStringLit", "partial", "raw_word", "maybe", partial=True)
case(T, "TSingle", "partial", "raw_unclosed_fence", f"{FENCE}json\nonly", partial=True)

# Enum values named in other words than their alias: accents, ligatures, other scripts, case.
for label, text in [("exact", "Crème brûlée"), ("no_accents", "creme brulee"), ("upper_accents", "CRÈME BRÛLÉE"),
                    ("in_sentence", "I would pick the creme brulee tonight."),
                    ("decomposed", "Cre\u0300me bru\u0302le\u0301e"), ("sharp_s", "apfelstrudel mit schlagsahne (strasse)"),
                    ("ligature", "oeufs a la neige"), ("cyrillic_upper", "ПИРОГ"), ("greek_no_tonos", "ΜΠΑΚΛΑΒΑΣ"),
                    ("greek_lower", "μπακλαβας"), ("name_not_alias", "BRULEE"), ("fullwidth", "ＣＲＥＭＥ ＢＲＵＬＥＥ")]:
    case(E, "EDessert", "coerce", f"accents_{label}", text)
case(E, "EDessert", "partial", "accents_streaming", "creme brulee ", partial=True)


def main():
    ids = set()
    for c in cases:
        assert c["id"] not in ids, c["id"]
        ids.add(c["id"])
    out = os.path.join(HERE, "cases.jsonl")
    text = "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases)
    if "--check" in sys.argv[1:]:
        old = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
        if old != text:
            print(f"{out} is out of date: run make_cases.py")
            return 1
        print(f"{out} is up to date ({len(cases)} cases)")
        return 0
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(text)
    by_cat = {}
    for c in cases:
        cat = c["id"].split("#", 1)[1].split(".", 1)[0]
        by_cat[cat] = by_cat.get(cat, 0) + 1
    print(f"wrote {out}: {len(cases)} cases: " + ", ".join(f"{k} {by_cat.get(k, 0)}" for k in CATEGORIES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
