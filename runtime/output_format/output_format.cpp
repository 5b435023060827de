// Writing the schema text: the hoisted enum, class and alias definitions, the "Answer ..." prefix
// and the schema itself, with BAML 0.226.2's layout rules (each checked against the oracle; the
// cases are in tests/output_format_golden).
#include "output_format/output_format.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <baml/errors.h>

#include "output_format/schema.h"

namespace baml::output_format {
namespace {

using ir::Type;

// An enum is written inline as `'A' or 'B'` unless it has more values than this or a value has a
// description; then it is hoisted above the schema and named.
constexpr std::size_t kInlineEnumMaxValues = 6;
// A list of an inlined enum is bracketed on lines of its own when the enum's text is longer.
constexpr std::size_t kInlineListItemMaxChars = 15;
// bamlc's `duration`, which BAML lacks: the text asks for the form the duration parser reads.
constexpr std::string_view kDurationText = "duration (e.g. \"90s\", \"1m30s\")";

std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (std::size_t hit; (hit = text.find(from, pos)) != std::string_view::npos; pos = hit + from.size()) {
    out.append(text, pos, hit - pos);
    out += to;
  }
  out.append(text, pos);
  return out;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\r\v\f";
  std::size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kSpace) - b + 1);
}

bool is_primitive(Type::Kind k) {
  switch (k) {
    case Type::Kind::Int: case Type::Kind::Float: case Type::Kind::String: case Type::Kind::Bool:
    case Type::Kind::Null: case Type::Kind::Duration: case Type::Kind::Image: case Type::Kind::Audio:
    case Type::Kind::Pdf: case Type::Kind::Video:
      return true;
    default:
      return false;
  }
}

std::string_view media_name(Type::Kind k) {
  switch (k) {
    case Type::Kind::Image: return "image";
    case Type::Kind::Audio: return "audio";
    case Type::Kind::Pdf: return "pdf";
    default: return "video";
  }
}

std::string literal_text(const Value& v) {
  switch (v.kind()) {
    // BAML writes a string literal between double quotes as it is, without escaping.
    case Value::Kind::String: return "\"" + v.as_string() + "\"";
    case Value::Kind::Int: return std::to_string(v.as_int());
    case Value::Kind::Bool: return v.as_bool() ? "true" : "false";
    default: return option_text(v);
  }
}

const ir::Enum& find_enum(const ir::TypeSystem& types, const std::string& name) {
  const ir::Enum* e = types.find_enum(name);
  if (!e) throw_template_error("ctx.output_format: enum " + name + " not found");
  return *e;
}

const ir::Class& find_class(const ir::TypeSystem& types, const std::string& name) {
  const ir::Class* c = types.find_class(name);
  if (!c) throw_template_error("ctx.output_format: class " + name + " not found");
  return *c;
}

class Renderer {
 public:
  Renderer(const TypeView& view, const Options& options) : view_(view), o_(options) {}

  void hoist_enum(const ir::Enum* e) { hoisted_enums_.insert(e); }
  void hoist_class(const ir::Class* c) { hoisted_classes_.insert(c); }
  bool enum_hoisted(const ir::Enum* e) const { return hoisted_enums_.count(e) > 0; }
  bool class_hoisted(const ir::Class* c) const { return hoisted_classes_.count(c) > 0; }

  // The schema of a type, a hoisted class written out in full (BAML's inner_type_render).
  std::string schema(const Type& type) const {
    Writer w;
    write_schema(type, w);
    return std::move(w.out);
  }
  std::string class_body(const ir::Class& c) const {
    Writer w;
    write_class(c, w);
    return std::move(w.out);
  }

  // `Name\n----\n- A\n- B: description`.
  std::string enum_block(const ir::Enum& e) const {
    std::string out = (e.alias ? *e.alias : e.name) + "\n----";
    const std::string item_prefix = o_.enum_value_prefix.state == Setting::State::Auto ? "- " : o_.enum_value_prefix.value;
    for (const ir::EnumValue& v : e.values) {
      if (v.skip) continue;
      out += "\n" + item_prefix + v.rendered_name();
      if (v.description) out += ": " + replace_all(*v.description, "\n", "\n  ");
    }
    return out;
  }

