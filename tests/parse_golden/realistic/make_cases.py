#!/usr/bin/env python3
import json, os
HERE = os.path.dirname(os.path.abspath(__file__))
F = "```"
cases = []
def case(project, fn, label, text, partial=False):
    cases.append({"id": f"{project}/{fn}#{label}", "project": project, "function": fn, "text": text, "partial": partial})
def prefixes(project, fn, label, text, step):
    for n in range(step, len(text), step):
        case(project, fn, f"prefix.{label}@{n:04d}", text[:n], True)
    case(project, fn, f"prefix.{label}@full", text, True)
    case(project, fn, f"whole.{label}", text, False)

# ---------------------------------------------------------------- support
S = "support"
triage_clean = '''{
  "summary": "Customer cannot log in after password reset.",
  "priority": "high",
  "department": "tech",
  "sentiment": "Negative",
  "customer": {"name": "Dana Smith", "email": "dana@example.com", "plan": "pro", "account_age_days": 412},
  "tags": ["login", "password-reset"],
  "needs_human": false,
  "suggested_reply": "Hi Dana, sorry about that! Please try clearing your cookies.",
  "confidence": 0.87
}'''
case(S, "TriageTicket", "clean", triage_clean)
case(S, "TriageTicket", "fenced_prose", f"Here's my analysis of the ticket:\n\n{F}json\n{triage_clean}\n{F}\n\nLet me know if you need anything else!")
case(S, "TriageTicket", "enum_names_not_alias", triage_clean.replace('"high"', '"P1"').replace('"tech"', '"TECHNICAL"'))
case(S, "TriageTicket", "enum_lowercase", triage_clean.replace('"Negative"', '"negative"').replace('"tech"', '"Tech"'))
case(S, "TriageTicket", "enum_with_desc", triage_clean.replace('"high"', '"high - Major feature broken, no workaround"'))
case(S, "TriageTicket", "enum_desc_only", triage_clean.replace('"tech"', '"Bugs, errors, outages"'))
case(S, "TriageTicket", "priority_alias_colon_desc", triage_clean.replace('"high"', '"high: Major feature broken, no workaround"'))
case(S, "TriageTicket", "plan_caps", triage_clean.replace('"pro"', '"Pro"'))
case(S, "TriageTicket", "plan_unknown", triage_clean.replace('"pro"', '"business"'))
case(S, "TriageTicket", "plan_null", triage_clean.replace('"pro"', 'null'))
case(S, "TriageTicket", "needs_human_yes", triage_clean.replace('false', '"yes"'))
case(S, "TriageTicket", "needs_human_True", triage_clean.replace('false', 'True'))
case(S, "TriageTicket", "needs_human_str_false", triage_clean.replace('false', '"false"'))
case(S, "TriageTicket", "needs_human_no", triage_clean.replace('false', '"No"'))
case(S, "TriageTicket", "confidence_percent", triage_clean.replace('0.87', '"87%"'))
case(S, "TriageTicket", "confidence_str", triage_clean.replace('0.87', '"0.87"'))
case(S, "TriageTicket", "confidence_high_word", triage_clean.replace('0.87', '"high"'))
case(S, "TriageTicket", "tags_csv_string", triage_clean.replace('["login", "password-reset"]', '"login, password-reset"'))
case(S, "TriageTicket", "tags_missing", triage_clean.replace('"tags": ["login", "password-reset"],\n', ''))
case(S, "TriageTicket", "tags_null", triage_clean.replace('["login", "password-reset"]', 'null'))
case(S, "TriageTicket", "account_age_str", triage_clean.replace('412', '"about 412 days"'))
case(S, "TriageTicket", "account_age_float", triage_clean.replace('412', '412.6'))
case(S, "TriageTicket", "email_null_str", triage_clean.replace('"dana@example.com"', '"N/A"'))
case(S, "TriageTicket", "customer_missing_email", triage_clean.replace('"email": "dana@example.com", ', ''))
case(S, "TriageTicket", "customer_as_string", triage_clean.replace('{"name": "Dana Smith", "email": "dana@example.com", "plan": "pro", "account_age_days": 412}', '"Dana Smith"'))
case(S, "TriageTicket", "unquoted_keys_single_quotes", """{
  summary: 'Customer cannot log in after password reset.',
  priority: 'high',
  department: 'tech',
  sentiment: 'Negative',
  customer: {name: 'Dana Smith', email: 'dana@example.com', plan: 'pro', account_age_days: 412},
  tags: ['login', 'password-reset',],
  needs_human: false,
  suggested_reply: null,
  confidence: .87,
}""")
case(S, "TriageTicket", "comments", """{
  // short summary
  "summary": "Customer cannot log in after password reset.",
  "priority": "high", // P1
  "department": "tech",
  "sentiment": "Negative",
  /* customer info */
  "customer": {"name": "Dana Smith", "email": null, "plan": "free", "account_age_days": null},
  "tags": [],
  "needs_human": true,
  "suggested_reply": null,
  "confidence": 0.5
}""")
case(S, "TriageTicket", "apostrophe_in_unquoted", """{
  summary: Customer can't log in after password reset,
  priority: high,
  department: tech,
  sentiment: Negative,
  customer: {name: Dana Smith, plan: pro},
  tags: [login, password-reset],
  needs_human: false,
  confidence: 0.87
}""")
case(S, "TriageTicket", "newline_in_string", triage_clean.replace("Hi Dana, sorry about that! Please", "Hi Dana,\nsorry about that!\n\nPlease"))
case(S, "TriageTicket", "escaped_quote_reply", triage_clean.replace("sorry about that!", 'sorry about that! Click \\"Forgot password\\".'))
case(S, "TriageTicket", "unescaped_quote_reply", triage_clean.replace("sorry about that!", 'sorry about that! Click "Forgot password".'))
case(S, "TriageTicket", "reasoning_then_json", "Let me think step by step.\n1. The customer says they can't log in.\n2. This blocks them but there's a workaround.\n\nSo priority is high.\n\n" + triage_clean)
case(S, "TriageTicket", "two_blocks_draft_final", f"Draft:\n{F}json\n{{\"summary\": \"draft\"}}\n{F}\n\nFinal:\n{F}json\n{triage_clean}\n{F}")
case(S, "TriageTicket", "unclosed_fence", f"{F}json\n{triage_clean}")
case(S, "TriageTicket", "json_then_explain", triage_clean + "\n\nI marked this as high priority because the customer is blocked.")
case(S, "TriageTicket", "wrapped_in_key", '{"triage": ' + triage_clean + '}')
case(S, "TriageTicket", "in_array", '[' + triage_clean + ']')

