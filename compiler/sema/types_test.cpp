// Type resolution, map keys and recursion rules, on small projects parsed from text.
#include "compiler/sema/types.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "compiler/driver/compilation.h"

using namespace bamlc;

namespace {

// A parsed project and a sema context over it, with the symbols collected but nothing checked,
// so one type expression can be resolved on its own.
struct Fixture {
  Compilation compilation;
  DiagnosticSink diags;
  sema::Context ctx;

  explicit Fixture(std::string text) : ctx{compilation.files, diags, {}, {}} {
    add_source(compilation, "test.baml", std::move(text));
    ctx.symbols.collect(compilation.files, diags);
  }

  // The type of `type NAME = ...`.
  const ast::TypeExpr& alias_type(std::string_view name) const {
    for (const ast::Declaration& decl : compilation.files.at(0).declarations) {
      if (const auto* alias = std::get_if<ast::TypeAliasDecl>(&decl); alias != nullptr && alias->name.text == name) {
        return alias->type;
      }
    }
    FAIL("no alias " << name);
    static const ast::TypeExpr kNone;
    return kNone;
  }

  std::string resolved(std::string_view alias) { return model::to_string(sema::resolve_type(ctx, alias_type(alias))); }
};

// Every diagnostic of a whole check, as "CODE message".
std::vector<std::string> check(std::string text) {
  Compilation c;
  add_source(c, "test.baml", std::move(text));
  analyze_project(c);
  std::vector<std::string> out;
  for (const Diagnostic& d : c.diags.all()) out.push_back(std::string(d.code()) + " " + d.message);
  return out;
}

bool has(const std::vector<std::string>& diags, std::string_view code) {
  return std::any_of(diags.begin(), diags.end(), [&](const std::string& d) { return d.rfind(code, 0) == 0; });
}

}  // namespace

TEST_CASE("resolve_type: every type form") {
  Fixture f(R"(
class Person {
  name string
}
enum Color {
  RED
}
type Email = string
type A = string
type B = int?
type C = float[]
type D = map<string, bool[]>
type E = Person | Color | Email | null
type F = "a" | 1 | true | false
type G = duration | image | audio | pdf | video
type H = (int | string)[]?
)");
  CHECK(f.resolved("A") == "string");
  CHECK(f.resolved("B") == "int?");
  CHECK(f.resolved("C") == "float[]");
  CHECK(f.resolved("D") == "map<string, bool[]>");
  CHECK(f.resolved("E") == "Person | Color | Email | null");
  CHECK(f.resolved("F") == "\"a\" | 1 | true | false");
  CHECK(f.resolved("G") == "duration | image | audio | pdf | video");
  CHECK(f.resolved("H") == "(int | string)[]?");
  CHECK(f.diags.all().empty());

  const model::Type e = sema::resolve_type(f.ctx, f.alias_type("E"));
  REQUIRE(e.children.size() == 4);
  CHECK(e.children[0].kind == model::TypeKind::Class);
  CHECK(e.children[1].kind == model::TypeKind::Enum);
  CHECK(e.children[2].kind == model::TypeKind::Alias);
  const model::Type lit = sema::resolve_type(f.ctx, f.alias_type("F"));
  CHECK(lit.children[0].kind == model::TypeKind::LiteralString);
  CHECK(lit.children[0].literal == "a");
  CHECK(lit.children[1].kind == model::TypeKind::LiteralInt);
  CHECK(lit.children[2].kind == model::TypeKind::LiteralBool);
}

TEST_CASE("resolve_type: an unknown name is an error with a suggestion") {
  Fixture f("class Person {\n  name string\n}\ntype A = Persn\ntype B = String\ntype C = boolean\n");
  CHECK(sema::resolve_type(f.ctx, f.alias_type("A")).kind == model::TypeKind::Error);
  sema::resolve_type(f.ctx, f.alias_type("B"));
  sema::resolve_type(f.ctx, f.alias_type("C"));
  const auto& all = f.diags.all();
  REQUIRE(all.size() == 3);
  CHECK(all[0].kind == DiagKind::UnknownType);
  CHECK(all[0].hint == "did you mean `Person`?");
  CHECK(all[1].hint == "did you mean `string`?");
  CHECK(all[2].hint == "did you mean `bool`?");
}

