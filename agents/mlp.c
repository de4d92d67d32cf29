/* mlp.c: dense layers, batched forward and backward (see mlp.h): shapes,
 * initialisation, and the passes layer by layer; the vector kernels that do the
 * arithmetic are agents/mlp-kernels.h (one table per instruction set, picked
 * at run time).  tanh is our own (a rational function), so that results are
 * the same on every libm.
 */
#include "autoconfig.h"

#include "agents/mlp.h"
#include "agents/mlp-kernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_OPENBLAS
#include <cblas.h>
#include <gmodule.h>
#endif

float *
ds_floats_try_new (gsize n)
{
  void *p = NULL;
  gsize bytes;

  if (n > G_MAXSIZE / sizeof (float) - 64)
    return NULL;
  bytes = (MAX (n, 1) * sizeof (float) + 63) / 64 * 64;
  if (posix_memalign (&p, 64, bytes) != 0)
    return NULL;
  memset (p, 0, bytes);
  return p;
}

float *
ds_floats_new (gsize n)
{
  float *p = ds_floats_try_new (n);

  if (p == NULL)
    g_error ("out of memory allocating %" G_GSIZE_FORMAT " floats", n);
  return p;
}

void
ds_floats_free (float *p)
{
  free (p);
}

void
ds_vec_tanh (float *x, gsize n)
{
  ds_mlp_kernels_get ()->tanh (x, n);
}

DsMlp *
ds_mlp_new (guint n_layers, const guint *widths, const DsActivation *acts)
{
  DsMlp *mlp = g_new0 (DsMlp, 1);
  gsize off = 0, wt_off = 0;

  g_return_val_if_fail (n_layers >= 1 && n_layers <= DS_MLP_MAX_LAYERS, NULL);
  mlp->n_layers = n_layers;
  for (guint l = 0; l <= n_layers; l++)
    {
      mlp->width[l] = widths[l];
      mlp->ld[l] = ds_mlp_ld (widths[l]);
    }
  for (guint l = 0; l < n_layers; l++)
    {
      mlp->act[l] = acts[l];
      mlp->w_off[l] = off;
      off += (gsize) mlp->ld[l] * mlp->ld[l + 1];
      mlp->b_off[l] = off;
      off += mlp->ld[l + 1];
      mlp->wt_off[l] = wt_off;
      wt_off += (gsize) mlp->ld[l] * mlp->ld[l + 1];
    }
  mlp->n_params = off;
  mlp->params = ds_floats_new (off);
  mlp->wt = ds_floats_new (wt_off);
  return mlp;
}

DsMlp *
ds_mlp_copy (const DsMlp *mlp)
{
  DsMlp *copy = ds_mlp_new (mlp->n_layers, mlp->width, mlp->act);

  memcpy (copy->params, mlp->params, mlp->n_params * sizeof (float));
  ds_mlp_sync (copy);
  return copy;
}

void
ds_mlp_copy_params (DsMlp *dst, const DsMlp *src)
{
  g_return_if_fail (dst->n_params == src->n_params);
  memcpy (dst->params, src->params, src->n_params * sizeof (float));
  for (guint l = 0; l < src->n_layers; l++)
    memcpy (dst->wt + dst->wt_off[l], src->wt + src->wt_off[l],
            (gsize) src->ld[l] * src->ld[l + 1] * sizeof (float));
}

void
ds_mlp_free (DsMlp *mlp)
{
  if (mlp == NULL)
    return;
  ds_floats_free (mlp->params);
  ds_floats_free (mlp->wt);
  g_free (mlp);
}

gboolean
ds_mlp_same_shape (const DsMlp *a, const DsMlp *b)
{
  if (a->n_layers != b->n_layers)
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (a->width[l] != b->width[l] || a->width[l + 1] != b->width[l + 1]
        || a->act[l] != b->act[l])
      return FALSE;
  return TRUE;
}

void
ds_mlp_macs (const DsMlp *mlp, double *forward, double *input_grads)
{
  *forward = *input_grads = 0.0;
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      double layer = (double) mlp->width[l] * mlp->width[l + 1];

      *forward += layer;
      *input_grads += l > 0 ? layer : 0.0;
    }
}

void
ds_mlp_sync_layer (DsMlp *mlp, guint l)
{
  ds_mlp_kernels_get ()->transpose (mlp->params + mlp->w_off[l], mlp->ld[l], mlp->ld[l + 1],
                                    mlp->wt + mlp->wt_off[l]);
}

void
ds_mlp_sync (DsMlp *mlp)
{
  for (guint l = 0; l < mlp->n_layers; l++)
    ds_mlp_sync_layer (mlp, l);
}

/* U's component taken off V (U of unit length, not V), the dot product in
 * column order. */