route = '{"scores": {"BILLING": 0.1, "TECHNICAL": 0.8, "SALES": 0.05, "ACCOUNT": 0.05}, "primary": "TECHNICAL"}'
case(S, "RouteTicket", "clean", route)
case(S, "RouteTicket", "alias_keys", '{"scores": {"billing": 0.1, "tech": 0.8, "sales": 0.05, "account_management": 0.05}, "primary": "tech"}')
case(S, "RouteTicket", "pct_values", '{"scores": {"BILLING": "10%", "TECHNICAL": "80%"}, "primary": "TECHNICAL"}')
case(S, "RouteTicket", "unknown_key", '{"scores": {"BILLING": 0.1, "SHIPPING": 0.9}, "primary": "BILLING"}')
case(S, "RouteTicket", "unknown_key_str_value", '{"scores": {"BILLING": "0.1", "SHIPPING": 0.9}, "primary": "BILLING"}')
case(S, "RouteTicket", "primary_sentence", '{"scores": {"BILLING": 0.1}, "primary": "The primary department should be TECHNICAL."}')
case(S, "RouteTicket", "primary_desc", '{"scores": {}, "primary": "Payments, invoices, refunds"}')

for lbl, t in [("alias", "high"), ("alias_caps", "HIGH"), ("name", "P1"), ("quoted_alias", '"critical"'),
               ("sentence", "I'd classify this as critical."), ("desc", "Cosmetic issue or question"),
               ("alias_desc", "low: Cosmetic issue or question"), ("json_obj", '{"priority": "medium"}'),
               ("fenced", f"{F}\nmedium\n{F}"), ("bold", "**Priority:** high"), ("two", "Either high or critical, I'd say critical."),
               ("hyphen", "medium-high"), ("trailing_period", "Low."), ("p_with_alias", "P0 (critical)")]:
    case(S, "GetPriority", "prio." + lbl, t)

for lbl, t in [("json", '["Positive", "Angry", "neutral"]'), ("bullets", "- Positive\n- Angry\n- Neutral"),
               ("numbered", "1. Positive\n2. Negative"), ("csv", "Positive, Negative, Neutral"),
               ("desc", '["Customer is furious, uses caps or threats"]'), ("unknown_item", '["Positive", "Happy", "Negative"]'),
               ("single", "Negative"), ("fenced_list", f"{F}json\n[\"Positive\",\n \"Negative\",]\n{F}"),
               ("objects", '[{"sentiment": "Positive"}, {"sentiment": "Negative"}]')]:
    case(S, "GetSentiments", "sents." + lbl, t)

for lbl, t in [("clean", '{"BILLING": 3, "TECHNICAL": 5}'), ("lower", '{"billing": 3, "tech": 5}'),
               ("unknown", '{"BILLING": 3, "HR": 1}'), ("str_values", '{"BILLING": "3", "TECHNICAL": "5"}'),
               ("str_values_unknown", '{"BILLING": "3", "HR": "1"}'), ("float_val", '{"BILLING": 2.5}'),
               ("desc_key", '{"Payments, invoices, refunds": 2}'), ("trailing_comma", '{"BILLING": 3, "TECHNICAL": 5,}'),
               ("prose", 'Counts by department:\n{"SALES": 1}\nDone.'),
               ("number_words", '{"BILLING": "three"}')]:
    case(S, "DeptCounts", "dc." + lbl, t)

for lbl, t in [("true", "true"), ("yes", "Yes"), ("yes_period", "Yes."), ("sentence", "Yes, this needs a human because the user is angry. true"),
               ("json", '{"needs_human": true}'), ("str", '"false"'), ("caps", "TRUE"), ("fenced", f"{F}json\nfalse\n{F}"),
               ("both_words", "It is not true that this is false."), ("answer_false", "Answer: false"),
               ("truthy", "true, definitely true")]:
    case(S, "NeedsHuman", "bool." + lbl, t)