 private:
  // The text being written. BAML renders nested schemas as strings and indents each by two
  // spaces after every newline, at every level; writing with the indentation of the current
  // level gives the same bytes without copying each level again.
  struct Writer {
    std::string out;
    std::string newline = "\n";  // a newline and the current indentation

    void put(std::string_view s) {
      for (std::size_t pos = 0;;) {
        std::size_t nl = s.find('\n', pos);
        if (nl == std::string_view::npos) {
          out.append(s, pos);
          return;
        }
        out.append(s, pos, nl - pos);
        out += newline;
        pos = nl + 1;
      }
    }
    void deeper() { newline += "  "; }
    void shallower() { newline.resize(newline.size() - 2); }
  };

  // A type with hoisted classes by name (BAML's render_possibly_hoisted_type).
  void write_type(const Type& type, Writer& w) const {
    const Type& t = view_.expand(type);
    if (t.kind == Type::Kind::Class) {
      const ir::Class& c = find_class(view_.types(), t.name);
      if (class_hoisted(&c)) return w.put(c.name);
    }
    write_schema(t, w);
  }

  void write_schema(const Type& type, Writer& w) const {
    const Type& t = view_.expand(type);
    switch (t.kind) {
      case Type::Kind::Int: return w.put("int");
      case Type::Kind::Float: return w.put("float");
      case Type::Kind::String: return w.put("string");
      case Type::Kind::Bool: return w.put("bool");
      case Type::Kind::Null: return w.put(o_.null_text());
      case Type::Kind::Duration: return w.put(kDurationText);
      case Type::Kind::Image: case Type::Kind::Audio: case Type::Kind::Pdf: case Type::Kind::Video:
        throw_template_error("ctx.output_format: type '" + std::string(media_name(t.kind)) +
                             "' is not supported in outputs");
      case Type::Kind::Literal: return w.put(literal_text(t.literal));
      case Type::Kind::Enum: return w.put(enum_reference(find_enum(view_.types(), t.name)));
      case Type::Kind::Class: return write_class(find_class(view_.types(), t.name), w);
      case Type::Kind::Alias: return w.put(t.name);  // a recursive alias, defined above the schema
      case Type::Kind::List: return write_list(t, w);
      case Type::Kind::Map:
        w.put(o_.map_style == MapStyle::Object ? "{" : "map<");
        write_type(t.key(), w);
        w.put(o_.map_style == MapStyle::Object ? ": " : ", ");
        write_type(t.value(), w);
        return w.put(o_.map_style == MapStyle::Object ? "}" : ">");
      case Type::Kind::Optional:
      case Type::Kind::Union: {
        std::vector<const Type*> members;
        bool has_null = view_.union_members(t, members);
        for (std::size_t i = 0; i < members.size(); ++i) {
          if (i) w.put(o_.or_splitter);
          write_type(*members[i], w);
        }
        if (has_null) {
          if (!members.empty()) w.put(o_.or_splitter);
          w.put(o_.null_text());
        }
        return;
      }
    }
  }

  // `{\n  field: type,\n}` with the class's and its fields' descriptions as comments.
  void write_class(const ir::Class& c, Writer& w) const {
    w.put("{\n");
    if (c.description) {
      std::string_view desc = trim(*c.description);
      if (!desc.empty()) {
        for (std::size_t pos = 0; pos <= desc.size();) {
          std::size_t end = desc.find('\n', pos);
          if (end == std::string_view::npos) end = desc.size();
          std::string_view line = desc.substr(pos, end - pos);
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          w.put("  // ");
          w.put(line);
          w.put("\n");
          pos = end + 1;
        }
        w.put("\n");
      }
    }
    for (const ir::Field& f : c.fields) {
      if (f.skip) continue;
      if (f.description) {
        w.put("  // ");
        w.put(replace_all(*f.description, "\n", "\n  // "));
        w.put("\n");
      }
      w.put(o_.quote_class_fields ? "  \"" : "  ");
      w.put(f.rendered_name());
      w.put(o_.quote_class_fields ? "\": " : ": ");
      w.deeper();
      write_type(f.type, w);
      w.shallower();
      w.put(",\n");
    }
    w.put("}");
  }

  // A hoisted enum by its name, else its values inline: `'A' or 'B'`.
  std::string enum_reference(const ir::Enum& e) const {
    if (enum_hoisted(&e)) return e.alias ? *e.alias : e.name;
    std::string out;
    for (const ir::EnumValue& v : e.values) {
      if (v.skip) continue;
      if (!out.empty()) out += o_.or_splitter;
      out += "'" + v.rendered_name() + "'";
    }
    return out;
  }

