// Walks the typed parse-tree contexts once, copying names, values and spans into AST nodes and
// reporting what the grammar accepts but the language does not (a missing value, a bad
// duration, an unterminated string). Each context accessor that may be null after error
// recovery is checked: a partly parsed declaration still yields what could be read.
#include "compiler/syntax/ast_builder.h"

#include "BamlLexer.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include <baml/duration.h>

#include "compiler/base/nesting.h"
#include "compiler/syntax/literals.h"

namespace bamlc::syntax {
namespace {

using baml::DurationErrorKind;
using gen::BamlLexer;
using gen::BamlParser;

// Each way a duration literal can be wrong has its own diagnostic code (E0201-E0206).
DiagKind duration_diag_kind(DurationErrorKind kind) {
  switch (kind) {
    case DurationErrorKind::UnknownUnit: return DiagKind::DurationUnknownUnit;
    case DurationErrorKind::UnitOrder: return DiagKind::DurationUnitOrder;
    case DurationErrorKind::SubMillisecond: return DiagKind::DurationSubMillisecond;
    case DurationErrorKind::Overflow: return DiagKind::DurationOverflow;
    case DurationErrorKind::Sign: return DiagKind::DurationSign;
    case DurationErrorKind::Malformed: return DiagKind::DurationMalformed;
  }
  return DiagKind::DurationMalformed;
}

class AstBuilder {
 public:
  AstBuilder(antlr4::CommonTokenStream& tokens, const SourceFile& file, const TokenOffsets& offsets,
             DiagnosticSink& diags)
      : tokens_(tokens), file_(file), offsets_(offsets), diags_(diags) {}

  ast::File build(BamlParser::ProjectContext& project) {
    ast::File out;
    out.id = file_.id();
    for (auto* decl : project.declaration()) {
      if (auto built = declaration(*decl)) out.declarations.push_back(std::move(*built));
    }
    return out;
  }

 private:
  // ---- spans and names ----

  Span span_of(antlr4::Token* token) const {
    return Span{file_.id(), offsets_.byte_offset(token->getStartIndex()), offsets_.byte_offset(token->getStopIndex() + 1)};
  }

  Span span_of(antlr4::ParserRuleContext* ctx) const {
    antlr4::Token* start = ctx->getStart();
    antlr4::Token* stop = ctx->getStop();
    const std::uint32_t begin = offsets_.byte_offset(start->getStartIndex());
    // After error recovery a context can end before it starts; keep it empty then.
    if (stop == nullptr || stop->getType() == antlr4::Token::EOF || stop->getTokenIndex() < start->getTokenIndex()) {
      return Span{file_.id(), begin, begin};
    }
    return Span{file_.id(), begin, offsets_.byte_offset(stop->getStopIndex() + 1)};
  }

  // A declared or referenced name. Names are ASCII (BAML's rule); the lexer lets other letters
  // through only so that they can be reported here, once.
  ast::Name name(BamlParser::IdentifierContext* ctx) const {
    if (ctx == nullptr || ctx->getStart() == nullptr) return {};
    ast::Name out{ctx->getText(), span_of(ctx)};
    const bool ascii = std::all_of(out.text.begin(), out.text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) {
      diags_.report(DiagKind::InvalidName, out.span, "`" + out.text + "` is not a valid name")
          .with_hint("names use ASCII letters, digits and `_`; put other text in a string or an @alias");
    }
    return out;
  }

  // The `///` comments directly above a declaration, without their slashes.
  std::string doc_comment(antlr4::ParserRuleContext* ctx) const {
    std::string doc;
    for (antlr4::Token* token : tokens_.getHiddenTokensToLeft(ctx->getStart()->getTokenIndex(), BamlLexer::DOC_COMMENTS)) {
      std::string line = token->getText().substr(3);
      if (!line.empty() && line[0] == ' ') line.erase(0, 1);
      if (!doc.empty()) doc += '\n';
      doc += line;
    }
    return doc;
  }

  // ---- declarations ----

