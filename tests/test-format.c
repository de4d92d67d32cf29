/* test-format.c: numbers printed shortest and exact. */
#include "autoconfig.h"

#include "src/base/format.h"

static void
test_shortest_round_trip (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0.25, "0.25" }, { 1.0, "1" }, { -1.0, "-1" }, { 0.1, "0.1" }, { -0.0, "0" },
    { 1.0 / 3.0, "0.3333333333333333" }, { 1.0729166666666665, "1.0729166666666665" },
    { 6.5, "6.5" }, { 1e-7, "1e-07" }, { 20.0, "20" }, { 100.0, "100" }, { 123456.0, "123456" },
    { 12.5, "12.5" }, { -300.0, "-300" }, { 1e20, "1e+20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char buf[DS_FORMAT_BUF_SIZE];

      g_assert_cmpstr (ds_format_double (buf, cases[i].value), ==, cases[i].text);
      g_assert_true (g_ascii_strtod (buf, NULL) == cases[i].value);
    }
}

static void
test_signed (void)
{
  char buf[DS_FORMAT_BUF_SIZE];

  g_assert_cmpstr (ds_format_signed (buf, 1.0), ==, "+1");
  g_assert_cmpstr (ds_format_signed (buf, -0.25), ==, "-0.25");
  g_assert_cmpstr (ds_format_signed (buf, 0.0), ==, "+0");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/shortest-round-trip", test_shortest_round_trip);
  g_test_add_func ("/format/signed", test_signed);
  return g_test_run ();
}