static void
project_out (const double *u, double *v, guint cols)
{
  double dot = 0.0;

  for (guint c = 0; c < cols; c++)
    dot += u[c] * v[c];
  for (guint c = 0; c < cols; c++)
    v[c] -= dot * u[c];
}

/* rows taken off the rows before them together (ds_mlp_orthonormal_rows) */
#define ORTHO_GROUP 16

typedef double Doubles2 __attribute__ ((vector_size (16)));

/* project_out of U from each of the ORTHO_GROUP rows of G, which holds them
 * column by column (G[c][k] is row k's column c): the same arithmetic, the
 * rows' dot products side by side, two in a vector. */
static void
project_out_group (const double *u, Doubles2 (*g)[ORTHO_GROUP / 2], guint cols)
{
  Doubles2 dot[ORTHO_GROUP / 2] = { { 0.0 } };

  for (guint c = 0; c < cols; c++)
#pragma GCC unroll 8
    for (guint j = 0; j < ORTHO_GROUP / 2; j++)
      dot[j] += u[c] * g[c][j];
  for (guint c = 0; c < cols; c++)
#pragma GCC unroll 8
    for (guint j = 0; j < ORTHO_GROUP / 2; j++)
      g[c][j] -= dot[j] * u[c];
}

/* Row R drawn from normal samples again and again until, taken off rows 0 ..
 * R - 1 one after the other, something is left; then made of unit length. */
static void
orthonormal_row (double *q, guint r, guint cols, DsRng *rng)
{
  double *v = q + (gsize) r * cols;
  double norm;

  do
    {
      for (guint c = 0; c < cols; c++)
        v[c] = ds_rng_normal (rng);
      for (guint p = 0; p < r; p++)
        project_out (q + (gsize) p * cols, v, cols);
      norm = 0.0;
      for (guint c = 0; c < cols; c++)
        norm += v[c] * v[c];
      norm = sqrt (norm);
    }
  while (norm < 1e-6);
  for (guint c = 0; c < cols; c++)
    v[c] /= norm;
}

/* Modified Gram-Schmidt as mlp.h says: each row drawn, then taken off the
 * rows before it one after the other, is orthonormal_row.  The same
 * arithmetic runs in another order, several times faster for wide layers: all
 * rows are drawn first, then taken ORTHO_GROUP at a time off every row before
 * them (project_out_group), and off each other: each row still sees rows 0,
 * 1, ... in turn, its sums in column order.  A row that nothing would be left
 * of (never seen: it takes a draw within 1e-6 of the span of the rows before
 * it) is drawn again as orthonormal_row would have, from the generator as it
 * was after its first draw, and so are the rows after it: the bytes are those
 * of orthonormal_row alone. */
void
ds_mlp_orthonormal_rows (double *q, guint rows, guint cols, DsRng *rng)
{
  g_autofree DsRng *drawn = g_new (DsRng, rows); /* the generator after row r */
  g_autofree Doubles2 (*group)[ORTHO_GROUP / 2] = NULL;

  for (guint r = 0; r < rows; r++)
    {
      for (guint c = 0; c < cols; c++)
        q[(gsize) r * cols + c] = ds_rng_normal (rng);
      drawn[r] = *rng;
    }
  if (rows >= ORTHO_GROUP)
    group = g_malloc ((gsize) cols * sizeof *group);
  for (guint r0 = 0; r0 < rows; r0 += ORTHO_GROUP)
    {
      guint n = MIN (rows - r0, (guint) ORTHO_GROUP);
      double *first = q + (gsize) r0 * cols;

      if (n == ORTHO_GROUP && r0 > 0)
        {
          for (guint k = 0; k < n; k++)
            for (guint c = 0; c < cols; c++)
              group[c][k / 2][k % 2] = first[(gsize) k * cols + c];
          for (guint p = 0; p < r0; p++)
            project_out_group (q + (gsize) p * cols, group, cols);
          for (guint k = 0; k < n; k++)
            for (guint c = 0; c < cols; c++)
              first[(gsize) k * cols + c] = group[c][k / 2][k % 2];
        }
      else
        for (guint p = 0; p < r0; p++)
          for (guint k = 0; k < n; k++)
            project_out (q + (gsize) p * cols, first + (gsize) k * cols, cols);
      for (guint r = r0; r < r0 + n; r++)
        {
          double *u = q + (gsize) r * cols, norm = 0.0;

          for (guint c = 0; c < cols; c++)
            norm += u[c] * u[c];
          norm = sqrt (norm);
          if (norm < 1e-6)
            {
              /* orthonormal_row would draw row r again, from here */
              *rng = drawn[r];
              for (guint o = r; o < rows; o++)
                orthonormal_row (q, o, cols, rng);
              return;
            }
          for (guint c = 0; c < cols; c++)
            u[c] /= norm;
          for (guint o = r + 1; o < r0 + n; o++)
            project_out (u, q + (gsize) o * cols, cols);
        }
    }
}