# ---------------------------------------------------------------- commerce
C = "commerce"
prod = '''{
  "title": "Acme Noise-Cancelling Headphones X2",
  "brand": "Acme",
  "price": 199.99,
  "currency": "USD",
  "discount_percent": 15,
  "rating": 4.6,
  "review_count": 1284,
  "in_stock": true,
  "features": ["Active noise cancelling", "30h battery", "USB-C"],
  "variants": [
    {"sku": "X2-BLK", "color": "black", "size": null, "price": 199.99, "in_stock": true},
    {"sku": "X2-WHT", "color": "white", "size": null, "price": 209.99, "in_stock": false}
  ],
  "specs": {"weight": "250g", "bluetooth": "5.3"}
}'''
case(C, "ExtractProduct", "clean", prod)
case(C, "ExtractProduct", "price_dollar", prod.replace('"price": 199.99,\n  "currency"', '"price": "$199.99",\n  "currency"'))
case(C, "ExtractProduct", "price_with_currency_word", prod.replace('"price": 199.99,\n  "currency"', '"price": "199.99 USD",\n  "currency"'))
case(C, "ExtractProduct", "price_eu", prod.replace('"price": 199.99,\n  "currency"', '"price": "199,99 €",\n  "currency"'))
case(C, "ExtractProduct", "price_thousands", prod.replace('"price": 199.99,\n  "currency"', '"price": "1,299.00",\n  "currency"'))
case(C, "ExtractProduct", "currency_symbol", prod.replace('"USD"', '"$"'))
case(C, "ExtractProduct", "currency_euro_symbol", prod.replace('"USD"', '"€"'))
case(C, "ExtractProduct", "currency_lower", prod.replace('"USD"', '"usd"'))
case(C, "ExtractProduct", "currency_dollars_word", prod.replace('"USD"', '"US Dollars"'))
case(C, "ExtractProduct", "discount_pct", prod.replace('15', '"15%"'))
case(C, "ExtractProduct", "discount_float", prod.replace('"discount_percent": 15', '"discount_percent": 15.5'))
case(C, "ExtractProduct", "discount_neg", prod.replace('"discount_percent": 15', '"discount_percent": "-15%"'))
case(C, "ExtractProduct", "discount_none", prod.replace('"discount_percent": 15', '"discount_percent": "none"'))
case(C, "ExtractProduct", "rating_int", prod.replace('4.6', '5'))
case(C, "ExtractProduct", "rating_out_of", prod.replace('4.6', '"4.6 out of 5"'))
case(C, "ExtractProduct", "rating_fraction", prod.replace('4.6', '"4.6/5"'))
case(C, "ExtractProduct", "rating_stars", prod.replace('4.6', '"4.6 stars"'))
case(C, "ExtractProduct", "rating_float_whole", prod.replace('4.6', '4.0'))
case(C, "ExtractProduct", "rating_str_int", prod.replace('4.6', '"4"'))
case(C, "ExtractProduct", "reviews_k", prod.replace('1284', '"1.2k"'))
case(C, "ExtractProduct", "reviews_comma", prod.replace('1284', '"1,284"'))
case(C, "ExtractProduct", "reviews_comma_bare", prod.replace('1284', '1,284'))
case(C, "ExtractProduct", "reviews_words", prod.replace('1284', '"1,284 reviews"'))
case(C, "ExtractProduct", "in_stock_str", prod.replace('"in_stock": true,\n  "features"', '"in_stock": "In stock",\n  "features"'))
case(C, "ExtractProduct", "in_stock_yes", prod.replace('"in_stock": true,\n  "features"', '"in_stock": "yes",\n  "features"'))
case(C, "ExtractProduct", "features_bullets_str", prod.replace('["Active noise cancelling", "30h battery", "USB-C"]', '"- Active noise cancelling\\n- 30h battery\\n- USB-C"'))
case(C, "ExtractProduct", "size_lower", prod.replace('"size": null, "price": 199.99', '"size": "m", "price": 199.99'))
case(C, "ExtractProduct", "size_word", prod.replace('"size": null, "price": 199.99', '"size": "Medium", "price": 199.99'))
case(C, "ExtractProduct", "size_xl_lower", prod.replace('"size": null, "price": 199.99', '"size": "xl", "price": 199.99'))
case(C, "ExtractProduct", "size_unknown", prod.replace('"size": null, "price": 199.99', '"size": "XXL", "price": 199.99'))
case(C, "ExtractProduct", "variant_missing_price", prod.replace(', "price": 209.99', ''))
case(C, "ExtractProduct", "specs_nonstring", prod.replace('{"weight": "250g", "bluetooth": "5.3"}', '{"weight_g": 250, "bluetooth": 5.3, "wireless": true, "codecs": ["AAC", "LDAC"]}'))
case(C, "ExtractProduct", "specs_null_val", prod.replace('{"weight": "250g", "bluetooth": "5.3"}', '{"weight": null, "bluetooth": "5.3"}'))
case(C, "ExtractProduct", "specs_list", prod.replace('{"weight": "250g", "bluetooth": "5.3"}', '[{"weight": "250g"}, {"bluetooth": "5.3"}]'))
case(C, "ExtractProduct", "brand_missing", prod.replace('"brand": "Acme",\n', ''))
case(C, "ExtractProduct", "camel_keys", prod.replace('discount_percent', 'discountPercent').replace('review_count', 'reviewCount').replace('in_stock', 'inStock'))
case(C, "ExtractProduct", "title_case_keys", prod.replace('"title"', '"Title"').replace('"price"', '"Price"').replace('"review_count"', '"Review Count"').replace('"in_stock"', '"In Stock"'))
case(C, "ExtractProduct", "dash_keys", prod.replace('review_count', 'review-count').replace('in_stock', 'in-stock'))
case(C, "ExtractProduct", "python_dict", prod.replace('true', 'True').replace('false', 'False').replace('null', 'None').replace('"', "'"))
case(C, "ExtractProduct", "yaml_like", """title: Acme Headphones
brand: Acme
price: 199.99
currency: USD
review_count: 12
in_stock: true
features:
  - ANC
  - USB-C""")
case(C, "ExtractProducts", "two_objects_prose", f"Product 1:\n{prod}\n\nProduct 2:\n" + prod.replace("X2", "X3").replace("199.99", "249.99"))
case(C, "ExtractProducts", "ndjson", prod.replace("\n", " ") + "\n" + prod.replace("\n", " ").replace("Acme", "Zeta"))
case(C, "ExtractProducts", "one_object", prod)
case(C, "ExtractProducts", "wrapped", '{"products": [' + prod + ']}')
case(C, "ExtractProducts", "empty_list", "[]")
case(C, "ExtractProducts", "no_products", "I couldn't find any products in the text.")

for lbl, t in [("plain", "19.99"), ("dollar", "$19.99"), ("usd_suffix", "19.99 USD"), ("sentence", "The price is $1,234.50 before tax."),
               ("range", "$10 - $20"), ("per_month", "$9.99/month"), ("eu", "19,99"), ("eu_thousands", "1.234,56"),
               ("json_str", '"12.50"'), ("obj", '{"price": 12.5}'), ("obj_str", '{"price": "$12.50"}'), ("neg", "-$5.00"),
               ("paren_neg", "($5.00)"), ("k", "$1.5k"), ("approx", "~42"), ("fenced", f"{F}\n42.0\n{F}"),
               ("space_thousands", "1 234.56"), ("underscore", "1_000.5"), ("leading_plus", "+3.5"), ("sci", "1.5e-3"),
               ("trailing_text_num", "42.5 (approx.)"), ("two_prices", "was $30, now $25"), ("frac", "3/4"), ("mixed_frac", "1 1/2")]:
    case(C, "Price", "price." + lbl, t)
for lbl, t in [("plain", "7"), ("words", "seven"), ("float", "7.0"), ("half", "7.5"), ("neg_half", "-7.5"), ("comma", "12,000"),
               ("sentence", "There are 12 items."), ("about", "about 300"), ("k", "3k"), ("list", "[3, 4]"),
               ("json_str", '"12"'), ("pct", "15%"), ("obj", '{"count": 4}'), ("obj_str", '{"count": "4"}'),
               ("trailing_dot", "12."), ("hash", "#3"), ("ordinal", "3rd"), ("range", "3-5"), ("paren", "(12)"), ("x", "x3")]:
    case(C, "Count", "count." + lbl, t)
for lbl, t in [("int", "3"), ("float", "3.5"), ("float_whole", "3.0"), ("str_int", '"3"'), ("str_float", '"3.25"'),
               ("dollar", "$4"), ("dollar_float", "$4.50"), ("pct", "12.5%"), ("frac", "1/3"), ("comma_float", "1,234.5"),
               ("sentence_float", "about 2.5 hours"), ("sentence_int", "about 2 hours"), ("exp", "2e3"), ("obj", '{"value": 2.5}')]:
    case(C, "Amount", "amount." + lbl, t)
for lbl, t in [("json", '["Waterproof", "Bluetooth 5.3", "30h battery"]'), ("bullets", "- Waterproof\n- Bluetooth 5.3\n- 30h battery"),
               ("star_bullets", "* Waterproof\n* Bluetooth 5.3"), ("numbered", "1. Waterproof\n2. Bluetooth 5.3\n3. 30h battery"),
               ("csv", "Waterproof, Bluetooth 5.3, 30h battery"), ("prose_bullets", "Key features:\n\n- Waterproof\n- Bluetooth 5.3\n\nHope this helps!"),
               ("fenced_json", f"{F}json\n[\n  \"Waterproof\",\n  \"Bluetooth 5.3\"\n]\n{F}"),
               ("single_quotes", "['Waterproof', 'Bluetooth 5.3', \"Kid's size\"]"), ("unquoted", "[Waterproof, Bluetooth 5.3, 30h battery]"),
               ("numbers_mixed", '["Waterproof", 5.3, true, null]'), ("obj", '{"features": ["a", "b"]}'), ("obj_items", '[{"name": "a"}, {"name": "b"}]'),
               ("nested", '[["a", "b"], ["c"]]'), ("empty_str", '""'), ("string", '"Waterproof"'),
               ("trailing_comma_unclosed", '["Waterproof", "Bluetooth 5.3",'), ("newline_unquoted", "[\n  Waterproof,\n  Bluetooth 5.3\n]")]:
    case(C, "Features", "feat." + lbl, t)