  // `int[]`, `(int or string)[]`, or the item on lines of its own: `[\n  {...}\n]`.
  void write_list(const Type& list, Writer& w) const {
    const Type& item = view_.expand(list.items());
    bool hoisted = item.kind == Type::Kind::Alias ||  // a recursive alias, always defined above
                   (item.kind == Type::Kind::Class && class_hoisted(&find_class(view_.types(), item.name)));
    std::string enum_text;
    if (item.kind == Type::Kind::Enum) enum_text = enum_reference(find_enum(view_.types(), item.name));
    bool bracket = false;
    if (!hoisted) {
      switch (item.kind) {
        case Type::Kind::Enum: bracket = enum_text.size() > kInlineListItemMaxChars; break;
        case Type::Kind::Optional:
        case Type::Kind::Union: {
          std::vector<const Type*> members;
          bracket = !view_.union_members(item, members);  // null is a primitive member
          for (const Type* m : members) bracket = bracket && !is_primitive(m->kind);
          break;
        }
        default: bracket = !is_primitive(item.kind);
      }
    }
    const bool is_union = item.kind == Type::Kind::Union || item.kind == Type::Kind::Optional;
    if (bracket) {
      w.put("[\n  ");
      w.deeper();
    } else if (is_union) {
      w.put("(");
    }
    if (item.kind == Type::Kind::Enum) {
      w.put(enum_text);
    } else {
      write_type(item, w);
    }
    if (bracket) {
      w.shallower();
      w.put("\n]");
    } else {
      w.put(is_union ? ")[]" : "[]");
    }
  }

  const TypeView& view_;
  const Options& o_;
  std::unordered_set<const ir::Enum*> hoisted_enums_;
  std::unordered_set<const ir::Class*> hoisted_classes_;
};

bool enum_needs_hoisting(const ir::Enum& e) {
  std::size_t shown = 0;
  bool described = false;
  for (const ir::EnumValue& v : e.values) {
    if (v.skip) continue;
    ++shown;
    described = described || v.description.has_value();
  }
  return shown > kInlineEnumMaxValues || described;
}

// "Answer ..." for the target, when the options leave it to the renderer.
std::optional<std::string> auto_prefix(const TypeView& view, const Type& target, const Options& o,
                                       bool target_class_hoisted) {
  const std::string type_prefix =
      o.hoisted_class_prefix.always() && !o.hoisted_class_prefix.value.empty() ? o.hoisted_class_prefix.value : "schema";
  switch (target.kind) {
    case Type::Kind::String: return std::nullopt;
    case Type::Kind::Int: return "Answer as an ";
    case Type::Kind::Float: return "Answer as a ";
    case Type::Kind::Bool: return "Answer as a ";
    case Type::Kind::Duration: return "Answer as a ";
    case Type::Kind::Image: case Type::Kind::Audio: case Type::Kind::Pdf: case Type::Kind::Video:
      return std::nullopt;  // the schema itself is an error
    case Type::Kind::Literal: return "Answer using this specific value:\n";
    case Type::Kind::Enum: return "Answer with any of the categories:\n";
    case Type::Kind::Class:
      return "Answer in JSON using this " + type_prefix + ":" + (target_class_hoisted ? " " : "\n");
    case Type::Kind::Alias: return "Answer in JSON using this " + type_prefix + ": ";
    case Type::Kind::List: return "Answer with a JSON Array using this schema:\n";
    case Type::Kind::Map: return "Answer in JSON using this schema:\n";
    case Type::Kind::Null:
    case Type::Kind::Optional:
    case Type::Kind::Union: {
      std::vector<const Type*> members;
      bool has_null = view.union_members(target, members);
      if (members.empty()) return "Answer ONLY with " + o.null_text() + ":\n";
      if (members.size() == 1 && has_null) return "Answer in JSON using this schema:\n";
      return "Answer in JSON using any of these schemas:\n";
    }
  }
  return std::nullopt;
}

void append_joined(std::string& out, const std::vector<std::string>& parts, std::string_view sep) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
}

}  // namespace

std::string render(const ir::Type& return_type, const ir::TypeSystem& types) {
  return render(return_type, types, Options{});
}

