// Tokens of the Jinja subset BAML prompts use (minijinja's syntax). Two modes: outside a tag
// everything is text; `{{` and `{%` switch to TAG mode, where expression tokens live, and their
// closing `}}` / `%}` switch back. `{# ... #}` comments and `{% raw %}...{% endraw %}` blocks
// are single text-mode tokens. A template_string or @check expression is lexed by starting the
// lexer directly in TAG mode.
lexer grammar JinjaLexer;

channels { ERRORS }

@lexer::members {
  // Open `{` inside the current tag. A `}}` closes an output tag only at depth zero, so
  // `{{ f({"a": {"b": 1}}) }}` keeps its dict literal, as minijinja does.
  int brace_depth_ = 0;
}

COMMENT   : '{#' .*? ( '#}' | EOF ) ;
RAW_BLOCK : '{%' [-+]? [ \t\r\n]* 'raw' [ \t\r\n]* [-+]? '%}' .*?
            ( '{%' [-+]? [ \t\r\n]* 'endraw' [ \t\r\n]* [-+]? '%}' | EOF ) ;
EXPR_OPEN : '{{' [-+]? { brace_depth_ = 0; } -> pushMode(TAG) ;
STMT_OPEN : '{%' [-+]? { brace_depth_ = 0; } -> pushMode(TAG) ;
// Text runs up to the next `{{`, `{%` or `{#`; a lone `{` is text too.
TEXT      : ( ~'{' | '{' ~[{%#] )+ | '{' ;

mode TAG;

EXPR_CLOSE : [-+]? '}}' { brace_depth_ == 0 }? -> popMode ;
STMT_CLOSE : [-+]? '%}' -> popMode ;
// A tag that opens before the previous one closed: the previous one was left open. Lexing it
// as a fresh opening tag (without pushing a mode) keeps the damage to one diagnostic.
NESTED_EXPR_OPEN : '{{' [-+]? { brace_depth_ = 0; } -> type(EXPR_OPEN) ;
NESTED_STMT_OPEN : '{%' [-+]? { brace_depth_ = 0; } -> type(STMT_OPEN) ;

TAG_WS : [ \t\r\n\f]+ -> skip ;

// Strings may span lines, as in Jinja. One missing its closing quote runs to the end of its
// line, so the error points at it instead of swallowing the template.
STRING              : '"' ( '\\' . | ~["\\] )* '"' | '\'' ( '\\' . | ~['\\] )* '\'' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* | '\'' ( '\\' ~[\r\n] | ~['\\\r\n] )* ;

FLOAT : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
INT   : DIGITS ;
fragment DIGITS   : [0-9] [0-9_]* ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;

AND       : 'and' ;
OR        : 'or' ;
NOT       : 'not' ;
IN        : 'in' ;
IS        : 'is' ;
IF        : 'if' ;
ELIF      : 'elif' ;
ELSE      : 'else' ;
ENDIF     : 'endif' ;
FOR       : 'for' ;
ENDFOR    : 'endfor' ;
SET       : 'set' ;
ENDSET    : 'endset' ;
BREAK     : 'break' ;
CONTINUE  : 'continue' ;
RECURSIVE : 'recursive' ;
TRUE      : 'true' | 'True' ;
FALSE     : 'false' | 'False' ;
// BAML's own prompts write `null` (`ctx.output_format(prefix=null)`): minijinja has no such
// keyword and renders it as an undefined variable. The checker types it as none; the IR writes it
// as the variable `null`, so that it renders as BAML renders it (empty; `undefined` in a list).
NONE      : 'none' | 'None' | 'null' ;

NAME : [a-zA-Z_] [a-zA-Z0-9_]* ;

FLOOR_DIV : '//' ;
POWER     : '**' ;
EQ        : '==' ;
NE        : '!=' ;
LE        : '<=' ;
GE        : '>=' ;
LT        : '<' ;
GT        : '>' ;
ASSIGN    : '=' ;
PLUS      : '+' ;
MINUS     : '-' ;
STAR      : '*' ;
SLASH     : '/' ;
PERCENT   : '%' ;
TILDE     : '~' ;
PIPE      : '|' ;
DOT       : '.' ;
COMMA     : ',' ;
COLON     : ':' ;
LPAREN    : '(' ;
RPAREN    : ')' ;
LBRACK    : '[' ;
RBRACK    : ']' ;
LBRACE    : '{' { ++brace_depth_; } ;
RBRACE    : '}' { if (brace_depth_ > 0) --brace_depth_; } ;

// Anything else is reported once per run by the template parser and kept from the grammar.
TAG_ERROR_CHAR : . -> channel(ERRORS) ;
