/* measure-builtin.h: the measures of src/measure-*.c that the table in
 * src/measure.c lists (each file's header cites its paper). */
#pragma once

#include "src/rhythm/measure.h"

G_BEGIN_DECLS

extern const DsMeasureClass ds_measure_density;       /* measure-basic.c */
extern const DsMeasureClass ds_measure_evenness;      /* measure-evenness.c */
extern const DsMeasureClass ds_measure_lhl;           /* measure-lhl.c */
extern const DsMeasureClass ds_measure_metrical;      /* measure-toussaint.c */
extern const DsMeasureClass ds_measure_off_beatness;  /* measure-toussaint.c */
extern const DsMeasureClass ds_measure_keith;         /* measure-keith.c */
extern const DsMeasureClass ds_measure_pressing;      /* measure-pressing.c */
extern const DsMeasureClass ds_measure_wnbd;          /* measure-wnbd.c */
extern const DsMeasureClass ds_measure_sioros_guedes; /* measure-sioros-guedes.c */

G_END_DECLS
