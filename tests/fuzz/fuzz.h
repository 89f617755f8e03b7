/*
 * fuzz.h: what every libFuzzer target here shares; include it once, in
 * the target's .c file.
 *
 * The fuzz build (-fno-sanitize-recover=undefined, see the Makefile)
 * already stops at UBSan's first finding; these defaults add the stack
 * trace, so a finding names where it happened without a rerun.
 */
#ifndef NF_FUZZ_H
#define NF_FUZZ_H

const char *__ubsan_default_options(void);
const char *
__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}

#endif
