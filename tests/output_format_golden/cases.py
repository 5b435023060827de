"""The ctx.output_format golden cases: the types of one .baml project and one function per case.

Each case is (function name, return type, options, flags). `options` are the keyword arguments
of ctx.output_format(...) as JSON values (None is Jinja's `none`). Flags:
  "checker_rejects": bamlc's checker refuses these options although BAML takes them, so the
                     committed project calls plain `ctx.output_format` and only the oracle's copy
                     passes the options; the driver still renders with them.
  "known_difference": text why bamlc cannot match BAML on this case yet; reported, not failed.
regenerate.py writes project/main.baml and asks BAML 0.226.2 for expected.json.
"""

TYPES = r'''
class Person {
  name string
  age int
}

class Described {
  @@description("A support ticket")
  id int @description("The ticket number")
  title string @alias("headline") @description(#"
    First line
    second line
  "#)
  notes string? @skip
  owner Person?
}

class MultiDesc {
  @@description(#"
    A professional resume
      indented line

    after a blank line
  "#)
  name string @description("  spaced  ")
}

class BlankDesc {
  @@description("   ")
  a int
}

class Aliased {
  @@alias("AliasedClass")
  first_name string @alias("firstName")
}

class Empty {
}

class NestedDesc {
  tickets Described[]
  by_id map<string, Described>
  maybe Described | MultiDesc | null
}

class Address {
  street string
  city string
}

class Order {
  id int
  address Address
  billing Address?
  items Item[]
  tags map<string, string>
}

class Item {
  sku string
  qty int
  price float
}

class Deep {
  a Deep2
}

class Deep2 {
  b Deep3[]
}

class Deep3 {
  c map<string, Deep4>
}

class Deep4 {
  d int?
}

class Node {
  value int
  children Node[]
}

class LinkedNode {
  @@description("A node in a linked list")
  data int
  next LinkedNode?
}

class Tree {
  kids Forest
}

class Forest {
  trees Tree[]
}

class Z {
  a Y
  b X?
}

class Y {
  z Z?
}

class X {
  x X?
  w W
}

class W {
  v int
}

class Ring1 {
  next Ring2
}

class Ring2 {
  next Ring3
}

class Ring3 {
  back Ring1?
  side Ring2?
}

class RingEntry {
  r Ring2
}

class SelfSkip {
  me SelfSkip? @skip
  v int
}

class HoldsRecursive {
  t Tree
  n LinkedNode
  e Empty
}

class Kinds {
  s string
  i int
  f float
  b bool
  n null
  lit "fixed"
  num 7
  flag false
  opt int?
  ou (int | string)?
  lo (int | null)[]
  ll int[][]
  lc Item[]
  lm map<string, int>[]
  mo map<string, int?>
  mu map<string, Item | string>
  lu (Item | string)[]
  lp (int | string)[]
  ln (Empty | null)[]
  llu ("x" | "y")[]
}

enum Sentiment {
  POSITIVE
  NEGATIVE
  NEUTRAL
}

enum Category {
  BUG @alias("bug-report") @description("Something is broken")
  FEATURE @description("A new capability")
  QUESTION @alias("q")
  SPAM @skip
}

enum Level {
  @@alias("Priority")
  LOW
  HIGH @alias("hi")
}

enum Seven {
  V1
  V2
  V3
  V4
  V5
  V6
  V7
}

enum Six {
  S1
  S2
  S3
  S4
  S5
  S6
}

enum SkipToSix {
  T1
  T2
  T3
  T4
  T5
  T6
  T7 @skip
}

enum VeryLongEnumNameHere {
  A @description("first")
  B
}

enum Gone {
  ONLY @skip
}

enum MultiLineDesc {
  ONE @description(#"
    first line
    second line
  "#)
  TWO
}

enum Ea {
  A @description("d")
}

enum Eb {
  A @description("d")
}

enum Ec {
  A @description("d")
}

enum Ed {
  A @description("d")
}

enum Ee {
  A @description("d")
}

enum Ef {
  A @description("d")
}

class EnumOrder {
  m map<Ea, Eb>
  u Ec | Ed
  o Ee?
  l Ef[]
}

class EnumUses {
  s Sentiment
  c Category
  l Level
  seven Seven
  six Six
  skip SkipToSix
  opt Sentiment?
  list Sentiment[]
  keys map<Sentiment, int>
  hkeys map<Seven, int>
  un Sentiment | Level
}

type Score = int
type PersonAlias = Person
type Cat = Category
type Choice = "a" | "b"
type IntOrString = int | string
type JsonValue = int | string | bool | JsonValue[] | map<string, JsonValue>
type A1 = A2[]
type A2 = A1 | int

class UsesAliases {
  score Score
  who PersonAlias
  choice Choice
  data JsonValue
  scores Score[]
}
'''