std::string render(const ir::Type& return_type, const ir::TypeSystem& types, const Value::Entries& named_options) {
  return render(return_type, types, parse_options(named_options));
}

std::string render(const ir::Type& return_type, const ir::TypeSystem& types, const Options& o) {
  TypeView view(types);
  const Reachable reach = find_reachable(view, return_type);
  Renderer r(view, o);

  std::vector<const ir::Enum*> hoisted_enums;
  for (const ir::Enum* e : reach.enums) {
    if (o.always_hoist_enums || enum_needs_hoisting(*e)) {
      hoisted_enums.push_back(e);
      r.hoist_enum(e);
    }
  }

  // Recursive classes first, then what the options add.
  std::vector<const ir::Class*> hoisted_classes;
  std::unordered_set<const ir::Class*> hoisted_set;
  const auto hoist = [&](const ir::Class* c) {
    if (hoisted_set.insert(c).second) {
      hoisted_classes.push_back(c);
      r.hoist_class(c);
    }
  };
  for (const ir::Class* c : reach.recursive) hoist(c);
  if (o.hoist_classes == HoistClasses::All) {
    for (const ir::Class* c : reach.classes) hoist(c);
  } else if (o.hoist_classes == HoistClasses::Subset) {
    std::vector<std::string> missing;
    for (const std::string& name : o.hoisted_subset) {
      const ir::Class* c = types.find_class(name);
      if (c && reach.reaches_class(name)) {
        hoist(c);
      } else if (std::find(missing.begin(), missing.end(), name) == missing.end()) {
        missing.push_back(name);
      }
    }
    if (!missing.empty()) {
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "\"" : ", \"") + m + "\"";
      throw_template_error(missing.size() == 1 ? "Cannot hoist class " + list + " because it does not exist"
                                               : "Cannot hoist classes " + list + " because they do not exist");
    }
  }

  const Type& target = view.expand(return_type);
  const ir::Class* target_class = target.kind == Type::Kind::Class ? &find_class(types, target.name) : nullptr;
  const bool target_class_hoisted = target_class && r.class_hoisted(target_class);
  const ir::Enum* target_enum = target.kind == Type::Kind::Enum ? &find_enum(types, target.name) : nullptr;
  const bool target_enum_hoisted = target_enum && r.enum_hoisted(target_enum);

  std::optional<std::string> prefix;
  if (o.prefix.state == Setting::State::Always) {
    prefix = o.prefix.value;
  } else if (o.prefix.state == Setting::State::Auto) {
    prefix = auto_prefix(view, target, o, target_class_hoisted);
  }

  // The schema after the prefix: a hoisted target by name, a hoisted target enum not at all
  // (its definition above carries the prefix).
  std::optional<std::string> message;
  if (target_class_hoisted) {
    message = target_class->name;
  } else if (target_enum) {
    if (!target_enum_hoisted) message = r.enum_block(*target_enum);
  } else if (target.kind != Type::Kind::String || prefix) {
    message = r.schema(target);  // "int" after "Answer as an "
  }

  std::vector<std::string> enum_defs, class_defs, alias_defs;
  for (const ir::Enum* e : hoisted_enums) {
    std::string block = r.enum_block(*e);
    enum_defs.push_back(target_enum_hoisted && prefix ? *prefix + block : std::move(block));
  }
  const std::string class_prefix =
      o.hoisted_class_prefix.always() && !o.hoisted_class_prefix.value.empty() ? o.hoisted_class_prefix.value + " " : "";
  for (const ir::Class* c : hoisted_classes) class_defs.push_back(class_prefix + c->name + " " + r.class_body(*c));
  for (const ir::Alias* a : reach.recursive_aliases) alias_defs.push_back(class_prefix + a->name + " = " + r.schema(a->type));

  std::string out;
  if (!enum_defs.empty()) {
    append_joined(out, enum_defs, "\n\n");
    if (!target_enum_hoisted) out += "\n\n";
  }
  if (!class_defs.empty()) {
    append_joined(out, class_defs, "\n\n");
    out += "\n\n";
  }
  if (!alias_defs.empty()) {
    append_joined(out, alias_defs, "\n");
    out += "\n\n";
  }
  if (prefix && !target_enum_hoisted) out += *prefix;
  if (message) out += *message;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace baml::output_format
