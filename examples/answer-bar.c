/* answer-bar.c: a trained model answers one bar (drumswarm(3)).
 * cc answer-bar.c $(pkg-config --cflags --libs drumswarm) -o answer-bar
 * ./answer-bar MODEL.dsm   (a model from `drumswarm train`) */
#include <drumswarm.h>
#include <stdio.h>

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (DsResponder) responder = ds_responder_new (argc > 1 ? argv[1] : NULL, "4/4", 16,
                                                        &error);
  DsHit bar[] = { { .time = 0.0, .note = 36, .velocity = 110 },   /* kick on 1 */
                  { .time = 0.25, .note = 38, .velocity = 100 },  /* snare on 2 */
                  { .time = 0.5, .note = 36, .velocity = 100 },   /* kick on 3 */
                  { .time = 0.75, .note = 38, .velocity = 105 } }; /* snare on 4 */
  DsHit answer[DS_RESPONDER_MAX_HITS];
  guint n;

  if (responder == NULL)
    {
      fprintf (stderr, "answer-bar: %s\n", error->message);
      return 1;
    }
  n = ds_responder_answer (responder, bar, G_N_ELEMENTS (bar), answer, G_N_ELEMENTS (answer));
  for (guint i = 0; i < n; i++)
    printf ("%.4f\t%s\t%u\t%u\n", answer[i].time,
            ds_responder_voice_name (responder, answer[i].voice), answer[i].note,
            answer[i].velocity);
  return 0;
}
