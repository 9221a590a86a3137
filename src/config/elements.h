/*
 * elements.h: the theme reader's insides (internal to src/config, and
 * its tests): element names, colours, the files and directories.
 */
#ifndef CXO_CONFIG_ELEMENTS_H
#define CXO_CONFIG_ELEMENTS_H

#include "cxo/theme.h"

/* Config-file name of an element ("tab_active", "risk_critical", ...);
 * NULL for EL_COUNT and beyond. */
const char *theme_element_name(enum theme_element el);

/* "red", "brightred", "default", "color42" or "42" -> -1..255. */
bool theme_color_parse(const char *text, short *out);
/* Loads a theme file by path (theme_load finds the path by name). */
int theme_load_file(const char *path, struct theme *out, char *err, size_t errsz);
void theme_defaults(struct theme *out);
/* The directories searched, in order, NULL-terminated; newly allocated
 * (free with theme_dirs_free). */
char **theme_dirs(void);
void theme_dirs_free(char **dirs);

#endif