  std::optional<ast::Declaration> declaration(BamlParser::DeclarationContext& ctx) {
    if (auto* c = ctx.classDecl()) return class_decl(*c);
    if (auto* c = ctx.enumDecl()) return enum_decl(*c);
    if (auto* c = ctx.functionDecl()) return function_decl(*c);
    if (auto* c = ctx.clientDecl()) {
      warn_ignored_parameters(c->ignoredParameters(), "client", c->identifier().back());
      return client_decl(*c);
    }
    if (auto* c = ctx.retryPolicyDecl()) {
      warn_ignored_parameters(c->ignoredParameters(), "retry_policy", c->identifier());
      return ast::RetryPolicyDecl{name(c->identifier()), body(c->bodyEntry()), doc_comment(c), span_of(c)};
    }
    if (auto* c = ctx.templateStringDecl()) return template_string_decl(*c);
    if (auto* c = ctx.testDecl()) {
      warn_ignored_parameters(c->ignoredParameters(), "test", c->identifier());
      return test_decl(*c);
    }
    if (auto* c = ctx.generatorDecl()) {
      warn_ignored_parameters(c->ignoredParameters(), "generator", c->identifier());
      return ast::GeneratorDecl{name(c->identifier()), body(c->bodyEntry()), span_of(c)};
    }
    if (auto* c = ctx.typeAliasDecl()) return type_alias_decl(*c);
    return std::nullopt;  // nothing usable survived error recovery
  }

  // `test Greets() {`: baml-cli reads the list and ignores it; only functions and
  // template_strings take parameters.
  void warn_ignored_parameters(BamlParser::IgnoredParametersContext* params, std::string_view what,
                               BamlParser::IdentifierContext* id) {
    if (params == nullptr) return;
    diags_.report(DiagKind::IgnoredParameterList, span_of(params),
                  "bamlc ignores the parameter list of " + std::string(what) + " `" + name(id).text +
                      "`, which baml-cli accepts")
        .with_hint("remove it: only functions and template_strings take parameters");
  }

  ast::ClassDecl class_decl(BamlParser::ClassDeclContext& ctx) {
    warn_ignored_parameters(ctx.ignoredParameters(), "class", ctx.identifier());
    ast::ClassDecl out;
    out.name = name(ctx.identifier());
    out.dynamic = ctx.DYNAMIC() != nullptr;
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    for (auto* member : ctx.classMember()) {
      if (auto* attr = member->blockAttribute()) {
        out.block_attributes.push_back(block_attribute(*attr));
      } else if (auto* f = member->field()) {
        out.fields.push_back(field(*f));
      }
    }
    return out;
  }

  ast::Field field(BamlParser::FieldContext& ctx) {
    ast::Field out;
    out.name = name(ctx.identifier());
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    if (auto* type = ctx.typeExpr()) {
      out.type = type_expr(*type);
    } else if (!out.name.text.empty()) {
      diags_.report(DiagKind::MissingType, out.name.span, "expected a type after field `" + out.name.text + "`")
          .with_hint("write the field and its type on one line, e.g. `" + out.name.text + " string`");
    }
    out.attributes = attributes(ctx.attribute());
    return out;
  }

  ast::EnumDecl enum_decl(BamlParser::EnumDeclContext& ctx) {
    warn_ignored_parameters(ctx.ignoredParameters(), "enum", ctx.identifier());
    ast::EnumDecl out;
    out.name = name(ctx.identifier());
    out.dynamic = ctx.DYNAMIC() != nullptr;
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    for (auto* member : ctx.enumMember()) {
      if (auto* attr = member->blockAttribute()) {
        out.block_attributes.push_back(block_attribute(*attr));
      } else if (auto* v = member->enumValue()) {
        ast::EnumValue value{name(v->identifier()), {}, doc_comment(v), span_of(v)};
        value.attributes = attributes(v->attribute());
        out.values.push_back(std::move(value));
      }
    }
    return out;
  }

  std::vector<ast::Parameter> parameters(BamlParser::ParameterListContext* ctx) {
    std::vector<ast::Parameter> out;
    if (ctx == nullptr) return out;
    for (auto* p : ctx->parameter()) {
      ast::Parameter param;
      param.name = name(p->identifier());
      if (auto* type = p->typeExpr()) param.type = type_expr(*type);
      param.attributes = attributes(p->attribute());
      param.span = span_of(p);
      out.push_back(std::move(param));
    }
    return out;
  }

