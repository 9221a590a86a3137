/*
 * cfgfile.h: helpers shared by the settings and theme readers (internal to
 * src/config): reading a libconfig file with file:line errors, describing
 * a setting's value in a message, and path building.
 */
#ifndef CXO_CFGFILE_H
#define CXO_CFGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <libconfig.h>

/* Result of cfg_read. */
enum cfg_read_result { CFG_READ_OK, CFG_READ_MISSING, CFG_READ_ERROR, CFG_READ_UNSAFE };

/*
 * Reads path into c (already config_init'ed).  A file that does not exist
 * is CFG_READ_MISSING (err untouched); anything else that goes wrong is
 * CFG_READ_ERROR with "FILE[:LINE]: message" in err.  A file (or the file
 * a link points to) that another user owns or may write is not read:
 * CFG_READ_UNSAFE, with the owner, the mode and the fix in err.
 */
enum cfg_read_result cfg_read(config_t *c, const char *path, char *err, size_t errsz);

/* Writes "FILE:LINE: " + the formatted message into err; the file and
 * line come from s (falling back to path when libconfig has none). */
void cfg_error(char *err, size_t errsz, const config_setting_t *s, const char *path,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The value of s as the user wrote it, for "bad value X" messages:
 * "text" quoted, numbers, true/false, { ... }, [ ... ], ( ... ). */
void cfg_describe(const config_setting_t *s, char *buf, size_t n);

/* Name used in messages: "week_start", "risk_levels.high". */
void cfg_setting_path(const config_setting_t *s, char *buf, size_t n);

/* The one name of known (a list such as "medium, high, critical") that
 * name looks like a misspelling of, for "did you mean": one or two
 * edits away (a swap of neighbours is one), case aside; "" in buf when
 * none or several are that close. */
void cfg_suggest(const char *name, const char *known, char *buf, size_t n);

/* a + "/" + b, newly allocated (NULL when out of memory). */
char *cfg_join(const char *a, const char *b);

/* $HOME when set and absolute, else NULL. */
const char *cfg_home(void);

/* Default configuration directory ($XDG_CONFIG_HOME/cxo or
 * ~/.config/cxo); newly allocated, NULL when HOME is unset too. */
char *config_dir(void);

#endif
