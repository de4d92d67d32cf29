/* format.h: numbers printed the way drumswarm's output contract wants them.
 *
 * Values are printed in the shortest decimal form that reads back to the same
 * double (0.25, not 0.250000; 0.1, not 0.10000000000000001), in the C locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_FORMAT_BUF_SIZE 32

/* Writes VALUE into BUF (DS_FORMAT_BUF_SIZE bytes) and returns BUF.  -0 prints as 0. */
const char *ds_format_double (char *buf, double value);

/* Like ds_format_double with a sign always shown (+1, -0.25, +0). */
const char *ds_format_signed (char *buf, double value);

G_END_DECLS