  ast::FunctionDecl function_decl(BamlParser::FunctionDeclContext& ctx) {
    ast::FunctionDecl out;
    out.name = name(ctx.identifier());
    out.parameters = parameters(ctx.parameterList());
    if (auto* ret = ctx.typeExpr()) out.return_type = type_expr(*ret);
    for (ast::Attribute& attr : attributes(ctx.attribute())) out.return_type.attributes.push_back(std::move(attr));
    for (auto* e : ctx.functionEntry()) {
      if (auto* inner = e->entry()) out.body.push_back(entry(*inner));
      for (ast::Attribute& attr : attributes(e->attribute())) out.entry_attributes.push_back(std::move(attr));
    }
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    return out;
  }

  ast::ClientDecl client_decl(BamlParser::ClientDeclContext& ctx) {
    ast::ClientDecl out;
    auto ids = ctx.identifier();
    // client<llm> Name: two identifiers; plain `client Name`: one.
    if (ctx.LT() != nullptr && ids.size() >= 2) {
      out.kind = name(ids[0]);
      out.name = name(ids[1]);
    } else if (!ids.empty()) {
      out.name = name(ids.back());
    }
    out.body = body(ctx.bodyEntry());
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    return out;
  }

  ast::TemplateStringDecl template_string_decl(BamlParser::TemplateStringDeclContext& ctx) {
    ast::TemplateStringDecl out;
    out.name = name(ctx.identifier());
    out.parameters = parameters(ctx.parameterList());
    if (auto* raw = ctx.rawString()) out.body = raw_string(*raw);
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    return out;
  }

  ast::TestDecl test_decl(BamlParser::TestDeclContext& ctx) {
    ast::TestDecl out;
    out.name = name(ctx.identifier());
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    for (auto* member : ctx.testMember()) {
      if (auto* attr = member->blockAttribute()) {
        out.block_attributes.push_back(block_attribute(*attr));
      } else if (auto* e = member->entry()) {
        out.body.push_back(entry(*e));
      } else if (auto* tb = member->typeBuilderBlock()) {
        ast::TypeBuilderBlock block;
        block.span = span_of(tb);
        for (auto* m : tb->typeBuilderMember()) {
          if (auto* c = m->classDecl()) block.classes.push_back(class_decl(*c));
          if (auto* en = m->enumDecl()) block.enums.push_back(enum_decl(*en));
          if (auto* a = m->typeAliasDecl()) block.aliases.push_back(type_alias_decl(*a));
          if (auto* d = m->dynamicExtension()) add_dynamic_extension(*d, block);
        }
        out.type_builder = std::move(block);
      }
    }
    return out;
  }

  // `dynamic Name { ... }` without `class` or `enum`: members that all lack a type are enum
  // values; otherwise it extends a class (and a member without a type is reported as such).
  void add_dynamic_extension(BamlParser::DynamicExtensionContext& ctx, ast::TypeBuilderBlock& block) {
    bool any_field = false;
    bool any_typed = false;
    for (auto* member : ctx.classMember()) {
      if (auto* f = member->field()) {
        any_field = true;
        any_typed = any_typed || f->typeExpr() != nullptr;
      }
    }
    if (any_field && !any_typed) {
      ast::EnumDecl out;
      out.name = name(ctx.identifier());
      out.dynamic = true;
      out.span = span_of(&ctx);
      for (auto* member : ctx.classMember()) {
        if (auto* attr = member->blockAttribute()) {
          out.block_attributes.push_back(block_attribute(*attr));
        } else if (auto* f = member->field()) {
          ast::EnumValue value{name(f->identifier()), {}, doc_comment(f), span_of(f)};
          value.attributes = attributes(f->attribute());
          out.values.push_back(std::move(value));
        }
      }
      block.enums.push_back(std::move(out));
      return;
    }
    ast::ClassDecl out;
    out.name = name(ctx.identifier());
    out.dynamic = true;
    out.span = span_of(&ctx);
    for (auto* member : ctx.classMember()) {
      if (auto* attr = member->blockAttribute()) {
        out.block_attributes.push_back(block_attribute(*attr));
      } else if (auto* f = member->field()) {
        out.fields.push_back(field(*f));
      }
    }
    block.classes.push_back(std::move(out));
  }