void
ds_mlp_init (DsMlp *mlp, DsInit init, const float *gains, DsRng *rng)
{
  memset (mlp->params, 0, mlp->n_params * sizeof (float));
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      guint in = mlp->width[l], out = mlp->width[l + 1], ldo = mlp->ld[l + 1];
      float *w = mlp->params + mlp->w_off[l];

      if (init == DS_INIT_ORTHOGONAL)
        {
          guint rows = MIN (in, out), cols = MAX (in, out);
          g_autofree double *q = g_new (double, (gsize) rows * cols);

          ds_mlp_orthonormal_rows (q, rows, cols, rng);
          for (guint i = 0; i < in; i++)
            for (guint o = 0; o < out; o++)
              w[(gsize) i * ldo + o] = gains[l] * (float) (out <= in ? q[(gsize) o * cols + i]
                                                                     : q[(gsize) i * cols + o]);
        }
      else
        {
          double bound = gains[l] * sqrt (3.0 / in);

          for (guint i = 0; i < in; i++)
            for (guint o = 0; o < out; o++)
              w[(gsize) i * ldo + o] = (float) ((2.0 * ds_rng_double (rng) - 1.0) * bound);
        }
    }
  ds_mlp_sync (mlp);
}

DsMlpWork *
ds_mlp_work_new (const DsMlp *mlp, guint max_rows)
{
  DsMlpWork *work = g_new0 (DsMlpWork, 1);
  guint widest = 0;

  work->max_rows = max_rows;
  for (guint l = 0; l <= mlp->n_layers; l++)
    widest = MAX (widest, mlp->ld[l]);
  for (guint l = 1; l <= mlp->n_layers; l++)
    work->act[l] = ds_floats_new ((gsize) max_rows * mlp->ld[l]);
  for (guint i = 0; i < 2; i++)
    work->delta[i] = ds_floats_new ((gsize) max_rows * widest);
  return work;
}

void
ds_mlp_work_free (DsMlpWork *work)
{
  if (work == NULL)
    return;
  for (guint l = 0; l <= DS_MLP_MAX_LAYERS; l++)
    ds_floats_free (work->act[l]);
  for (guint i = 0; i < 2; i++)
    ds_floats_free (work->delta[i]);
  g_free (work);
}

const float *
ds_mlp_forward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n)
{
  return ds_mlp_forward_rows (mlp, work, x, NULL, n);
}

#ifdef HAVE_OPENBLAS
/* OpenBLAS is loaded by ds_mlp_blas_init, when a run asks for it, not linked:
 * loading it starts its own threads, which would otherwise come into every
 * run of the program and every process that loads libdrumswarm or the plugin. */
static __typeof__ (cblas_sgemm) *blas_sgemm;

/* The passes by OpenBLAS sgemm over all N rows at once. */
static void
blas_forward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n)
{
  const float *in = x;

  for (guint l = 0; l < mlp->n_layers; l++)
    {
      guint ldi = mlp->ld[l], ldo = mlp->ld[l + 1];

      blas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n, (int) ldo, (int) ldi, 1.0f,
                  in, (int) ldi, mlp->params + mlp->w_off[l], (int) ldo, 0.0f, work->act[l + 1],
                  (int) ldo);
      ds_mlp_kernels_get ()->bias_act (n, ldo, work->act[l + 1], mlp->params + mlp->b_off[l],
                                       mlp->act[l]);
      in = work->act[l + 1];
    }
}

static void
blas_backward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n, float *d,
               float *grads, float *dx)
{
  const DsMlpKernels *k = ds_mlp_kernels_get ();

  for (guint l = mlp->n_layers; l-- > 0;)
    {
      guint ldi = mlp->ld[l], ldo = mlp->ld[l + 1];
      const float *in = l == 0 ? x : work->act[l];
      float *next = l == 0 ? dx : work->delta[d == work->delta[0] ? 1 : 0];

      k->bias_grad (n, ldo, d, grads + mlp->b_off[l]);
      blas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) ldi, (int) ldo, (int) n, 1.0f,
                  in, (int) ldi, d, (int) ldo, 1.0f, grads + mlp->w_off[l], (int) ldo);
      if (next == NULL)
        return;
      blas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) n, (int) ldi, (int) ldo, 1.0f,
                  d, (int) ldo, mlp->params + mlp->w_off[l], (int) ldo, 0.0f, next, (int) ldi);
      if (l > 0 && mlp->act[l - 1] != DS_ACT_LINEAR)
        k->act_grad (mlp->act[l - 1], n, ldi, in, next);
      d = next;
    }
}
#endif

