# One place for the warning flags of our own code (generated code gets none).
function(bamlc_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wimplicit-fallthrough -Wswitch)
  if(BAMLC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