quote = '{"amount": 12.5, "quantity": 3, "total": 37.5}'
case(C, "Quote", "clean", quote)
case(C, "Quote", "strs", '{"amount": "$12.50", "quantity": "3 units", "total": "$37.50"}')
case(C, "Quote", "qty_float", '{"amount": 12.5, "quantity": 2.5, "total": 31.25}')
case(C, "Quote", "qty_word", '{"amount": 12.5, "quantity": "three", "total": 37.5}')
case(C, "Quote", "expr", '{"amount": 12.5, "quantity": 3, "total": 12.5 * 3}')
case(C, "Quote", "math_str", '{"amount": 12.5, "quantity": 3, "total": "12.5 * 3 = 37.5"}')
case(C, "Quote", "eu", '{"amount": "12,50", "quantity": 3, "total": "37,50"}')
case(C, "Quote", "k_thousands", '{"amount": 1e3, "quantity": 1_000, "total": 1000000}')
case(C, "Quote", "hex", '{"amount": 12.5, "quantity": 0x10, "total": 200}')
case(C, "Quote", "leading_zero", '{"amount": 012.5, "quantity": 03, "total": 37.5}')
case(C, "Quote", "plus_sign", '{"amount": +12.5, "quantity": +3, "total": +37.5}')
case(C, "Quote", "nan_like", '{"amount": 12.5, "quantity": 3, "total": "N/A"}')

# ---------------------------------------------------------------- agent
A = "agent"
for lbl, t in [
    ("search", '{"action": "search_web", "query": "weather in Paris", "max_results": 5}'),
    ("email", '{"action": "send_email", "to": ["bob@x.com"], "subject": "Hi", "body": "Hello Bob"}'),
    ("email_to_str", '{"action": "send_email", "to": "bob@x.com", "subject": "Hi", "body": "Hello Bob"}'),
    ("calc", '{"action": "calculate", "expression": "2 + 2"}'),
    ("reply", '{"action": "reply", "message": "Hello!"}'),
    ("no_action", '{"query": "weather in Paris"}'),
    ("no_action_message", '{"message": "Hello!"}'),
    ("action_caps", '{"action": "SEARCH_WEB", "query": "weather"}'),
    ("action_spaces", '{"action": "search web", "query": "weather"}'),
    ("action_wrong", '{"action": "search", "query": "weather"}'),
    ("wrong_action_right_fields", '{"action": "reply", "query": "weather"}'),
    ("extra_fields", '{"action": "reply", "message": "Hello!", "confidence": 0.9, "reasoning": "greet"}'),
    ("thought_then_json", 'Thought: the user wants the weather. I should search.\nAction:\n```json\n{"action": "search_web", "query": "weather in Paris"}\n```'),
    ("openai_tool_style", '{"name": "search_web", "arguments": {"query": "weather in Paris"}}'),
    ("max_results_str", '{"action": "search_web", "query": "weather", "max_results": "5"}'),
    ("max_results_word", '{"action": "search_web", "query": "weather", "max_results": "five"}'),
    ("expression_number", '{"action": "calculate", "expression": 4}'),
    ("two_actions", '{"action": "search_web", "query": "a"}\n{"action": "reply", "message": "b"}'),
    ("list_of_one", '[{"action": "reply", "message": "Hello!"}]'),
    ("plain_text", "Hello! How can I help you today?"),
    ("single_quote_action", "{'action': 'calculate', 'expression': '3 * (4 + 5)'}"),
    ("unquoted_expr", '{"action": "calculate", expression: 3 * (4 + 5)}'),
    ("body_multiline", '{"action": "send_email", "to": ["a@b.c"], "subject": "Report", "body": "Hi team,\n\nAttached is the report.\n\nThanks"}'),
]:
    case(A, "NextAction", "act." + lbl, t)
plan = '''{
  "thought": "I need to find the price, compute the total, then email it.",
  "steps": [
    {"action": "search_web", "query": "AAPL stock price"},
    {"action": "calculate", "expression": "price * 10"},
    {"action": "send_email", "to": ["cfo@corp.com"], "subject": "AAPL position", "body": "Total value attached."},
    {"action": "reply", "message": "Done!"}
  ]
}'''
case(A, "MakePlan", "clean", plan)
case(A, "MakePlan", "fenced_unclosed", f"Sure, here's the plan:\n{F}json\n{plan}")
case(A, "MakePlan", "bad_step", plan.replace('{"action": "calculate", "expression": "price * 10"}', '{"action": "wait", "seconds": 10}'))
case(A, "MakePlan", "step_missing_field", plan.replace(', "subject": "AAPL position"', ''))
case(A, "MakePlan", "steps_strings", '{"thought": "t", "steps": ["search the web", "reply"]}')
prefixes(A, "MakePlan", "plan", plan, 23)
for lbl, t in [("weather", '{"city": "Paris", "unit": "celsius"}'), ("weather_caps", '{"city": "Paris", "unit": "Celsius"}'),
               ("weather_c", '{"city": "Paris", "unit": "C"}'), ("stock", '{"ticker": "AAPL"}'), ("reply", '{"action": "reply", "message": "hi"}'),
               ("weather_missing_unit", '{"city": "Paris"}'), ("ambiguous", '{"city": "Paris", "ticker": "AAPL", "unit": "fahrenheit"}'),
               ("text", "AAPL"), ("weather_unit_deg", '{"city": "Paris", "unit": "°F"}')]:
    case(A, "PickTool", "tool." + lbl, t)
for lbl, t in [("mixed", '[{"city": "Paris", "unit": "celsius"}, {"ticker": "AAPL"}, {"city": "Rome", "unit": "kelvin"}]'),
               ("ndjson", '{"city": "Paris", "unit": "celsius"}\n{"ticker": "MSFT"}'),
               ("bulleted_json", '- {"ticker": "AAPL"}\n- {"ticker": "GOOG"}')]:
    case(A, "Tools", "tools." + lbl, t)