C = "checker_rejects"

CASES = [
    # Primitives and literals.
    ("PrimString", "string", {}, {}),
    ("PrimInt", "int", {}, {}),
    ("PrimFloat", "float", {}, {}),
    ("PrimBool", "bool", {}, {}),
    ("PrimNull", "null", {}, {}),
    ("PrimStringPrefix", "string", {"prefix": "Say it: "}, {}),
    ("PrimStringEmptyPrefix", "string", {"prefix": ""}, {}),
    ("PrimIntNoPrefix", "int", {"prefix": None}, {}),
    ("PrimOptionalInt", "int?", {}, {}),
    ("LitString", '"yes"', {}, {}),
    ("LitInt", "42", {}, {}),
    ("LitNegative", "-1", {}, {}),
    ("LitBool", "false", {}, {}),
    ("LitUnicode", '"é ok"', {}, {}),
    ("LitQuote", '"it\'s"', {}, {}),
    ("LitEscaped", r'"a\"b"', {}, {"known_difference":
        "BAML keeps a string literal's escapes as written (\\\" renders as \\\"); bamlc's IR unescapes them"}),
    ("LitUnion", '"red" | "green" | "blue"', {}, {}),
    ("LitIntUnion", "1 | 2 | 3", {}, {}),
    ("LitMixedUnion", '"a" | 1 | true', {}, {}),
    ("LitOptional", '"a"?', {}, {}),
    # Classes.
    ("ClassPerson", "Person", {}, {}),
    ("ClassDescribed", "Described", {}, {}),
    ("ClassMultiDesc", "MultiDesc", {}, {}),
    ("ClassBlankDesc", "BlankDesc", {}, {}),
    ("ClassAliased", "Aliased", {}, {}),
    ("ClassEmpty", "Empty", {}, {}),
    ("ClassOrder", "Order", {}, {}),
    ("ClassDeep", "Deep", {}, {}),
    ("ClassKinds", "Kinds", {}, {}),
    ("ClassNestedDesc", "NestedDesc", {}, {}),
    ("ClassOptional", "Person?", {}, {}),
    ("ClassOrNull", "Person | null", {}, {}),
    # Recursive classes.
    ("RecNode", "Node", {}, {}),
    ("RecLinked", "LinkedNode", {}, {}),
    ("RecTree", "Tree", {}, {}),
    ("RecForest", "Forest", {}, {}),
    ("RecZ", "Z", {}, {}),
    ("RecY", "Y", {}, {}),
    ("RecX", "X", {}, {}),
    ("RecRing1", "Ring1", {}, {}),
    ("RecRing3", "Ring3", {}, {}),
    ("RecRingEntry", "RingEntry", {}, {}),
    ("RecSelfSkip", "SelfSkip", {}, {}),
    ("RecHolder", "HoldsRecursive", {}, {}),
    ("RecList", "Node[]", {}, {}),
    ("RecOptional", "LinkedNode?", {}, {}),
    ("RecUnion", "LinkedNode | int", {}, {}),
    ("RecMap", "map<string, Node>", {}, {}),
    # Enums.
    ("EnumPlain", "Sentiment", {}, {}),
    ("EnumCategory", "Category", {}, {}),
    ("EnumLevel", "Level", {}, {}),
    ("EnumSeven", "Seven", {}, {}),
    ("EnumGone", "Gone", {}, {}),
    ("EnumMultiLine", "MultiLineDesc", {}, {}),
    ("EnumUsesFn", "EnumUses", {}, {}),
    ("EnumOrderFn", "EnumOrder", {}, {}),
    ("EnumListShort", "Level[]", {}, {}),
    ("EnumListLong", "Sentiment[]", {}, {}),
    ("EnumListHoistedShort", "Category[]", {}, {}),
    ("EnumListHoistedLong", "VeryLongEnumNameHere[]", {}, {}),
    ("EnumOptional", "Sentiment?", {}, {}),
    ("EnumUnion", "Sentiment | Category", {}, {}),
    ("EnumMapKey", "map<Sentiment, float>", {}, {}),
    ("EnumMapKeyHoisted", "map<Category, float>", {}, {}),
    ("EnumPlainPrefixNull", "Sentiment", {"prefix": None}, {}),
    ("EnumHoistedPrefixNull", "Category", {"prefix": None}, {}),
    ("EnumHoistedPrefix", "Category", {"prefix": "Pick one:\n"}, {}),
    # Lists.
    ("ListInt", "int[]", {}, {}),
    ("ListString", "string[]", {}, {}),
    ("ListList", "int[][]", {}, {}),
    ("ListListList", "string[][][]", {}, {}),
    ("ListClass", "Person[]", {}, {}),
    ("ListUnionClass", "(Person | string)[]", {}, {}),
    ("ListUnionPrim", "(int | string)[]", {}, {}),
    ("ListUnionClasses", "(Person | Address)[]", {}, {}),
    ("ListOptionalItem", "(int | null)[]", {}, {}),
    ("ListOptionalClass", "(Person | null)[]", {}, {}),
    ("ListMap", "map<string, int>[]", {}, {}),
    ("ListLiteral", '("a")[]', {}, {}),
    ("ListLiteralUnion", '("a" | "b")[]', {}, {}),
    ("ListOptional", "int[]?", {}, {}),
    # Maps.
    ("MapStringInt", "map<string, int>", {}, {}),
    ("MapClass", "map<string, Person>", {}, {}),
    ("MapLiteralKeys", 'map<"a" | "b", int>', {}, {}),
    ("MapNested", "map<string, map<string, int[]>>", {}, {}),
    ("MapOptionalValue", "map<string, int?>", {}, {}),
    ("MapUnionValue", "map<string, Person | Address>", {}, {}),
    # Unions.
    ("UnionPrims", "int | string | bool", {}, {}),
    ("UnionClasses", "Person | Address", {}, {}),
    ("UnionNullMiddle", "int | null | string", {}, {}),
    ("UnionNullFirstNested", "(null | int) | string", {}, {}),
    ("UnionOptionalUnion", "(int | string)?", {}, {}),
    ("UnionOptionalNull", "(int | null)?", {}, {}),
    ("UnionWithList", "int[] | Person", {}, {}),
    ("UnionClassLiteral", 'Person | "none"', {}, {}),
    # Aliases.
    ("AliasScore", "Score", {}, {}),
    ("AliasPerson", "PersonAlias", {}, {}),
    ("AliasEnum", "Cat", {}, {}),
    ("AliasChoice", "Choice", {}, {}),
    ("AliasUnionInList", "IntOrString[]", {}, {}),
    ("AliasJson", "JsonValue", {}, {}),
    ("AliasJsonList", "JsonValue[]", {}, {}),
    ("AliasMutual", "A2", {}, {}),
    ("AliasMutual1", "A1", {}, {}),
    ("AliasInClass", "UsesAliases", {}, {}),
    # Options: prefix.
    ("OptPrefixClass", "Person", {"prefix": "Reply with:\n"}, {}),
    ("OptPrefixNullClass", "Person", {"prefix": None}, {}),
    ("OptPrefixEmptyClass", "Person", {"prefix": ""}, {}),
    ("OptPrefixList", "int[]", {"prefix": "Numbers: "}, {}),
    ("OptPrefixRecursive", "Node", {"prefix": "Use: "}, {}),
    ("OptPrefixNullRecursive", "Node", {"prefix": None}, {}),
    # Options: or_splitter.
    ("OptOrSplitterBar", "Kinds", {"or_splitter": " | "}, {}),
    ("OptOrSplitterEnum", "EnumUses", {"or_splitter": "/"}, {}),
    # Options: enum_value_prefix.
    ("OptEnumPrefixStar", "Category", {"enum_value_prefix": "* "}, {}),
    ("OptEnumPrefixNull", "Category", {"enum_value_prefix": None}, {}),
    ("OptEnumPrefixEmpty", "Sentiment", {"enum_value_prefix": ""}, {}),
    # Options: always_hoist_enums.
    ("OptHoistEnumsTrue", "EnumUses", {"always_hoist_enums": True}, {}),
    ("OptHoistEnumsFalse", "EnumUses", {"always_hoist_enums": False}, {}),
    ("OptHoistEnumsTarget", "Sentiment", {"always_hoist_enums": True}, {}),
    ("OptHoistEnumsList", "Sentiment[]", {"always_hoist_enums": True}, {}),
    # Options: hoist_classes and hoisted_class_prefix.
    ("OptHoistAll", "Order", {"hoist_classes": True}, {}),
    ("OptHoistAllRecursive", "HoldsRecursive", {"hoist_classes": True}, {}),
    ("OptHoistFalse", "HoldsRecursive", {"hoist_classes": False}, {}),
    ("OptHoistAuto", "Order", {"hoist_classes": "auto"}, {}),
    ("OptHoistSubset", "Order", {"hoist_classes": ["Address"]}, {}),
    ("OptHoistSubsetOrder", "Order", {"hoist_classes": ["Item", "Address", "Order"]}, {}),
    ("OptHoistSubsetEmpty", "Order", {"hoist_classes": []}, {}),
    ("OptHoistSubsetRecursive", "HoldsRecursive", {"hoist_classes": ["Empty"]}, {}),
    ("OptHoistAllList", "Person[]", {"hoist_classes": True}, {}),
    ("OptHoistAllUnion", "Person | Address", {"hoist_classes": True}, {}),
    ("OptHoistAllOptional", "Person?", {"hoist_classes": True}, {}),
    ("OptHoistAllMap", "map<string, Person>", {"hoist_classes": True}, {}),
    ("OptHoistAllDescribed", "Described", {"hoist_classes": True}, {}),
    ("OptInterface", "Order", {"hoist_classes": True, "hoisted_class_prefix": "interface"}, {}),
    ("OptInterfaceRecursiveOnly", "HoldsRecursive", {"hoisted_class_prefix": "type"}, {}),
    ("OptInterfaceNotHoisted", "Person", {"hoisted_class_prefix": "interface"}, {}),
    ("OptInterfaceNull", "Node", {"hoisted_class_prefix": None}, {}),
    ("OptInterfaceEmpty", "Node", {"hoisted_class_prefix": ""}, {}),
    ("OptInterfaceAlias", "JsonValue", {"hoisted_class_prefix": "type"}, {}),
    # Options: map_style and quote_class_fields.
    ("OptMapObject", "map<string, int>", {"map_style": "object"}, {}),
    ("OptMapObjectNested", "Deep", {"map_style": "object"}, {}),
    ("OptMapObjectEnumKey", "map<Sentiment, Person>", {"map_style": "object"}, {}),
    ("OptMapAngle", "map<string, int>", {"map_style": "angle"}, {}),
    ("OptQuoteFields", "Order", {"quote_class_fields": True}, {}),
    ("OptQuoteFieldsHoisted", "Node", {"quote_class_fields": True}, {}),
    ("OptQuoteFieldsFalse", "Person", {"quote_class_fields": False}, {}),
    # Options together.
    ("OptCombo", "HoldsRecursive",
     {"prefix": "Schema:\n", "or_splitter": " | ", "hoist_classes": True, "hoisted_class_prefix": "interface",
      "quote_class_fields": True}, {}),
    ("OptComboEnums", "EnumUses",
     {"always_hoist_enums": True, "enum_value_prefix": "> ", "or_splitter": " or else "}, {}),
    ("OptHoistAliasedClass", "Aliased", {"hoist_classes": True}, {}),
    ("OptQuoteAliasField", "Aliased", {"quote_class_fields": True}, {}),
    ("OptOrSplitterNewline", "Kinds", {"or_splitter": "\n| "}, {}),
    ("OptOrSplitterNewlineNested", "NestedDesc", {"or_splitter": "\n  or "}, {}),
    ("OptEnumPrefixNewline", "Category", {"enum_value_prefix": "\n* "}, {}),
    ("OptHoistSubsetNested", "NestedDesc", {"hoist_classes": ["MultiDesc"]}, {}),
    # Options BAML takes but bamlc's checker refuses.
    ("OptNullAs", "Kinds", {"render_null_as": "None"}, {C: True}),
    ("OptNullAsNone", "Person?", {"render_null_as": None}, {C: True}),
    ("OptNullAsTarget", "null", {"render_null_as": "nil"}, {C: True}),
    ("OptNullAsEmpty", "int?", {"render_null_as": ""}, {C: True}),
    ("OptPrefixInt", "Person", {"prefix": 1}, {C: True}),
    ("OptPrefixBool", "Person", {"prefix": True}, {C: True}),
    ("OptOrSplitterNone", "int | string", {"or_splitter": None}, {C: True}),
    ("OptOrSplitterInt", "int | string", {"or_splitter": 1}, {C: True}),
    ("OptEnumPrefixInt", "Category", {"enum_value_prefix": 1}, {C: True}),
    ("OptInterfaceBool", "Node", {"hoisted_class_prefix": True}, {C: True}),
    # Errors.
    ("ErrUnknownOption", "Person", {"bogus": 1}, {C: True}),
    ("ErrHoistEnumsString", "Person", {"always_hoist_enums": "yes"}, {C: True}),
    ("ErrHoistEnumsNone", "Person", {"always_hoist_enums": None}, {C: True}),
    ("ErrHoistEnumsInt", "Person", {"always_hoist_enums": 1}, {C: True}),
    ("ErrQuoteNone", "Person", {"quote_class_fields": None}, {C: True}),
    ("ErrMapStyle", "Person", {"map_style": "bad"}, {C: True}),
    ("ErrMapStyleNone", "Person", {"map_style": None}, {C: True}),
    ("ErrHoistString", "Person", {"hoist_classes": "Person"}, {C: True}),
    ("ErrHoistNone", "Person", {"hoist_classes": None}, {C: True}),
    ("ErrHoistInt", "Person", {"hoist_classes": 1}, {C: True}),
    ("ErrHoistUnknown", "Person", {"hoist_classes": ["Nope"]}, {C: True}),
    ("ErrHoistUnknownTwo", "Person", {"hoist_classes": ["Nope", "Nada", "Nope"]}, {C: True}),
    ("ErrHoistUnreached", "Order", {"hoist_classes": ["Node"]}, {C: True}),
]
