// The walk over a return type that decides what ctx.output_format hoists and in which order.
#include "output_format/schema.h"

#include <algorithm>
#include <set>
#include <unordered_set>

namespace baml::output_format {
namespace {

using ir::Type;

// The aliases `type` names directly (not through classes or other aliases): the edges of the
// alias graph.
void alias_refs(const ir::TypeSystem& types, const Type& type, std::vector<std::size_t>& out) {
  if (type.kind == Type::Kind::Alias) {
    if (const ir::Alias* a = types.find_alias(type.name)) out.push_back(static_cast<std::size_t>(a - types.aliases().data()));
    return;
  }
  for (const Type& child : type.children) alias_refs(types, child, out);
}

// The classes `type` depends on (the edges of the class graph): every class it names, through
// lists, maps, unions, optionals and aliases.
void class_refs(const TypeView& view, const Type& type, std::vector<std::size_t>& out,
                std::unordered_set<const ir::Alias*>& aliases_seen) {
  switch (type.kind) {
    case Type::Kind::Class:
      if (const ir::Class* c = view.types().find_class(type.name)) out.push_back(view.class_id(*c));
      return;
    case Type::Kind::Alias:
      if (const ir::Alias* a = view.types().find_alias(type.name); a && aliases_seen.insert(a).second) {
        class_refs(view, a->type, out, aliases_seen);
      }
      return;
    default:
      for (const Type& child : type.children) class_refs(view, child, out, aliases_seen);
  }
}

void class_successors(const TypeView& view, std::size_t id, std::vector<std::size_t>& out) {
  std::unordered_set<const ir::Alias*> aliases_seen;
  for (const ir::Field& f : view.types().classes()[id].fields) class_refs(view, f.type, out, aliases_seen);
}

// The class cycles that matter for `met` (the classes the walk met). Tarjan over the classes
// reachable from them gives the same components as over the whole program; only the order
// inside a cycle of 3+ classes can depend on where the search entered it, so then the whole
// program is searched, as BAML does.
Cycles class_cycles(const TypeView& view, const std::vector<const ir::Class*>& met) {
  const auto successors = [&view](std::size_t id, std::vector<std::size_t>& out) { class_successors(view, id, out); };
  const std::size_t limit = view.types().classes().size();
  std::vector<bool> in(limit, false);
  std::vector<std::size_t> nodes, todo, next;
  for (const ir::Class* c : met) todo.push_back(view.class_id(*c));
  while (!todo.empty()) {
    std::size_t id = todo.back();
    todo.pop_back();
    if (in[id]) continue;
    in[id] = true;
    nodes.push_back(id);
    next.clear();
    successors(id, next);
    todo.insert(todo.end(), next.begin(), next.end());
  }
  std::sort(nodes.begin(), nodes.end());
  Cycles local = find_cycles(nodes, limit, successors);
  if (!local.has_long_cycle) return local;
  std::vector<std::size_t> all(limit);
  for (std::size_t i = 0; i < limit; ++i) all[i] = i;
  return find_cycles(all, limit, successors);
}

}  // namespace

void TypeView::ensure_alias_cycles() const {
  if (alias_cycles_) return;
  const std::size_t n = types_.aliases().size();
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  alias_cycles_ = find_cycles(all, n, [this](std::size_t id, std::vector<std::size_t>& out) {
    alias_refs(types_, types_.aliases()[id].type, out);
  });
  alias_cycle_of_.assign(n, -1);
  for (std::size_t c = 0; c < alias_cycles_->cycles.size(); ++c) {
    for (std::size_t id : alias_cycles_->cycles[c]) alias_cycle_of_[id] = static_cast<int>(c);
  }
}

bool TypeView::is_recursive_alias(std::string_view name) const {
  const ir::Alias* a = types_.find_alias(name);
  if (!a) return false;
  ensure_alias_cycles();
  return alias_cycle_of_[static_cast<std::size_t>(a - types_.aliases().data())] >= 0;
}

std::vector<const ir::Alias*> TypeView::alias_cycle(std::string_view name) const {
  std::vector<const ir::Alias*> out;
  const ir::Alias* a = types_.find_alias(name);
  if (!a) return out;
  ensure_alias_cycles();
  int c = alias_cycle_of_[static_cast<std::size_t>(a - types_.aliases().data())];
  if (c < 0) return out;
  for (std::size_t id : alias_cycles_->cycles[static_cast<std::size_t>(c)]) out.push_back(&types_.aliases()[id]);
  return out;
}

const Type& TypeView::expand(const Type& type) const {
  const Type* t = &type;
  // A chain of plain aliases is finite (a cycle of aliases alone does not check); the bound
  // only guards against a malformed IR.
  for (std::size_t hops = 0; t->kind == Type::Kind::Alias && hops <= types_.aliases().size(); ++hops) {
    const ir::Alias* a = types_.find_alias(t->name);
    if (!a || is_recursive_alias(t->name)) break;
    t = &a->type;
  }
  return *t;
}

bool TypeView::is_union(const Type& type) const {
  const Type& t = expand(type);
  return t.kind == Type::Kind::Union || t.kind == Type::Kind::Optional || t.kind == Type::Kind::Null;
}

bool TypeView::union_members(const Type& type, std::vector<const Type*>& out) const {
  const Type& t = expand(type);
  switch (t.kind) {
    case Type::Kind::Null: return true;
    case Type::Kind::Optional:
      union_members(t.inner(), out);
      return true;
    case Type::Kind::Union: {
      bool has_null = false;
      for (const Type& m : t.children) has_null = union_members(m, out) || has_null;
      return has_null;
    }
    default: out.push_back(&t); return false;
  }
}

bool Reachable::reaches_class(std::string_view name) const {
  return std::any_of(classes.begin(), classes.end(), [&](const ir::Class* c) { return c->name == name; });
}

Reachable find_reachable(const TypeView& view, const ir::Type& target) {
  const ir::TypeSystem& types = view.types();
  Reachable r;
  std::unordered_set<const void*> seen;  // the classes, enums and recursive aliases already met
  std::vector<const Type*> stack{&target};
  while (!stack.empty()) {
    const Type& t = view.expand(*stack.back());
    stack.pop_back();
    switch (t.kind) {
      case Type::Kind::Enum:
        if (const ir::Enum* e = types.find_enum(t.name); e && seen.insert(e).second) r.enums.push_back(e);
        break;
      case Type::Kind::Class:
        if (const ir::Class* c = types.find_class(t.name); c && seen.insert(c).second) {
          r.classes.push_back(c);
          for (const ir::Field& f : c->fields) {
            if (!f.skip) stack.push_back(&f.type);
          }
        }
        break;
      case Type::Kind::Alias:  // recursive: its whole cycle is defined above the schema
        for (const ir::Alias* a : view.alias_cycle(t.name)) {
          if (seen.insert(a).second) {
            r.recursive_aliases.push_back(a);
            stack.push_back(&a->type);
          }
        }
        break;
      default:  // lists, optionals, maps (key, then value), unions (members in order)
        for (const Type& child : t.children) stack.push_back(&child);
    }
  }

  Cycles cycles = class_cycles(view, r.classes);
  std::vector<int> cycle_of(types.classes().size(), -1);
  for (std::size_t c = 0; c < cycles.cycles.size(); ++c) {
    for (std::size_t id : cycles.cycles[c]) cycle_of[id] = static_cast<int>(c);
  }
  std::vector<bool> added(types.classes().size(), false);
  for (const ir::Class* c : r.classes) {
    int k = cycle_of[view.class_id(*c)];
    if (k < 0) continue;
    for (std::size_t id : cycles.cycles[static_cast<std::size_t>(k)]) {
      if (!added[id]) {
        added[id] = true;
        r.recursive.push_back(&types.classes()[id]);
      }
    }
  }
  return r;
}

}  // namespace baml::output_format
