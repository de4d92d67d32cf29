/* format.c: shortest round-trip decimal output (see format.h). */
#include "autoconfig.h"

#include "src/base/format.h"

#include <math.h>

const char *
ds_format_double (char *buf, double value)
{
  if (value == 0.0)
    value = 0.0; /* drops the sign of -0 */
  if (!isfinite (value))
    {
      g_strlcpy (buf, isnan (value) ? "nan" : value > 0 ? "inf" : "-inf", DS_FORMAT_BUF_SIZE);
      return buf;
    }
  /* at least as many digits as the integer part has, so 20 prints as 20, not 2e+01 */
  int digits = fabs (value) >= 1.0 && fabs (value) < 1e15 ? (int) floor (log10 (fabs (value))) + 1 : 1;

  for (int precision = MAX (digits, 1); precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, DS_FORMAT_BUF_SIZE, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return buf;
}

const char *
ds_format_signed (char *buf, double value)
{
  char body[DS_FORMAT_BUF_SIZE];

  ds_format_double (body, value);
  g_snprintf (buf, DS_FORMAT_BUF_SIZE, "%s%s", body[0] == '-' ? "" : "+", body);
  return buf;
}
