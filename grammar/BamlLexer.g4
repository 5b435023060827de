// Tokens of BAML v0 plus bamlc's duration literals. Newlines are not tokens: BAML's
// one-entry-per-line layout is checked in the parser from token line numbers, which lets
// bamlc also accept several entries on one line.
lexer grammar BamlLexer;

channels { DOC_COMMENTS, ERRORS }

@lexer::members {
  // Whether a `//}` comes after the current position (the input is scanned once, from its end,
  // the first time a `{//` is met). As in BAML, `{//` opens a block comment only when something
  // closes it: `class C {// the fields` is a `{` and a line comment.
  bool block_comment_closes() {
    if (last_block_close_ == kUnknown) {
      last_block_close_ = kNone;
      const std::size_t n = _input->size();
      for (std::size_t i = n >= 3 ? n - 3 : 0; n >= 3; --i) {
        if (_input->getText(antlr4::misc::Interval(i, i + 2)) == "//}") {
          last_block_close_ = i;
          break;
        }
        if (i == 0) break;
      }
    }
    return last_block_close_ != kNone && last_block_close_ >= _input->index();
  }
  static constexpr std::size_t kUnknown = static_cast<std::size_t>(-1), kNone = static_cast<std::size_t>(-2);
  std::size_t last_block_close_ = kUnknown;
}

// Kept off the parser's channel; the parser skips it.
BLOCK_COMMENT : '{//' { block_comment_closes() }? .*? '//}' -> channel(ERRORS) ;
DOC_COMMENT   : '///' ~[\r\n]* -> channel(DOC_COMMENTS) ;
LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
WS            : [ \t\r\n\f\u00A0\uFEFF]+ -> skip ;

// Raw strings: #"..."#, ##"..."##, ... A missing terminator runs to the end of the file; the
// AST builder reports it (the token then does not end with its closing quote).
RAW_STRING_1 : '#"' .*? ('"#' | EOF) ;
RAW_STRING_2 : '##"' .*? ('"##' | EOF) ;
RAW_STRING_3 : '###"' .*? ('"###' | EOF) ;
RAW_STRING_4 : '####"' .*? ('"####' | EOF) ;
RAW_STRING_5 : '#####"' .*? ('"#####' | EOF) ;

STRING              : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* ;

// A Jinja expression inside an attribute, e.g. @assert({{ this > 0 }}).
JINJA_EXPR : '{{' .*? '}}' ;

// Keywords that open declarations. They are also valid names elsewhere (see `identifier`).
CLASS           : 'class' ;
ENUM            : 'enum' ;
FUNCTION        : 'function' ;
CLIENT          : 'client' ;
RETRY_POLICY    : 'retry_policy' ;
TEMPLATE_STRING : 'template_string' | 'string_template' ;  // BAML accepts both spellings
TEST            : 'test' ;
GENERATOR       : 'generator' ;
TYPE            : 'type' ;
TYPE_BUILDER    : 'type_builder' ;
DYNAMIC         : 'dynamic' ;

// A plain number: 3, -1, 0.25. A number glued to letters (4s, 1m30s, 1.5s, but also 4min,
// 1e3, 30_000) is one token, so that the AST builder can report `4min` as a bad duration unit
// instead of a number followed by a name.
NUMBER             : [+-]? [0-9]+ ( '.' [0-9]+ )? ;
NUMBER_WITH_SUFFIX : [+-]? [0-9] [0-9_.]* [a-zA-Z_\u00B5] [a-zA-Z0-9_.\u00B5]* ;

// A URL in an unquoted string (`base_url https://api.openai.com/v1`): one token, so that its
// `//` does not start a comment. It stops where BAML's unquoted strings stop.
URL : [a-zA-Z] [a-zA-Z0-9+.\-]* '://' ~[ \t\r\n"'#@{}()[\],<>;]* ;

// Names, dotted names (env.OPENAI_API_KEY, stream.done) and unquoted strings (openai-generic,
// gpt-4o, openai/gpt-4o) are one token kind; the AST builder tells them apart. Non-ASCII
// letters are accepted here so that `class Ä` is one clear "invalid name" error from the AST
// builder instead of a cascade of syntax errors.
WORD : [a-zA-Z_\u0080-\uFFFF] [a-zA-Z0-9_\-./\u0080-\uFFFF]* ;

ARROW    : '->' ;
ATAT     : '@@' ;
AT       : '@' ;
LBRACE   : '{' ;
RBRACE   : '}' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LT       : '<' ;
GT       : '>' ;
COMMA    : ',' ;
COLON    : ':' ;
PIPE     : '|' ;
QUESTION : '?' ;
EQUALS   : '=' ;

// Anything else is reported by the AST builder as an unexpected character and kept away from
// the parser, so one stray character costs one diagnostic.
ERROR_CHAR : . -> channel(ERRORS) ;
