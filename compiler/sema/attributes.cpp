// The attribute table and its checker. Each attribute is declared once with the arguments it
// takes and the sites it may appear on; every message about a misspelled, misplaced or badly
// called attribute is derived from that table.
#include "compiler/sema/attributes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "compiler/base/spelling.h"

namespace bamlc::sema {
namespace {

enum class Arguments {
  None,       // @skip
  OneString,  // @alias("x")
  Check,      // @check(name, {{ expr }}): the name is mandatory
  Assert,     // @assert(name?, {{ expr }})
};

constexpr unsigned site_bit(AttributeSite site) {
  return 1u << static_cast<unsigned>(site);
}

constexpr unsigned kField = site_bit(AttributeSite::Field);
constexpr unsigned kEnumValue = site_bit(AttributeSite::EnumValue);
constexpr unsigned kClassBlock = site_bit(AttributeSite::ClassBlock);
constexpr unsigned kEnumBlock = site_bit(AttributeSite::EnumBlock);
constexpr unsigned kParameter = site_bit(AttributeSite::Parameter);
constexpr unsigned kTestBlock = site_bit(AttributeSite::TestBlock);
constexpr unsigned kTypeAlias = site_bit(AttributeSite::TypeAlias);
constexpr unsigned kGroupedType = site_bit(AttributeSite::GroupedType);

struct AttributeSpec {
  std::string_view name;
  Arguments arguments;
  unsigned sites;
  bool repeatable;
  // Sites where baml-cli 0.226.2 accepts the attribute without a word although it means nothing
  // there to bamlc: warning W0402, and the attribute is ignored (elsewhere, E0407).
  unsigned tolerated;
};

// BAML 0.226's attributes (reference §1.4). Checks and asserts may be repeated; everything else
// says one thing and may be given once. The tolerated sites are baml-cli's own answers: each
// attribute was checked on each site, and these are the ones it accepted that bamlc had refused.
constexpr std::array<AttributeSpec, 9> kAttributes = {{
    // On a parameter BAML projects write alias and description as documentation (baml-cli
    // 0.226.2 accepts both there); they change nothing.
    {"alias", Arguments::OneString, kField | kEnumValue | kClassBlock | kEnumBlock | kParameter, false, kGroupedType},
    {"description", Arguments::OneString, kField | kEnumValue | kClassBlock | kEnumBlock | kParameter, false,
     kGroupedType},
    {"skip", Arguments::None, kField | kEnumValue, false, kClassBlock | kEnumBlock | kParameter | kGroupedType},
    {"dynamic", Arguments::None, kClassBlock | kEnumBlock, false, kParameter | kGroupedType},
    {"check", Arguments::Check, kField | kClassBlock | kTestBlock | kTypeAlias | kGroupedType, true,
     kEnumValue | kEnumBlock},
    {"assert", Arguments::Assert, kField | kClassBlock | kTestBlock | kTypeAlias | kGroupedType | kParameter, true,
     kEnumValue | kEnumBlock},
    {"stream.done", Arguments::None, kField | kEnumValue | kClassBlock | kTypeAlias | kGroupedType, false,
     kEnumBlock | kParameter},
    {"stream.not_null", Arguments::None, kField | kClassBlock | kTypeAlias | kGroupedType, false,
     kEnumValue | kEnumBlock | kParameter},
    {"stream.with_state", Arguments::None, kField | kTypeAlias | kGroupedType, false,
     kEnumValue | kClassBlock | kEnumBlock | kParameter},
}};

constexpr std::array<AttributeSite, 8> kAllSites = {
    AttributeSite::Field,     AttributeSite::EnumValue, AttributeSite::ClassBlock, AttributeSite::EnumBlock,
    AttributeSite::Parameter, AttributeSite::TestBlock, AttributeSite::TypeAlias,  AttributeSite::GroupedType};

bool is_block_site(AttributeSite site) {
  switch (site) {
    case AttributeSite::ClassBlock:
    case AttributeSite::EnumBlock:
    case AttributeSite::TestBlock: return true;
    case AttributeSite::Field:
    case AttributeSite::EnumValue:
    case AttributeSite::Parameter:
    case AttributeSite::TypeAlias:
    case AttributeSite::GroupedType: return false;
  }
  return false;
}

// How a message names the site: "`@x` cannot be used on <site>".
std::string_view site_phrase(AttributeSite site) {
  switch (site) {
    case AttributeSite::Field: return "a class field";
    case AttributeSite::EnumValue: return "an enum value";
    case AttributeSite::ClassBlock: return "a class";
    case AttributeSite::EnumBlock: return "an enum";
    case AttributeSite::Parameter: return "a function parameter";
    case AttributeSite::TestBlock: return "a test";
    case AttributeSite::TypeAlias: return "a type alias";
    case AttributeSite::GroupedType: return "a type in parentheses";
  }
  return "";
}

std::string spelled(std::string_view name, bool block) {
  return std::string(block ? "@@" : "@") + std::string(name);
}

const AttributeSpec* find_spec(std::string_view name) {
  for (const AttributeSpec& spec : kAttributes) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

// "`@skip` goes after a class field or an enum value": where an attribute may be written, for
// the hint of a misplaced one.
std::string where_allowed(const AttributeSpec& spec) {
  std::vector<std::string_view> after, inside;
  for (AttributeSite site : kAllSites) {
    if ((spec.sites & site_bit(site)) == 0) continue;
    (is_block_site(site) ? inside : after).push_back(site_phrase(site));
  }
  auto join = [](const std::vector<std::string_view>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out += i + 1 == items.size() ? " or " : ", ";
      out += items[i];
    }
    return out;
  };
  std::string out;
  if (!after.empty()) out += "`" + spelled(spec.name, false) + "` goes after " + join(after);
  if (!inside.empty())
    out += (out.empty() ? "" : "; ") + ("`" + spelled(spec.name, true) + "` goes inside " + join(inside));
  return out;
}

bool is_identifier(std::string_view text) {
  if (text.empty() || (std::isalpha(static_cast<unsigned char>(text[0])) == 0 && text[0] != '_')) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
}

// The closest identifier to a name that is not one: `valid-email` -> `valid_email`.
std::string as_identifier(std::string_view text) {
  std::string out;
  for (char c : text) out += std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0])) != 0) out = "check_" + out;
  return out;
}