  ast::TypeAliasDecl type_alias_decl(BamlParser::TypeAliasDeclContext& ctx) {
    ast::TypeAliasDecl out;
    out.name = name(ctx.identifier());
    if (auto* type = ctx.typeExpr()) out.type = type_expr(*type);
    out.attributes = attributes(ctx.attribute());
    out.doc = doc_comment(&ctx);
    out.span = span_of(&ctx);
    return out;
  }

  // ---- entries and values ----

  std::vector<ast::MapEntry> body(const std::vector<BamlParser::BodyEntryContext*>& entries) {
    std::vector<ast::MapEntry> out;
    out.reserve(entries.size());
    for (auto* e : entries) {
      if (auto* inner = e->entry()) out.push_back(entry(*inner));
    }
    return out;
  }

  ast::MapEntry entry(BamlParser::EntryContext& ctx) {
    ast::MapEntry out;
    out.span = span_of(&ctx);
    if (auto* key = ctx.key()) {
      if (auto* id = key->identifier()) {
        out.key = name(id);
      } else if (auto* str = key->STRING()) {
        out.key = ast::Name{decode_quoted_string(str->getText()), span_of(str->getSymbol())};
        out.key_quoted = true;
      }
    }
    BamlParser::EntryValueContext* entry_value = ctx.entryValue();
    if (auto* v = entry_value == nullptr ? nullptr : entry_value->value()) {
      out.value = value(*v);
    } else if (ast::Value loose = entry_value == nullptr ? ast::Value{} : unquoted_string(*entry_value);
               loose.kind != ast::ValueKind::Invalid) {
      out.value = std::move(loose);  // only characters the lexer has no token for: `x -`
    } else if (!out.key.text.empty()) {
      diags_.report(DiagKind::MissingValue, out.key.span, "expected a value after `" + out.key.text + "`")
          .with_hint("write the value on the same line as its key, e.g. `" + out.key.text + " \"...\"`");
    }
    return out;
  }

  ast::Value value(BamlParser::ValueContext& ctx) {
    if (auto* t = ctx.STRING()) {
      ast::Value v = make(ast::ValueKind::String, t->getSymbol());
      v.text = decode_quoted_string(t->getText());
      v.content_span = v.span.sub(1, v.span.size() - 2);
      return v;
    }
    if (auto* t = ctx.UNTERMINATED_STRING()) {
      ast::Value v = make(ast::ValueKind::Invalid, t->getSymbol());
      diags_.report(DiagKind::UnterminatedString, v.span, "this string is never closed")
          .with_hint("add `\"` at the end of the string; strings cannot span lines (use `#\"...\"#` for that)");
      return v;
    }
    if (auto* raw = ctx.rawString()) return raw_string(*raw);
    if (auto* t = ctx.NUMBER()) return number(t->getSymbol());
    if (auto* t = ctx.NUMBER_WITH_SUFFIX()) return suffixed_number(t->getSymbol());
    if (auto* text = ctx.unquotedString()) return unquoted_string(*text);
    if (auto* map = ctx.mapValue()) {
      ast::Value v;
      v.kind = ast::ValueKind::Map;
      v.span = span_of(map);
      for (auto* e : map->entry()) v.entries.push_back(entry(*e));
      return v;
    }
    if (auto* list = ctx.listValue()) {
      ast::Value v;
      v.kind = ast::ValueKind::List;
      v.span = span_of(list);
      for (auto* item : list->value()) v.items.push_back(value(*item));
      return v;
    }
    ast::Value v;
    v.span = span_of(&ctx);
    return v;  // Invalid: the parser already reported it
  }

