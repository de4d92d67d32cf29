/* log.c: the lines of the --log file (see log.h). */
#include "autoconfig.h"

#include "src/live/log.h"

static const char *
voice_name (const DsResponder *responder, guint voice)
{
  return voice < ds_responder_n_voices (responder) ? ds_responder_voice_name (responder, voice)
                                                   : "?";
}

char *
ds_live_log_format (const DsLiveLogRecord *r, const DsResponder *responder)
{
  switch (r->kind)
    {
    case DS_LIVE_LOG_SOURCE:
      return g_strdup_printf ("source\t%" G_GINT64_FORMAT "\t%s\t%.6g\t%u/%u", r->bar,
                              ds_live_source_name ((DsLiveSource) r->value), r->bpm,
                              r->numerator, r->denominator);
    case DS_LIVE_LOG_STOP:
      {
        static const char *const why[] = { "stopped", "jumped", "source", "meter", "lost" };

        if (r->value == DS_LIVE_STOP_JUMPED)
          return g_strdup_printf ("stop\t%" G_GINT64_FORMAT "\tjumped\t%" G_GINT64_FORMAT "\t%.6g",
                                  r->bar, r->frames, r->quarters);
        return g_strdup_printf ("stop\t%" G_GINT64_FORMAT "\t%s", r->bar,
                                r->value < G_N_ELEMENTS (why) ? why[r->value] : "?");
      }
    case DS_LIVE_LOG_HEARD:
      return g_strdup_printf ("heard\t%" G_GINT64_FORMAT "\t%.9f\t%u\t%u", r->bar, r->time,
                              r->note, r->velocity);
    case DS_LIVE_LOG_ANSWER:
      return g_strdup_printf ("answer\t%" G_GINT64_FORMAT "\t%.9f\t%u\t%u\t%u\t%s", r->bar,
                              r->time, r->note, r->velocity, r->step,
                              voice_name (responder, r->voice));
    case DS_LIVE_LOG_WEIGHTS:
      return g_strdup_printf ("weights\t%" G_GINT64_FORMAT "\t%u", r->bar, r->value);
    case DS_LIVE_LOG_METER:
      return g_strdup_printf ("meter\t%" G_GINT64_FORMAT "\t%u/%u\t%s", r->bar, r->numerator,
                              r->denominator, ds_responder_meter (responder));
    case DS_LIVE_LOG_LATE:
      return g_strdup_printf ("late\t%" G_GINT64_FORMAT "\t%u", r->bar, r->value);
    default:
      return g_strdup ("?");
    }
}