bool is_string_like(const ast::Value& value) {
  return value.kind == ast::ValueKind::String || value.kind == ast::ValueKind::RawString ||
         value.kind == ast::ValueKind::Word;
}

class AttributeChecker {
 public:
  AttributeChecker(Context& ctx, AttributeSite site) : ctx_(ctx), site_(site) {}

  void check(const ast::Attribute& attribute) {
    if (attribute.name.text.empty()) return;  // the parser reported it
    const AttributeSpec* spec = find_spec(attribute.name.text);
    if (spec == nullptr) return report_unknown(attribute);
    if ((spec->sites & site_bit(site_)) == 0) return report_misplaced(attribute, *spec);
    if (!spec->repeatable) {
      auto first = std::find_if(first_seen_.begin(), first_seen_.end(),
                                [&](const auto& seen) { return seen.first == spec->name; });
      if (first != first_seen_.end()) {
        ctx_.diags
            .report(DiagKind::DuplicateAttribute, attribute.span,
                    "`" + spelled(spec->name, attribute.block) + "` is given more than once")
            .with_hint("keep one of them")
            .with_note(first->second, "first given here");
        return;
      }
      first_seen_.emplace_back(spec->name, attribute.span);
    }
    if (!arguments_ok(attribute, *spec)) return;
    record(attribute, *spec);
  }

  CheckedAttributes take() { return std::move(out_); }

