/* mlp-kernels.c: which kernel table runs (see mlp-kernels.h). */
#include "autoconfig.h"

#include "agents/mlp-kernels.h"

#include <stdlib.h>
#include <string.h>

gboolean
ds_mlp_kernels_runs (const DsMlpKernels *table)
{
#if defined(__x86_64__) || defined(__i386__)
  if (table == &ds_mlp_kernels_avx512)
    return __builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx512vl")
           && __builtin_cpu_supports ("avx512dq") && __builtin_cpu_supports ("avx512bw");
  if (table == &ds_mlp_kernels_avx2)
    return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
#endif
  return table == &ds_mlp_kernels_base;
}

const DsMlpKernels *const ds_mlp_kernels_tables[] = {
#if defined(__x86_64__) || defined(__i386__)
  &ds_mlp_kernels_avx512,
  &ds_mlp_kernels_avx2,
#endif
  &ds_mlp_kernels_base,
  NULL,
};

static const DsMlpKernels *
pick (void)
{
  const DsMlpKernels *const *tables = ds_mlp_kernels_tables;
  const char *wanted = getenv ("DRUMSWARM_KERNELS");

  /* the one asked for, if this processor runs it; else the widest it runs */
  if (wanted != NULL)
    for (guint i = 0; tables[i] != NULL; i++)
      if (strcmp (wanted, tables[i]->name) == 0 && ds_mlp_kernels_runs (tables[i]))
        return tables[i];
  for (guint i = 0; tables[i] != NULL; i++)
    if (ds_mlp_kernels_runs (tables[i]))
      return tables[i];
  return &ds_mlp_kernels_base;
}

const DsMlpKernels *
ds_mlp_kernels_get (void)
{
  /* decided once: the processor and the environment do not change under us */
  static gsize picked = 0;

  if (g_once_init_enter (&picked))
    g_once_init_leave (&picked, (gsize) pick ());
  return (const DsMlpKernels *) picked;
}

const char *
ds_mlp_kernels (void)
{
  return ds_mlp_kernels_get ()->name;
}

void
ds_mlp_layer (const DsMlp *mlp, guint l, DsMlpLayer *layer)
{
  guint out = mlp->width[l + 1];

  layer->in = mlp->width[l];
  layer->out = out;
  layer->ldi = mlp->ld[l];
  layer->ldo = mlp->ld[l + 1];
  layer->dots = out % 16 <= DS_MLP_DOT_MAX ? out % 16 : 0;
  layer->blocks = (out - layer->dots + 15) / 16;
  layer->w = mlp->params + mlp->w_off[l];
  layer->b = mlp->params + mlp->b_off[l];
  layer->wt = mlp->wt + mlp->wt_off[l];
  layer->act = mlp->act[l];
}