  // BAML's unquoted string (UNQUOTED in docs/language.md): the text from the token before it to
  // the end of its line or the first character that ends it, trimmed, taken from the source so
  // that characters the lexer has no token for (`-abc`, `$5 & 10% off`) and `//` inside it
  // (`https://...`) are kept. A single name is a Word (or `env.NAME`) as before.
  ast::Value unquoted_string(antlr4::ParserRuleContext& ctx) {
    antlr4::Token* first = ctx.getStart();
    antlr4::Token* last = ctx.getStop();
    const bool empty = last == nullptr || last->getTokenIndex() < first->getTokenIndex();
    antlr4::Token* before = previous_visible(first->getTokenIndex());
    std::uint32_t begin = before == nullptr ? 0 : offsets_.byte_offset(before->getStopIndex() + 1);
    std::uint32_t end = empty ? begin : offsets_.byte_offset(last->getStopIndex() + 1);
    antlr4::Token* next = empty ? first : next_visible(last->getTokenIndex());
    const std::uint32_t limit = next == nullptr || next->getType() == antlr4::Token::EOF
                                    ? static_cast<std::uint32_t>(file_.text().size())
                                    : offsets_.byte_offset(next->getStartIndex());
    const std::string_view source = file_.text();
    // The string starts on its own line: a list item after `[` and a line break.
    if (!empty) {
      const std::uint32_t start = offsets_.byte_offset(first->getStartIndex());
      const std::size_t newline = source.substr(begin, start - begin).rfind('\n');
      if (newline != std::string_view::npos) begin += static_cast<std::uint32_t>(newline) + 1;
    }
    while (end < limit && !ends_unquoted(source, end)) ++end;
    while (begin < end && is_blank(source[begin])) ++begin;
    while (end > begin && is_blank(source[end - 1])) --end;

    ast::Value v;
    v.span = Span{file_.id(), begin, end};
    if (begin == end) {
      v.kind = ast::ValueKind::Invalid;  // a lone character BAML bans, reported as unexpected
      return v;
    }
    unquoted_text_.push_back(v.span);
    v.kind = ast::ValueKind::Word;
    v.text = std::string(source.substr(begin, end - begin));
    if (!empty && first == last && v.text == first->getText() && v.text.rfind("env.", 0) == 0 && v.text.size() > 4) {
      v.kind = ast::ValueKind::EnvRef;
      v.text.erase(0, 4);
    }
    return v;
  }

  static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }

  // BAML ends an unquoted string at a line break, at one of `# @ { } ( ) [ ] < > , ' ;`, and at
  // a comment that follows a space (` //`); `//` right after a word stays (`https://`).
  static bool ends_unquoted(std::string_view source, std::uint32_t at) {
    switch (source[at]) {
      case '\n': case '#': case '@': case '{': case '}': case '(': case ')': case '[': case ']':
      case '<': case '>': case ',': case '\'': case ';':
        return true;
      case ' ':
        return source.substr(at, 3) == " //";
      default:
        return false;
    }
  }

  antlr4::Token* previous_visible(std::size_t index) const {
    while (index-- > 0) {
      antlr4::Token* t = tokens_.get(index);
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
    }
    return nullptr;
  }

  antlr4::Token* next_visible(std::size_t index) const {
    for (std::size_t i = index + 1; i < tokens_.size(); ++i) {
      antlr4::Token* t = tokens_.get(i);
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return t;
    }
    return nullptr;
  }

  ast::Value make(ast::ValueKind kind, antlr4::Token* token) const {
    ast::Value v;
    v.kind = kind;
    v.span = span_of(token);
    return v;
  }

  ast::Value raw_string(BamlParser::RawStringContext& ctx) {
    antlr4::Token* token = ctx.getStart();
    ast::Value v = make(ast::ValueKind::RawString, token);
    const std::string text = token->getText();
    const RawStringParts parts = split_raw_string(text);
    v.raw_hashes = parts.hashes;
    const auto open = static_cast<std::uint32_t>(parts.hashes + 1);
    v.content_span = Span{file_.id(), v.span.begin + open, v.span.end - (parts.terminated ? open : 0)};
    v.text = std::string(parts.content);
    if (!parts.terminated) {
      const std::string close = "\"" + std::string(static_cast<std::size_t>(parts.hashes), '#');
      diags_.report(DiagKind::UnterminatedRawString, v.span.sub(0, open), "this raw string is never closed")
          .with_hint("end it with `" + close + "`");
      v.kind = ast::ValueKind::Invalid;
    }
    return v;
  }