 private:
  void report_unknown(const ast::Attribute& attribute) {
    const std::string written = spelled(attribute.name.text, attribute.block);
    std::vector<std::string> here;
    for (const AttributeSpec& spec : kAttributes) {
      if ((spec.sites & site_bit(site_)) != 0) here.push_back(spelled(spec.name, is_block_site(site_)));
    }
    Diagnostic& d =
        ctx_.diags.report(DiagKind::UnknownAttribute, attribute.span, "unknown attribute `" + written + "`");
    if (auto guess = closest_match(written, std::span<const std::string>(here))) {
      d.with_hint("did you mean `" + *guess + "`?");
    } else {
      std::vector<std::string_view> views(here.begin(), here.end());
      d.with_hint("attributes allowed on " + std::string(site_phrase(site_)) + ": " +
                  quoted_list(std::span<const std::string_view>(views), "and"));
    }
  }

  void report_misplaced(const ast::Attribute& attribute, const AttributeSpec& spec) {
    const std::string written = spelled(attribute.name.text, attribute.block);
    if ((spec.tolerated & site_bit(site_)) != 0 && attribute.block == is_block_site(site_)) {
      ctx_.diags
          .report(DiagKind::IgnoredAttribute, attribute.span,
                  "bamlc ignores `" + written + "` on " + std::string(site_phrase(site_)) +
                      ", which baml-cli accepts")
          .with_hint(where_allowed(spec));
      return;
    }
    if (site_ == AttributeSite::Parameter && spec.arguments == Arguments::Check) {
      // BAML: "Types with checks are not allowed as function parameters."
      ctx_.diags.report(DiagKind::CheckedParameter, attribute.span, "`@check` is not allowed on a function parameter")
          .with_hint("use `@assert(name, {{ ... }})` to reject bad arguments; a parameter cannot carry check results");
      return;
    }
    ctx_.diags
        .report(DiagKind::MisplacedAttribute, attribute.span,
                "`" + written + "` cannot be used on " + std::string(site_phrase(site_)))
        .with_hint(where_allowed(spec));
  }

  bool arguments_ok(const ast::Attribute& attribute, const AttributeSpec& spec) {
    const std::string written = spelled(spec.name, attribute.block);
    const std::vector<ast::Value>& args = attribute.args;
    for (const ast::Value& arg : args) {
      if (arg.kind == ast::ValueKind::Invalid) return false;  // already reported
    }
    switch (spec.arguments) {
      case Arguments::None:
        if (args.empty()) return true;
        ctx_.diags.report(DiagKind::AttributeArguments, attribute.span, "`" + written + "` takes no arguments")
            .with_hint("write `" + written + "`");
        return false;
      case Arguments::OneString:
        if (args.size() == 1 && is_string_like(args[0])) return true;
        if (args.size() == 1 && args[0].kind == ast::ValueKind::Duration) {
          // An unquoted token is text here, duration-shaped or not (LANGUAGE.md): `@alias(5m)`.
          ctx_.diags
              .report(DiagKind::DurationAsString, args[0].span,
                      "`" + written + "` takes a string: `" + args[0].text + "` is read as the text \"" + args[0].text +
                          "\", not as a duration")
              .with_hint("quote it to say so: `" + written + "(\"" + args[0].text + "\")`");
          return true;
        }
        ctx_.diags
            .report(DiagKind::AttributeArguments, args.size() == 1 ? args[0].span : attribute.span,
                    "`" + written + "` takes one string" +
                        (args.size() == 1 ? ", not " + std::string(ast::value_kind_name(args[0].kind))
                                          : ", given " + std::to_string(args.size()) + " arguments"))
            .with_hint("write `" + written + "(\"...\")`");
        return false;
      case Arguments::Check:
        if (args.size() == 1 && args[0].kind == ast::ValueKind::JinjaExpr) {
          ctx_.diags.report(DiagKind::InvalidCheckName, attribute.span, "`" + written + "` needs a name")
              .with_hint("write `" + written + "(a_name, {{" + args[0].text +
                         "}})`; the name is how the check's result is read back");
          return false;
        }
        return named_expression_ok(attribute, written, /*name_required=*/true);
      case Arguments::Assert:
        if (args.size() == 1 && args[0].kind == ast::ValueKind::JinjaExpr) return true;
        return named_expression_ok(attribute, written, /*name_required=*/false);
    }
    return false;
  }

