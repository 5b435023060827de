#include <doctest/doctest.h>

#include <baml/value.h>
#include <baml/value_json.h>

using baml::Value;

TEST_CASE("a value knows its kind and shares its parts") {
  const Value person = Value::instance("Person", {{"name", Value::string("Ann")}, {"age", Value::integer(30)}});
  CHECK(person.kind() == Value::Kind::Class);
  CHECK(person.class_name() == "Person");
  REQUIRE(person.find("age") != nullptr);
  CHECK(person.find("age")->as_int() == 30);
  CHECK(person.find("email") == nullptr);
  const Value copy = person;  // cheap: the fields are shared
  CHECK(&copy.entries() == &person.entries());
  CHECK(copy == person);
  CHECK(Value::integer(1) != Value::floating(1.0));
  CHECK(Value().is_null());
  CHECK_THROWS_AS((void)Value::integer(1).as_string(), std::bad_variant_access);
  CHECK_THROWS_AS((void)Value::string("x").items(), std::bad_variant_access);
}

TEST_CASE("lists built from a store share its items and see only their own prefix") {
  auto store = std::make_shared<baml::ItemStore>();
  std::vector<Value> lists;
  // Across several segment boundaries (16, 48, 112, 240, ... items).
  for (int i = 0; i < 600; ++i) {
    store->push_back(Value::integer(i));
    if (i % 37 == 0) lists.push_back(Value::list(store, store->size(), {Value::string("tail")}));
  }
  for (const Value& list : lists) {
    const baml::ListItems& items = list.items();
    REQUIRE(items.shared() + 1 == items.size());
    for (std::size_t i = 0; i < items.shared(); ++i) CHECK(items[i].as_int() == static_cast<std::int64_t>(i));
    CHECK(items.back().as_string() == "tail");
    CHECK_THROWS_AS((void)items.at(items.size()), std::out_of_range);
    std::int64_t sum = 0;
    for (const Value& x : items)
      if (x.kind() == Value::Kind::Int) sum += x.as_int();
    const auto n = static_cast<std::int64_t>(items.shared());
    CHECK(sum == n * (n - 1) / 2);
  }
  // Equal to the same items held any other way, and not to a list that differs in its tail.
  Value::Items plain;
  for (int i = 0; i < 38; ++i) plain.push_back(Value::integer(i));
  plain.push_back(Value::string("tail"));
  CHECK(lists[1] == Value::list(plain));
  CHECK(lists[1].items().to_vector() == plain);
  CHECK(lists[1] != Value::list(store, 38, {Value::string("other")}));
  CHECK(lists[1] != lists[2]);
}

TEST_CASE("every kind converts to JSON") {
  const Value v = Value::list({Value::null(), Value::boolean(true), Value::integer(-3), Value::floating(2.5),
                               Value::string("é"), Value::duration(std::chrono::milliseconds(90000)),
                               Value::media(baml::Media::from_url(baml::MediaKind::Image, "https://x/a.png")),
                               Value::media(baml::Media::from_base64(baml::MediaKind::Pdf, "QUJD", "application/pdf")),
                               Value::map({{"b", Value::integer(1)}, {"a", Value::integer(2)}}),
                               Value::enumeration("Color", "RED")});
  CHECK(baml::to_json(v).dump() ==
        R"([null,true,-3,2.5,"é","1m30s",{"url":"https://x/a.png"},{"base64":"QUJD","media_type":"application/pdf"},{"a":2,"b":1},"RED"])");
}