for lbl, t in [("plain", "approve"), ("caps", "APPROVE"), ("quoted", '"reject"'), ("sentence", "I would escalate this to a manager."),
               ("both", "Not approve; reject."), ("approved", "Approved"), ("rejected", "rejected"), ("json", '{"verdict": "approve"}'),
               ("markdown", "**Decision:** Escalate"), ("fenced", f"{F}\nreject\n{F}"), ("reason_then", "The claim lacks evidence.\n\nVerdict: reject"),
               ("escalation", "escalation")]:
    case(A, "Verdict", "verdict." + lbl, t)
for lbl, t in [("plain", "4"), ("quoted", '"4"'), ("float", "4.0"), ("float_half", "4.5"), ("out_of", "4/5"), ("out_of_words", "4 out of 5"),
               ("stars", "★★★★"), ("json", '{"rating": 3}'), ("sentence", "I'd rate it a 5."), ("out_range", "7"), ("words", "four"),
               ("zero", "0")]:
    case(A, "Rating", "rating." + lbl, t)

# ---------------------------------------------------------------- docs
D = "docs"
outline = '''{
  "title": "Getting Started with BAML",
  "sections": [
    {"heading": "Installation", "body": "Run npm install.", "children": []},
    {"heading": "Concepts", "body": null, "children": [
      {"heading": "Functions", "body": "Functions map inputs to typed outputs.", "children": []},
      {"heading": "Types", "children": [
        {"heading": "Classes", "body": "Like structs.", "children": []}
      ]}
    ]}
  ]
}'''
case(D, "MakeOutline", "clean", outline)
case(D, "MakeOutline", "children_missing", outline.replace(', "children": []', ''))
case(D, "MakeOutline", "children_null", outline.replace('"children": []', '"children": null'))
case(D, "MakeOutline", "children_obj", '{"title": "T", "sections": [{"heading": "A", "children": {"heading": "B"}}]}')
case(D, "MakeOutline", "markdown_instead", "# Getting Started\n\n## Installation\nRun npm install.\n\n## Concepts\n")
prefixes(D, "MakeOutline", "outline", outline, 31)
for lbl, t in [("obj", '{"a": 1, "b": [true, null, 2.5, "x"], "c": {"d": "e"}}'), ("int", "42"), ("float", "2.5"), ("str", '"hello"'),
               ("bare", "hello world"), ("list", "[1, 2, 3]"), ("nested", '{"a": {"b": {"c": [1, {"d": null}]}}}'),
               ("single_quote", "{'a': 'b', 'n': 3}"), ("big_num", '{"n": 12345678901234}'), ("neg_exp", '{"n": -1.5e-7}'),
               ("unquoted", "{a: hello, b: 2}"), ("bool_str", '{"a": "true", "b": "1"}'), ("trailing", '{"a": [1, 2,], }'),
               ("fenced", f"{F}json\n{{\"k\": [1, 2]}}\n{F}"), ("empty_obj", "{}"), ("empty_arr", "[]"), ("null", "null"),
               ("prose_num", "The answer is 42"), ("comment", '{"a": 1 // one\n, "b": 2}')]:
    case(D, "AnyJson", "json." + lbl, t)
prefixes(D, "AnyJson", "anyjson", '{"user": {"name": "Ann", "age": 31, "admin": false, "tags": ["a", "b"], "score": 9.5}, "ok": true}', 9)
thread = '''[
  {"author": "ann", "text": "Great post!", "replies": [
    {"author": "bob", "text": "Agreed.", "replies": []},
    {"author": "cat", "text": "Not sure.", "replies": [{"author": "ann", "text": "Why?", "replies": []}]}
  ]},
  {"author": "dan", "text": "Thanks", "replies": []}
]'''
case(D, "Thread", "clean", thread)
case(D, "Thread", "no_replies_keys", thread.replace(', "replies": []', ''))
prefixes(D, "Thread", "thread", thread, 29)
art = '{"title": "Rust 2.0 announced", "category": "news", "keywords": ["rust", "release"], "word_count": 850, "metadata": {"source": "blog", "reading_minutes": 4, "featured": true, "authors": ["A", "B"]}}'
case(D, "ClassifyArticle", "clean", art)
case(D, "ClassifyArticle", "category_caps", art.replace('"news"', '"News"'))
case(D, "ClassifyArticle", "category_plural", art.replace('"news"', '"tutorials"'))
case(D, "ClassifyArticle", "category_sentence", art.replace('"news"', '"This is a news article"'))
case(D, "ClassifyArticle", "keywords_str", art.replace('["rust", "release"]', '"rust, release"'))
case(D, "ClassifyArticle", "wc_approx", art.replace('850', '"~850 words"'))
case(D, "ClassifyArticle", "metadata_str", art.replace('{"source": "blog", "reading_minutes": 4, "featured": true, "authors": ["A", "B"]}', '"none"'))
case(D, "ClassifyArticle", "metadata_null", art.replace('{"source": "blog", "reading_minutes": 4, "featured": true, "authors": ["A", "B"]}', 'null'))
prefixes(D, "ClassifyArticle", "article", art, 17)
tree = '{"name": "src", "kind": "dir", "children": [{"name": "main.rs", "kind": "file", "size_bytes": 1200}, {"name": "lib", "kind": "dir", "children": [{"name": "mod.rs", "kind": "file", "size_bytes": 30, "children": null}]}]}'
case(D, "Tree", "clean", tree)
case(D, "Tree", "kind_folder", tree.replace('"kind": "dir"', '"kind": "Directory"'))
case(D, "Tree", "size_kb", tree.replace('1200', '"1.2 KB"'))
case(D, "Tree", "children_empty", '{"name": "a.txt", "kind": "file", "children": []}')
prefixes(D, "Tree", "tree", tree, 19)