  // `(name, {{ expr }})`: the name is an identifier, the second argument a Jinja expression.
  bool named_expression_ok(const ast::Attribute& attribute, const std::string& written, bool name_required) {
    const std::vector<ast::Value>& args = attribute.args;
    const std::string shape = written + (name_required ? "(name, {{ this > 0 }})"
                                                       : "(name, {{ this > 0 }})` or `" + written + "({{ this > 0 }})");
    if (args.size() != 2 || args[1].kind != ast::ValueKind::JinjaExpr) {
      ctx_.diags
          .report(DiagKind::AttributeArguments, attribute.span,
                  "`" + written + "` takes " + (name_required ? "a name" : "an optional name") +
                      " and a `{{ expression }}`")
          .with_hint("write `" + shape + "`");
      return false;
    }
    // BAML takes the name bare or quoted, as long as it is an identifier: results are read
    // back as `_.checks.NAME`.
    const ast::Value& name = args[0];
    const bool text = name.kind == ast::ValueKind::Word || name.kind == ast::ValueKind::String;
    if (text && is_identifier(name.text)) return true;
    if (!name_required && name.kind == ast::ValueKind::String) return true;  // an assert's label is free text
    ctx_.diags
        .report(DiagKind::InvalidCheckName, name.span,
                text ? "the name of a check must be an identifier, not `" + name.text + "`"
                     : "the name of a check must be an identifier, not " + std::string(ast::value_kind_name(name.kind)))
        .with_hint("write `" + written + "(" + as_identifier(name.text) +
                   ", {{ ... }})`: a name is letters, digits and `_`, read back as `_.checks.NAME`");
    return false;
  }

  void record(const ast::Attribute& attribute, const AttributeSpec& spec) {
    const std::vector<ast::Value>& args = attribute.args;
    if (spec.name == "alias") {
      out_.alias = string_value_text(args[0]);
    } else if (spec.name == "description") {
      out_.description = string_value_text(args[0]);
    } else if (spec.name == "skip") {
      out_.skip = true;
      out_.skip_span = attribute.span;
    } else if (spec.name == "dynamic") {
      out_.dynamic = true;
    } else if (spec.arguments == Arguments::Check || spec.arguments == Arguments::Assert) {
      const ast::Value& expression = args.back();
      model::Check check;
      check.name = args.size() == 2 ? args[0].text : std::string();
      check.is_assert = spec.arguments == Arguments::Assert;
      check.expression = expression.text;
      check.span = expression.content_span;
      out_.checks.push_back(std::move(check));
    } else {
      out_.stream_attributes.push_back(std::string(spec.name.substr(std::string_view("stream.").size())));
    }
  }

  Context& ctx_;
  AttributeSite site_;
  CheckedAttributes out_;
  std::vector<std::pair<std::string_view, Span>> first_seen_;  // non-repeatable attributes given so far
};

}  // namespace

CheckedAttributes check_attributes(Context& ctx, AttributeSite site, std::span<const ast::Attribute> attributes) {
  AttributeChecker checker(ctx, site);
  for (const ast::Attribute& attribute : attributes) checker.check(attribute);
  return checker.take();
}

std::string string_value_text(const ast::Value& value) {
  if (value.kind != ast::ValueKind::RawString) return value.text;
  // BAML strips the line break after the opening quote and the last line (up to the closing
  // quote) when it is blank, then removes the indentation all remaining lines share.
  std::string_view text = value.text;
  if (const auto first = text.find_first_not_of(" \t"); first != std::string_view::npos && text[first] == '\n') {
    text.remove_prefix(first + 1);
  }
  if (const auto last_break = text.rfind('\n');
      last_break != std::string_view::npos &&
      text.find_first_not_of(" \t\r", last_break + 1) == std::string_view::npos) {
    text = text.substr(0, last_break);
  }
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  std::size_t indent = std::string_view::npos;
  for (std::string_view line : lines) {
    const std::size_t lead = line.find_first_not_of(" \t");
    if (lead != std::string_view::npos) indent = std::min(indent, lead);
  }
  if (indent == std::string_view::npos) indent = 0;
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out += '\n';
    if (lines[i].size() > indent) out += lines[i].substr(indent);
  }
  return out;
}

}  // namespace bamlc::sema