TEST_CASE("map keys: strings, enums, string literals and unions of them") {
  Fixture f(R"(
enum Color {
  RED
}
class Box {
  x int
}
type Name = string
type Ok1 = map<string, int>
type Ok2 = map<Color, int>
type Ok3 = map<"a" | "b", int>
type Ok4 = map<Name, int>
type Ok5 = map<Color | "other", int>
type Bad1 = map<int, string>
type Bad2 = map<string?, string>
type Bad3 = map<Box, string>
type Bad4 = map<string | int, string>
type Bad5 = map<1, string>
)");
  for (std::string_view ok : {"Ok1", "Ok2", "Ok3", "Ok4", "Ok5"}) sema::resolve_type(f.ctx, f.alias_type(ok));
  CHECK(f.diags.all().empty());
  for (std::string_view bad : {"Bad1", "Bad2", "Bad3", "Bad4", "Bad5"}) {
    const std::size_t count = f.diags.all().size();
    sema::resolve_type(f.ctx, f.alias_type(bad));
    REQUIRE(f.diags.all().size() == count + 1);
    CHECK(f.diags.all().back().kind == DiagKind::InvalidMapKey);
  }
  CHECK(f.diags.all()[1].hint == "a key is never null; write `map<string, string>`");
}

TEST_CASE("alias cycles: allowed only through a list or a map") {
  const auto ok = check(R"(
type JsonValue = int | string | null | JsonValue[] | map<string, JsonValue>
type Tree = map<string, Tree>
type Forest = Forest[]
)");
  CHECK(ok.empty());

  const auto bad = check("type A = B\ntype B = C | int\ntype C = A?\ntype Self = Self | null\n");
  REQUIRE(bad.size() == 2);
  CHECK(bad[0] == "E0402 type alias `A` refers to itself: `A -> B -> C -> A`");
  CHECK(bad[1] == "E0402 type alias `Self` refers to itself: `Self -> Self`");
}

TEST_CASE("a cyclic alias becomes an error type, so later passes never expand it") {
  Compilation c;
  add_source(c, "test.baml", "type A = B\ntype B = A\ntype C = string\n");
  analyze_project(c);
  REQUIRE(c.program.aliases.size() == 3);
  CHECK(c.program.aliases[0].target.kind == model::TypeKind::Error);
  CHECK(c.program.aliases[1].target.kind == model::TypeKind::Error);
  CHECK(c.program.aliases[2].target.kind == model::TypeKind::String);
}

TEST_CASE("class cycles: required fields only; optionals, lists and unions with a way out end them") {
  const auto ok = check(R"(
class Node {
  next Node?
  children Node[]
  either Node | string
  by_name map<string, Node>
}
)");
  CHECK(ok.empty());

  const auto bad = check(R"(
class A {
  b B
}
class B {
  a A
}
class Loop {
  me Loop | Loop
}
)");
  REQUIRE(bad.size() == 2);
  CHECK(bad[0] == "E0403 class `A` requires itself: `A -> B -> A`");
  CHECK(bad[1] == "E0403 class `Loop` requires itself: `Loop -> Loop`");
}

TEST_CASE("is_optional looks through unions and aliases") {
  Compilation c;
  add_source(c, "test.baml", "type MaybeInt = int?\ntype Id = int\n");
  analyze_project(c);
  auto named = [](model::TypeKind kind, std::string name = {}) {
    model::Type t;
    t.kind = kind;
    t.name = std::move(name);
    return t;
  };
  CHECK(sema::is_optional(c.program, named(model::TypeKind::Alias, "MaybeInt")));
  CHECK_FALSE(sema::is_optional(c.program, named(model::TypeKind::Alias, "Id")));
  model::Type u = named(model::TypeKind::Union);
  u.children = {named(model::TypeKind::String), named(model::TypeKind::Null)};
  CHECK(sema::is_optional(c.program, u));
  CHECK_FALSE(sema::is_optional(c.program, named(model::TypeKind::String)));
}

TEST_CASE("fields: duplicates, @skip on a required field, attributes recorded") {
  Compilation c;
  add_source(c, "test.baml", R"(
class User {
  name string @alias("full_name") @description("as written")
  age int? @skip
  email string @check(has_at, {{ "@" in this }}) @stream.done
  name int
  secret string @skip
}
)");
  analyze_project(c);
  std::vector<std::string> codes;
  for (const Diagnostic& d : c.diags.all()) codes.push_back(std::string(d.code()));
  CHECK(codes == std::vector<std::string>{"E0404", "E0409"});
  REQUIRE(c.program.classes.size() == 1);
  const model::Class& user = c.program.classes[0];
  REQUIRE(user.fields.size() == 4);
  CHECK(user.fields[0].alias == "full_name");
  CHECK(user.fields[0].description == "as written");
  CHECK(user.fields[1].skip);
  REQUIRE(user.fields[2].checks.size() == 1);
  CHECK(user.fields[2].checks[0].name == "has_at");
  CHECK(user.fields[2].checks[0].expression == " \"@\" in this ");
  CHECK(user.fields[2].stream_attributes == std::vector<std::string>{"done"});
  CHECK(has(check("class X {\n  y string @skip\n}\n"), "E0409"));
}