  ast::Value number(antlr4::Token* token) {
    ast::Value v = make(ast::ValueKind::Int, token);
    v.text = token->getText();
    std::string_view digits = v.text;
    if (!digits.empty() && digits[0] == '+') {
      // BAML has no `+` on numbers (it would read `+500` as the text "+500"); reject it as a
      // duration's sign is rejected, rather than guess which was meant.
      const std::string unsigned_text(digits.substr(1));
      diags_.report(DiagKind::InvalidNumber, v.span.sub(0, 1), "a number cannot have a `+` sign")
          .with_hint("remove the sign: write `" + unsigned_text + "`");
      v.kind = ast::ValueKind::Invalid;
      return v;
    }
    if (v.text.find('.') != std::string::npos) {
      v.kind = ast::ValueKind::Float;
      v.float_value = std::strtod(v.text.c_str(), nullptr);
      return v;
    }
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v.int_value);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) {
      diags_.report(DiagKind::InvalidNumber, v.span, "the integer `" + v.text + "` is too large")
          .with_hint("integers must fit in 64 bits");
      v.kind = ast::ValueKind::Invalid;
    }
    return v;
  }

  ast::Value suffixed_number(antlr4::Token* token) {
    ast::Value v = make(ast::ValueKind::Duration, token);
    v.text = token->getText();
    if (auto problem = non_duration_number_problem(v.text)) {
      diags_.report(DiagKind::InvalidNumber, v.span, problem->message).with_hint(problem->hint);
      v.kind = ast::ValueKind::Invalid;
      return v;
    }
    baml::DurationParse parsed = baml::parse_duration(v.text);
    if (parsed.error) {
      const baml::DurationError& e = *parsed.error;
      const Span at = e.length == 0 ? v.span : v.span.sub(e.offset, e.length);
      diags_.report(duration_diag_kind(e.kind), at, e.message).with_hint(e.hint);
      v.kind = ast::ValueKind::Invalid;
      return v;
    }
    v.duration = *parsed.value;
    return v;
  }

  ast::Attribute attribute(BamlParser::AttributeNameContext* name_ctx, BamlParser::AttributeArgsContext* args,
                           bool block, Span span) {
    ast::Attribute out;
    out.block = block;
    out.span = span;
    if (name_ctx != nullptr) out.name = name(name_ctx->identifier());
    if (args == nullptr) return out;
    for (auto* arg : args->attributeArg()) {
      if (auto* jinja = arg->JINJA_EXPR()) {
        ast::Value v = make(ast::ValueKind::JinjaExpr, jinja->getSymbol());
        v.content_span = v.span.sub(2, v.span.size() - 4);
        v.text = std::string(file_.slice(v.content_span));
        out.args.push_back(std::move(v));
      } else if (auto* val = arg->value()) {
        out.args.push_back(value(*val));
      }
    }
    return out;
  }

  std::vector<ast::Attribute> attributes(const std::vector<BamlParser::AttributeContext*>& list) {
    std::vector<ast::Attribute> out;
    out.reserve(list.size());
    for (auto* attr : list) out.push_back(attribute(attr->attributeName(), attr->attributeArgs(), false, span_of(attr)));
    return out;
  }

  ast::Attribute block_attribute(BamlParser::BlockAttributeContext& attr) {
    return attribute(attr.attributeName(), attr.attributeArgs(), true, span_of(&attr));
  }

  // ---- types ----

  // Each type builder leaves the depth of the type it built in type_depth_. Brackets were
  // counted before parsing (nesting_scan.h), but `int[][]...[]` nests one level per suffix
  // without any: past kMaxNestingDepth the type is cut here, so later passes never recurse
  // deeper than that.
  ast::TypeExpr type_expr(BamlParser::TypeExprContext& ctx) {
    auto members = ctx.unionMember();
    if (members.size() == 1) return union_member(*members[0]);
    ast::TypeExpr out;
    out.kind = ast::TypeKind::Union;
    out.span = span_of(&ctx);
    const auto member_attributes = ctx.memberAttributes();
    std::size_t deepest = 0;
    for (std::size_t i = 0; i < members.size(); ++i) {
      out.children.push_back(union_member(*members[i]));
      deepest = std::max(deepest, type_depth_);
      if (i < member_attributes.size()) out.children.back().attributes = attributes(member_attributes[i]->attribute());
    }
    type_depth_ = deepest + 1;
    return out;
  }

  ast::TypeExpr union_member(BamlParser::UnionMemberContext& ctx) {
    ast::TypeExpr out;
    type_depth_ = 1;
    if (auto* primary = ctx.primaryType()) out = primary_type(*primary);
    for (auto* suffix : ctx.typeSuffix()) {
      if (++type_depth_ > kMaxNestingDepth) {
        if (!type_too_deep_reported_) {
          diags_.report(DiagKind::NestingTooDeep, span_of(suffix),
                        "this `" + suffix->getText() + "` makes the type nest deeper than " +
                            std::to_string(kMaxNestingDepth) + " levels, the most bamlc reads")
              .with_hint("give an inner part of the type a name with `type Name = ...` and use that");
          type_too_deep_reported_ = true;
        }
        ast::TypeExpr cut;  // Invalid: checkers skip it
        cut.span = out.span;
        type_depth_ = 1;
        return cut;
      }
      ast::TypeExpr wrapped;
      wrapped.kind = suffix->QUESTION() != nullptr ? ast::TypeKind::Optional : ast::TypeKind::List;
      wrapped.span = out.span.valid() ? out.span.merge(span_of(suffix)) : span_of(suffix);
      wrapped.children.push_back(std::move(out));
      out = std::move(wrapped);
    }
    return out;
  }

  ast::TypeExpr primary_type(BamlParser::PrimaryTypeContext& ctx) {
    ast::TypeExpr out;
    out.span = span_of(&ctx);
    if (auto* map = ctx.mapType()) {
      out.kind = ast::TypeKind::Map;
      out.name = name(map->identifier());
      if (out.name.text != "map") {
        diags_.report(DiagKind::UnexpectedToken, out.name.span, "`" + out.name.text + "<...>` is not a type")
            .with_hint("only `map<K, V>` takes type arguments");
        out.kind = ast::TypeKind::Invalid;
        return out;
      }
      std::size_t deepest = 0;
      for (auto* t : map->typeExpr()) {
        out.children.push_back(type_expr(*t));
        deepest = std::max(deepest, type_depth_);
      }
      type_depth_ = deepest + 1;
      return out;
    }
    if (auto* inner = ctx.typeExpr()) {
      out = type_expr(*inner);
      out.span = span_of(&ctx);
      out.attributes = attributes(ctx.attribute());
      return out;
    }
    if (auto* id = ctx.identifier()) {
      out.kind = ast::TypeKind::Named;
      out.name = name(id);
      return out;
    }
    if (auto* t = ctx.STRING()) {
      out.kind = ast::TypeKind::Literal;
      ast::Value v = make(ast::ValueKind::String, t->getSymbol());
      v.text = decode_quoted_string(t->getText());
      out.literal = std::move(v);
      return out;
    }
    if (auto* t = ctx.NUMBER()) {
      out.kind = ast::TypeKind::Literal;
      out.literal = number(t->getSymbol());
      return out;
    }
    return out;  // Invalid: already reported by the parser
  }

  antlr4::CommonTokenStream& tokens_;
  const SourceFile& file_;
  const TokenOffsets& offsets_;
  DiagnosticSink& diags_;
  std::size_t type_depth_ = 0;            // of the type built last (see type_expr)
  bool type_too_deep_reported_ = false;  // once per file

 public:
  std::vector<Span> unquoted_text_;  // where unquoted strings are, in source order
};

}  // namespace

ast::File build_ast(BamlParser::ProjectContext& tree, antlr4::CommonTokenStream& tokens, const SourceFile& file,
                    const TokenOffsets& offsets, DiagnosticSink& diags, std::vector<Span>& unquoted_text) {
  AstBuilder builder(tokens, file, offsets, diags);
  ast::File out = builder.build(tree);
  unquoted_text = std::move(builder.unquoted_text_);
  return out;
}

}  // namespace bamlc::syntax