# ---------------------------------------------------------------- stream
ST = "stream"
board = '''{
  "name": "Sprint 42",
  "tasks": [
    {"id": 1, "title": "Fix login bug", "status": "IN_PROGRESS", "assignee": "dana", "estimate_hours": 3.5},
    {"id": 2, "title": "Write docs", "status": "TODO", "assignee": null},
    {"id": 3, "title": "Ship v2", "status": "in progress", "estimate_hours": 8}
  ],
  "owner": "Priya"
}'''
case(ST, "GetBoard", "clean", board)
case(ST, "GetBoard", "status_desc", board.replace('"TODO"', '"to do"'))
prefixes(ST, "GetBoard", "board", board, 13)
prefixes(ST, "GetBoard", "board_fenced", f"Here's the board:\n{F}json\n{board}\n{F}\nAnything else?", 29)
recipe = '''{
  "name": "Shakshuka",
  "servings": 4,
  "ingredients": [
    {"item": "eggs", "amount": "6", "optional": false},
    {"item": "canned tomatoes", "amount": "800 g"},
    {"item": "feta", "amount": "100 g", "optional": true}
  ],
  "steps": ["Sauté onions and peppers.", "Add tomatoes and spices; simmer 10 min.", "Crack eggs in, cover, cook 6 min."],
  "vegetarian": true
}'''
case(ST, "GetRecipe", "clean", recipe)
case(ST, "GetRecipe", "servings_range", recipe.replace('"servings": 4', '"servings": "4-6"'))
case(ST, "GetRecipe", "amount_number", recipe.replace('"amount": "6"', '"amount": 6'))
prefixes(ST, "GetRecipe", "recipe", recipe, 11)
prefixes(ST, "GetRecipe", "recipe_unquoted", "{name: Shakshuka, servings: 4, ingredients: [{item: eggs, amount: 6 large}, {item: feta, amount: 100 g, optional: true}], steps: [Cook onions, Add eggs], vegetarian: true}", 12)
chat = '{"reply": "Sure! Paris is lovely in spring.", "followups": ["Best hotels?", "Museums?"], "mood": "happy", "confidence": 0.92}'
case(ST, "Chat", "clean", chat)
case(ST, "Chat", "mood_caps", chat.replace('"happy"', '"Happy"'))
case(ST, "Chat", "mood_emoji", chat.replace('"happy"', '"happy 😊"'))
prefixes(ST, "Chat", "chat", chat, 7)
prefixes(ST, "Chat", "chat_prose", "Sure thing! Here you go:\n\n" + chat.replace(", ", ",\n  ") + "\n\nHave fun!", 15)
tasks_nd = '[{"title": "no id yet", "status": "TODO", "id": 5}, {"id": 6, "title": "second", "status": "DONE"}]'
prefixes(ST, "Tasks", "tasks_id_last", tasks_nd, 8)

# ---------------------------------------------------------------- forms (checks)
FO = "forms"
for lbl, t in [("ok", '{"username": "dana_s", "age": 29, "email": "d@x.com", "newsletter": true}'),
               ("fail_checks", '{"username": "dana s", "age": 16, "email": "d@x.com", "newsletter": false}'),
               ("assert_fail", '{"username": "dana", "age": 30, "email": "dana at x.com", "newsletter": false}'),
               ("age_str", '{"username": "dana", "age": "29 years", "email": "d@x.com", "newsletter": "no"}'),
               ("newsletter_yes", '{"username": "dana", "age": 29, "email": "d@x.com", "newsletter": "yes"}'),
               ("fenced", f"{F}json\n{{\"username\": \"x\", \"age\": 40, \"email\": \"x@y\", \"newsletter\": false}}\n{F}")]:
    case(FO, "ParseSignup", "signup." + lbl, t)
prefixes(FO, "ParseSignup", "signup", '{"username": "dana s", "age": 17, "email": "d@x.com", "newsletter": true}', 9)
for lbl, t in [("ok", '[{"value": 0.5, "label": "a"}, {"value": 1.5, "label": "b"}]'), ("pct", '[{"value": "50%", "label": "a"}]'),
               ("bare_floats", "[0.1, 0.9]")]:
    case(FO, "Scores", "scores." + lbl, t)
prefixes(FO, "Scores", "scores", '[{"value": 0.25, "label": "low"}, {"value": 2, "label": "high"}]', 6)
for lbl, t in [("ok", '{"lo": 1, "hi": 5}'), ("bad", '{"lo": 9, "hi": 5}'), ("str", '{"lo": "1", "hi": "ten"}'), ("list", "[1, 5]"),
               ("text", "between 3 and 7")]:
    case(FO, "GetRange", "range." + lbl, t)
prefixes(FO, "GetRange", "range", '{"lo": 10, "hi": 2}', 3)