const float *
ds_mlp_forward_rows (const DsMlp *mlp, DsMlpWork *work, const float *x, const guint *rows,
                     guint n)
{
  const DsMlpKernels *k = ds_mlp_kernels_get ();
  DsMlpLayer layers[DS_MLP_MAX_LAYERS];

  g_assert (n <= work->max_rows);
  g_assert (rows == NULL || !work->blas);
#ifdef HAVE_OPENBLAS
  if (work->blas)
    {
      blas_forward (mlp, work, x, n);
      return work->act[mlp->n_layers];
    }
#endif
  for (guint l = 0; l < mlp->n_layers; l++)
    ds_mlp_layer (mlp, l, &layers[l]);
  /* every layer on a block of rows, then the next block: each layer finds its
   * input in the cache, where the one before left it */
  for (guint m = 0; m < n; m += DS_MLP_BLOCK)
    {
      guint count = MIN (DS_MLP_BLOCK, n - m);

      for (guint l = 0; l < mlp->n_layers; l++)
        {
          const float *in = l > 0 ? work->act[l] + (gsize) m * mlp->ld[l]
                            : rows != NULL ? x : x + (gsize) m * mlp->ld[0];

          k->forward (&layers[l], in, l == 0 && rows != NULL ? rows + m : NULL, count,
                      work->act[l + 1] + (gsize) m * mlp->ld[l + 1]);
        }
    }
  return work->act[mlp->n_layers];
}

void
ds_mlp_backward (const DsMlp *mlp, DsMlpWork *work, const float *x, guint n, float *dy,
                 float *grads, float *dx)
{
  ds_mlp_backward_rows (mlp, work, x, NULL, n, dy, grads, dx);
}

void
ds_mlp_backward_rows (const DsMlp *mlp, DsMlpWork *work, const float *x, const guint *rows,
                      guint n, float *dy, float *grads, float *dx)
{
  const DsMlpKernels *k = ds_mlp_kernels_get ();
  guint last = mlp->n_layers - 1;
  DsMlpLayer layers[DS_MLP_MAX_LAYERS];

  /* the output layer's pre-activations; the kernels fold the others' into DX */
  if (mlp->act[last] != DS_ACT_LINEAR)
    k->act_grad (mlp->act[last], n, mlp->ld[last + 1], work->act[last + 1], dy);
#ifdef HAVE_OPENBLAS
  if (work->blas)
    {
      blas_backward (mlp, work, x, n, dy, grads, dx);
      return;
    }
#endif
  for (guint l = 0; l < mlp->n_layers; l++)
    ds_mlp_layer (mlp, l, &layers[l]);
  /* block by block, as forward: every gradient still sums its rows in order */
  for (guint m = 0; m < n; m += DS_MLP_BLOCK)
    {
      guint count = MIN (DS_MLP_BLOCK, n - m);
      float *d = dy + (gsize) m * mlp->ld[last + 1];

      for (guint l = mlp->n_layers; l-- > 0;)
        {
          const float *in = l > 0 ? work->act[l] + (gsize) m * mlp->ld[l]
                            : rows != NULL ? x : x + (gsize) m * mlp->ld[0];
          float *next = l > 0 ? work->delta[d == work->delta[0] ? 1 : 0]
                        : dx != NULL ? dx + (gsize) m * mlp->ld[0] : NULL;

          k->backward (&layers[l], in, l == 0 && rows != NULL ? rows + m : NULL, count, d,
                       grads + mlp->w_off[l], grads + mlp->b_off[l], next,
                       l == 0 ? DS_ACT_LINEAR : mlp->act[l - 1]);
          if (next == NULL)
            break;
          d = next;
        }
    }
}

gboolean
ds_mlp_blas_init (GError **error)
{
#ifdef HAVE_OPENBLAS
  static gsize once;
  static char *failed;

  if (g_once_init_enter (&once))
    {
      GModule *module = g_module_open (DS_OPENBLAS_LIBRARY, G_MODULE_BIND_LOCAL);
      gpointer sgemm = NULL, set_threads = NULL;

      if (module == NULL)
        failed = g_strdup_printf ("cannot load OpenBLAS: %s", g_module_error ());
      else if (!g_module_symbol (module, "cblas_sgemm", &sgemm)
               || !g_module_symbol (module, "openblas_set_num_threads", &set_threads))
        failed = g_strdup_printf ("%s is not OpenBLAS: %s", DS_OPENBLAS_LIBRARY,
                                  g_module_error ());
      else
        {
          /* our threads call sgemm side by side: each call single-threaded */
          ((__typeof__ (openblas_set_num_threads) *) set_threads) (1);
          blas_sgemm = (__typeof__ (cblas_sgemm) *) sgemm;
        }
      g_once_init_leave (&once, 1);
    }
  if (failed != NULL)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, failed);
      return FALSE;
    }
  return TRUE;
#else
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOSYS,
                       "this drumswarm was built without OpenBLAS");
  return FALSE;
#endif
}