# ---------------------------------------------------------------- meeting
M = "meeting"
notes = '''{
  "title": "Q3 Planning",
  "date": "2024-07-01",
  "attendees": ["Ann", "Bob", "Chen"],
  "summary": "Agreed on Q3 priorities: hiring and the v2 launch.",
  "decisions": [{"text": "Launch v2 on Aug 15", "unanimous": true}, {"text": "Hire 2 engineers"}],
  "action_items": [
    {"task": "Draft launch plan", "owner": "Ann", "due": "2024-07-08", "urgency": "HIGH"},
    {"task": "Open job reqs", "owner": "Bob", "urgency": "medium"},
    {"task": "Update roadmap", "owner": null, "due": null, "urgency": null}
  ],
  "duration_minutes": 45,
  "follow_up_needed": true
}'''
case(M, "MeetingNotes", "clean", notes)
case(M, "MeetingNotes", "attendees_str", notes.replace('["Ann", "Bob", "Chen"]', '"Ann, Bob, Chen"'))
case(M, "MeetingNotes", "duration_str", notes.replace('45', '"45 minutes"'))
case(M, "MeetingNotes", "duration_hours", notes.replace('45', '"1 hour"'))
case(M, "MeetingNotes", "duration_hm", notes.replace('45', '"1h 30m"'))
case(M, "MeetingNotes", "urgency_words", notes.replace('"HIGH"', '"urgent"').replace('"medium"', '"Medium priority"'))
case(M, "MeetingNotes", "follow_up_str", notes.replace('"follow_up_needed": true', '"follow_up_needed": "Yes, next week"'))
case(M, "MeetingNotes", "follow_up_true_str", notes.replace('"follow_up_needed": true', '"follow_up_needed": "true"'))
case(M, "MeetingNotes", "unanimous_str", notes.replace('"unanimous": true', '"unanimous": "yes"'))
case(M, "MeetingNotes", "decisions_strings", notes.replace('[{"text": "Launch v2 on Aug 15", "unanimous": true}, {"text": "Hire 2 engineers"}]', '["Launch v2 on Aug 15", "Hire 2 engineers"]'))
case(M, "MeetingNotes", "action_items_strings", '{"title": "Sync", "attendees": [], "summary": "s", "decisions": [], "action_items": ["Ann to draft plan", "Bob to open reqs"], "follow_up_needed": false}')
case(M, "MeetingNotes", "missing_lists", '{"title": "Sync", "summary": "Quick sync.", "follow_up_needed": false}')
case(M, "MeetingNotes", "markdown_fenced_with_md_after", f"{F}json\n{notes}\n{F}\n\n**Note:** dates are approximate.")
case(M, "MeetingNotes", "truncated_final", notes[:len(notes)//2])
prefixes(M, "MeetingNotes", "notes", notes, 37)
prefixes(M, "MeetingNotes", "notes_fenced_prose", f"Here are the notes from the meeting.\n\n{F}json\n{notes}\n{F}", 53)
for lbl, t in [("json", '[{"task": "Email client", "owner": "Sam", "urgency": "LOW"}]'),
               ("bullets", "- Email client (Sam)\n- Fix bug (Ann)"),
               ("bullet_objects", '1. {"task": "Email client"}\n2. {"task": "Fix bug", "owner": "Ann"}'),
               ("obj_wrapped", '{"action_items": [{"task": "Email client"}]}'),
               ("urgency_lower", '[{"task": "x", "urgency": "high"}]'),
               ("urgency_bad", '[{"task": "x", "urgency": "asap"}]'),
               ("urgency_desc", '[{"task": "x", "urgency": "HIGH - needs to be done today"}]'),
               ("owner_list", '[{"task": "x", "owner": ["Ann", "Bob"]}]'),
               ("task_missing", '[{"owner": "Ann"}, {"task": "y"}]'),
               ("due_obj", '[{"task": "x", "due": {"date": "2024-01-01"}}]')]:
    case(M, "ActionItems", "ai." + lbl, t)
prefixes(M, "ActionItems", "ai", '[{"task": "Email client", "owner": "Sam", "due": "2024-08-01", "urgency": "LOW"}, {"task": "Fix bug", "urgency": "HIGH"}]', 10)
for lbl, t in [("alias", '[{"firstName": "Ann", "lastName": "Lee"}]'), ("names", '[{"first_name": "Ann", "last_name": "Lee"}]'),
               ("mixed", '[{"firstName": "Ann", "last_name": "Lee", "role": "PM"}]'), ("lower_alias", '[{"firstname": "Ann", "lastname": "Lee"}]'),
               ("spaced", '[{"First Name": "Ann", "Last Name": "Lee"}]'), ("snake_alias", '[{"first-name": "Ann", "last-name": "Lee"}]')]:
    case(M, "People", "people." + lbl, t)

# ---------------------------------------------------------------- misc
X = "misc"
for lbl, t in [("int", '{"answer": 42, "unit": null, "explanation": "6*7"}'),
               ("float", '{"answer": 3.14, "unit": "m", "explanation": "pi"}'),
               ("float_whole", '{"answer": 42.0, "explanation": "x"}'),
               ("str_float", '{"answer": "3.5", "explanation": "x"}'),
               ("str_unit", '{"answer": "3.5 km", "explanation": "x"}'),
               ("frac", '{"answer": "1/3", "explanation": "x"}'),
               ("pct", '{"answer": "12.5%", "explanation": "x"}'),
               ("expr", '{"answer": 6 * 7, "explanation": "x"}'),
               ("comma", '{"answer": "1,234.5", "explanation": "x"}'),
               ("latex", '{"answer": "\\\\frac{1}{2}", "explanation": "half"}'),
               ("latex_explanation", '{"answer": 0.5, "explanation": "We compute \\frac{1}{2} = 0.5"}'),
               ("cot", "Let's solve: 17 * 3 = 51.\n\n```json\n{\"answer\": 51, \"explanation\": \"17*3\"}\n```"),
               ("answer_list", '{"answer": [1, 2], "explanation": "two roots"}'),
               ("dollar", '{"answer": "$1,200", "unit": "USD", "explanation": "x"}'),
               ("neg_paren", '{"answer": "-0.25", "explanation": "x"}')]:
    case(X, "Solve", "solve." + lbl, t)
prefixes(X, "Solve", "solve", '{"answer": 1234.5678, "unit": "kg", "explanation": "Sum of masses."}', 5)
for lbl, t in [("json", '{"answer": true, "reason": "ok"}'), ("yes", '{"answer": "yes", "reason": "ok"}'), ("Yes", '{"answer": "Yes", "reason": "ok"}'),
               ("no", '{"answer": "no", "reason": "nope"}'), ("y", '{"answer": "Y", "reason": "ok"}'), ("one", '{"answer": 1, "reason": "ok"}'),
               ("zero", '{"answer": 0, "reason": "ok"}'), ("str_true", '{"answer": "TRUE", "reason": "ok"}'),
               ("sentence", '{"answer": "The answer is true", "reason": "ok"}'), ("true_period", '{"answer": "True.", "reason": "ok"}'),
               ("python", "{'answer': False, 'reason': 'nope'}"), ("correct", '{"answer": "correct", "reason": "ok"}'),
               ("on", '{"answer": "on", "reason": "ok"}')]:
    case(X, "AskYesNo", "yn." + lbl, t)
ents = '{"entities": [{"text": "Tim Cook", "type": "PERSON", "start": 0}, {"text": "Apple", "type": "ORG", "start": 12}, {"text": "Cupertino", "type": "LOCATION"}], "language": "en"}'
case(X, "Entities", "clean", ents)
case(X, "Entities", "type_lower", ents.replace('"PERSON"', '"person"').replace('"ORG"', '"org"'))
case(X, "Entities", "type_long", ents.replace('"ORG"', '"ORGANIZATION"').replace('"LOCATION"', '"LOC"'))
case(X, "Entities", "type_gpe", ents.replace('"LOCATION"', '"GPE"'))
case(X, "Entities", "start_str", ents.replace('"start": 0', '"start": "0"'))
prefixes(X, "Entities", "ents", ents, 14)
places = '[{"name": "Eiffel Tower", "coord": {"lat": 48.8584, "lng": 2.2945}, "tags": ["landmark"]}, {"name": "Louvre", "coord": null, "tags": []}]'
case(X, "Places", "clean", places)
case(X, "Places", "coord_str", places.replace('{"lat": 48.8584, "lng": 2.2945}', '"48.8584, 2.2945"'))
case(X, "Places", "coord_list", places.replace('{"lat": 48.8584, "lng": 2.2945}', '[48.8584, 2.2945]'))
case(X, "Places", "coord_deg", places.replace('48.8584', '"48.8584° N"').replace('2.2945', '"2.2945° E"'))
case(X, "Places", "coord_latitude_keys", places.replace('"lat"', '"latitude"').replace('"lng"', '"longitude"'))
case(X, "Places", "coord_partial", places.replace(', "lng": 2.2945', ''))
case(X, "Places", "tags_str", places.replace('["landmark"]', '"landmark"'))
case(X, "Places", "bare_names", '["Eiffel Tower", "Louvre"]')
prefixes(X, "Places", "places", places, 12)
for lbl, t in [("pct", "45%"), ("pct_space", "45 %"), ("frac", "0.45"), ("words", "forty-five percent"), ("pct_sentence", "I'm about 45% sure."),
               ("per_mille", "4.5‰"), ("range", "40-50%"), ("tilde", "~0.45"), ("lt", "<5%"), ("pct_str", '"45.5%"'),
               ("ratio", "9:20"), ("comma_pct", "1,5%"), ("dot_end", "45."), ("neg", "-0.05"), ("unicode_minus", "−0.05"),
               ("obj_pct", '{"percent": "45%"}'), ("json_float_str_space", '" 0.45 "'), ("inf", "Infinity"), ("bool", "true")]:
    case(X, "Percent", "pct." + lbl, t)
for lbl, t in [("num", "3"), ("null", "null"), ("none_word", "none"), ("zero", "zero"), ("na", "N/A"), ("empty", ""), ("unknown", "unknown"),
               ("sentence", "I count 3 of them."), ("json_null_str", '"null"'), ("obj_null", '{"count": null}'), ("obj", '{"count": 3}'),
               ("fenced_null", f"{F}\nnull\n{F}"), ("python_none", "None")]:
    case(X, "OptionalCount", "optc." + lbl, t)
for lbl, t in [("clean", '{"spam": false, "urgent": true}'), ("strs", '{"spam": "no", "urgent": "yes"}'), ("str_tf", '{"spam": "false", "urgent": "True"}'),
               ("nums", '{"spam": 0, "urgent": 1}'), ("python", "{'spam': False, 'urgent': True}"), ("unquoted", "{spam: false, urgent: true}"),
               ("list", '[{"spam": false}]'), ("mixed_bad", '{"spam": false, "urgent": "maybe"}')]:
    case(X, "Labels", "labels." + lbl, t)

for lbl, t in [("usd", "USD"), ("dollar", "$"), ("euro", "€"), ("gbp", "GBP"), ("sentence", "The price is in USD.")]:
    case(C, "GetCurrencySym", "sym." + lbl, t)
for lbl, t in [("gbp_alias", '"pound sterling"'), ("gbp_name", '"GBP"'), ("pound_sym", '"£"'), ("desc", '"US dollars, $"'), ("euro_sym", '"€"')]:
    case(C, "ExtractProduct", "cur." + lbl, prod.replace('"USD"', t))

# some partial single prefixes chosen by hand
case(S, "TriageTicket", "partial.cut_enum", '{"summary": "Login broken", "priority": "hi', True)
case(S, "TriageTicket", "partial.cut_enum_done", '{"summary": "Login broken", "priority": "high", "depart', True)
case(S, "TriageTicket", "partial.cut_customer", '{"summary": "Login broken", "customer": {"name": "Da', True)
case(S, "TriageTicket", "partial.cut_plan", '{"summary": "x", "customer": {"name": "Dana", "plan": "pr', True)
case(S, "TriageTicket", "partial.cut_bool", '{"summary": "x", "needs_human": fal', True)
case(S, "TriageTicket", "partial.cut_conf", '{"summary": "x", "confidence": 0.8', True)
case(S, "TriageTicket", "partial.cut_tags", '{"summary": "x", "tags": ["login", "pass', True)
case(S, "TriageTicket", "partial.prose_only", 'Let me analyze this ticket. The customer', True)
case(S, "TriageTicket", "partial.fence_open", f'Sure!\n{F}json\n', True)
case(S, "TriageTicket", "partial.fence_key", f'Sure!\n{F}json\n{{"summ', True)
case(S, "GetPriority", "partial.alias_cut", 'crit', True)
case(S, "GetPriority", "partial.alias_space", 'critical ', True)
case(S, "GetPriority", "partial.json_cut", '{"priority": "critical', True)
case(S, "GetSentiments", "partial.list_cut", '["Positive", "Neg', True)
case(S, "GetSentiments", "partial.list_item_done", '["Positive", "Negative", ', True)
case(S, "DeptCounts", "partial.map_cut", '{"BILLING": 3, "TECHNICAL": 1', True)
case(S, "DeptCounts", "partial.map_key_cut", '{"BILLING": 3, "TECH', True)
case(S, "NeedsHuman", "partial.true_cut", 'tr', True)
case(S, "NeedsHuman", "partial.true_full", 'true', True)
case(C, "Price", "partial.dollar", '$19.9', True)
case(C, "Amount", "partial.num", '3.5', True)
case(C, "Amount", "partial.num_space", '3.5 ', True)
case(C, "Features", "partial.bullets", '- Waterproof\n- Blue', True)
case(C, "Features", "partial.json", '["Waterproof", "Blue', True)
case(A, "Verdict", "partial.cut", 'appr', True)
case(A, "Verdict", "partial.quoted", '"approve"', True)
case(A, "NextAction", "partial.action_only", '{"action": "send_email", "to": ["a@b', True)
case(A, "NextAction", "partial.action_cut", '{"action": "send_em', True)
case(A, "NextAction", "partial.no_action", '{"query": "weather in Par', True)
case(A, "Rating", "partial.num", '4', True)
case(A, "Rating", "partial.num_nl", '4\n', True)
case(ST, "Chat", "partial.mood_cut", '{"reply": "hi", "followups": [], "mood": "hap', True)
case(ST, "Chat", "partial.conf_cut", '{"reply": "hi", "followups": [], "mood": "happy", "confidence": 0.9', True)
case(ST, "GetBoard", "partial.name_cut", '{"name": "Sprint', True)
case(ST, "GetBoard", "partial.owner_pending", '{"name": "Sprint 1", "tasks": []', True)
case(ST, "GetBoard", "partial.owner_cut", '{"name": "Sprint 1", "tasks": [], "owner": "Pri', True)
case(ST, "GetRecipe", "partial.empty", '', True)
case(ST, "GetRecipe", "partial.prose", 'Here is a recipe', True)
case(ST, "GetRecipe", "partial.amount_cut", '{"name": "x", "ingredients": [{"item": "eggs", "amount": "6 la', True)
case(ST, "Tasks", "partial.not_null_pending", '[{"title": "a", "status": "TODO"', True)
case(ST, "Tasks", "partial.not_null_cut_num", '[{"id": 1', True)
case(ST, "Tasks", "partial.not_null_num_done", '[{"id": 12, "ti', True)
case(D, "AnyJson", "partial.num", '{"a": 12', True)
case(D, "AnyJson", "partial.str", '{"a": "hel', True)
case(D, "AnyJson", "partial.nested", '{"a": [1, {"b": tr', True)
case(X, "OptionalCount", "partial.empty", '', True)
case(X, "OptionalCount", "partial.num", '5', True)
case(X, "Labels", "partial.cut", '{"spam": false, "urgent": tr', True)
case(M, "People", "partial.alias_cut", '[{"firstName": "An', True)

exec(open(os.path.join(HERE, "cases2.py")).read())
exec(open(os.path.join(HERE, "cases3.py")).read())
exec(open(os.path.join(HERE, "cases4.py")).read())

with open(os.path.join(HERE, "..", "cases_realistic.jsonl"), "w") as fh:
    for c in cases:
        fh.write(json.dumps(c, ensure_ascii=False) + "\n")
print(len(cases), "cases", sum(c["partial"] for c in cases), "partial")
