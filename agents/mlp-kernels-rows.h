/* mlp-kernels-rows.h: softmax rows, the PPO loss and the sampling of actions
 * (part of agents/mlp-kernels-body.h, compiled once per instruction set).
 *
 * One row at a time for the public softmax functions; DS_VW rows at a time,
 * transposed so that a lane holds a row and a vector a logit, for the PPO loss
 * over a gradient task's rows and for the rollout's sampling: every logit's
 * exp is then one vector operation for DS_VW rows, and the sums over logits
 * run lane by lane.
 */

/* ---- softmax rows and the PPO loss ---- */

/* The lanes of V summed in double (a float sum would round differently for
 * logits that differ in one lane, and finite differences notice). */
INLINE double
v_sum_double (VF v)
{
  double s = 0.0;

  for (int l = 0; l < DS_VW; l++)
    s += v[l];
  return s;
}

/* The softmax of the N logits in Z (NV vectors, lanes from N on ignored):
 * LP (log-probabilities) and P (probabilities) vectors; returns the entropy. */
INLINE float
softmax_vectors (const VF *z, guint n, guint nv, VF *lp, VF *p)
{
  VF m = SPLAT (-INFINITY), h = SPLAT (0.0f), sum = SPLAT (0.0f);
  double total;
  float shift;

  for (guint v = 0; v < nv; v++)
    m = v_max (m, v_select (iota + (int) (v * DS_VW) < (int) n, z[v], SPLAT (-INFINITY)));
  m = SPLAT (v_hmax (m));
  for (guint v = 0; v < nv; v++)
    {
      VI valid = iota + (int) (v * DS_VW) < (int) n;

      lp[v] = z[v] - m;
      p[v] = (VF) ((VI) v_exp (lp[v]) & valid);
      sum += p[v];
    }
  /* (z - max) first: subtracting a large log-sum-exp would lose the small digits */
  total = v_sum_double (sum);
  shift = (float) log (total);
  for (guint v = 0; v < nv; v++)
    {
      lp[v] -= shift;
      p[v] *= (float) (1.0 / total);
      h += p[v] * lp[v];
    }
  return -v_sum (h);
}

static float
softmax_row (const float *z, guint n, gboolean padded, float *logp, float *p)
{
  VF zv[ROW_VECS], lp[ROW_VECS], pv[ROW_VECS];
  guint nv = (n + DS_VW - 1) / DS_VW;
  float h;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW);
  if (padded)
    for (guint v = 0; v < nv; v++)
      zv[v] = LD (z + v * DS_VW);
  else
    {
      zv[nv - 1] = SPLAT (0.0f);
      memcpy (zv, z, n * sizeof (float));
    }
  h = softmax_vectors (zv, n, nv, lp, pv);
  if (logp != NULL)
    memcpy (logp, lp, n * sizeof (float));
  if (p != NULL)
    memcpy (p, pv, n * sizeof (float));
  return h;
}

/* ---- rows of logits DS_VW at a time, transposed: a lane per row ---- */

/* The softmax of a block of rows, a lane per row: the N logits in C (a vector
 * per logit) become log-probabilities in place, P the probabilities; MAX gets
 * the largest logit and LOG_SUM (two halves, in double) the log of the sum of
 * the exponentials of the logits minus MAX.  Returns the entropies. */
INLINE VF
block_softmax (VF *c, guint n, VF *p, VF *max, VDh *log_sum)
{
  VF m = c[0], h = SPLAT (0.0f), shift, inverse;
  VDh sum[2] = { SPLATD (0.0), SPLATD (0.0) }, inv[2];

  for (guint i = 1; i < n; i++)
    m = v_max (m, c[i]);
  for (guint i = 0; i < n; i++)
    {
      VDh e[2];

      c[i] -= m;
      p[i] = v_exp (c[i]);
      v_widen (p[i], e);
      sum[0] += e[0];
      sum[1] += e[1];
    }
  *max = m;
  for (int k = 0; k < 2; k++)
    {
      log_sum[k] = v_log_double (sum[k]);
      inv[k] = 1.0 / sum[k];
    }
  shift = v_narrow (log_sum);
  inverse = v_narrow (inv);
  for (guint i = 0; i < n; i++)
    {
      c[i] -= shift;
      p[i] *= inverse;
      h += p[i] * c[i];
    }
  return -h;
}

/* The rows M0 .. M0 + DS_VW - 1 of Z (LD floats apart, every row readable) as
 * N logit vectors in C. */
INLINE void
block_load (const float *z, gsize ld, guint n, VF *c)
{
  guint full = n / DS_VW * DS_VW;

  for (guint j = 0; j < full; j += DS_VW)
    {
      for (int r = 0; r < DS_VW; r++)
        c[j + r] = LD (z + r * ld + j);
      transpose (c + j);
    }
  for (guint j = full; j < n; j++)
    c[j] = v_gather (z + j, iota * (int) ld);
}

/* The N vectors in C back as COUNT rows of D (LD floats apart), padding columns
 * zeroed. */
INLINE void
block_store (VF *c, guint n, guint count, float *d, gsize ld)
{
  guint full = n / DS_VW * DS_VW;

  for (guint j = 0; j < full; j += DS_VW)
    {
      transpose (c + j);
      for (guint r = 0; r < count; r++)
        ST (d + r * ld + j, c[j + r]);
    }
  /* the columns past the last whole vector, transposed with zeros after them
   * (lanes filled one by one through memory would stall the vector load that
   * follows), then the padding */
  if (full < ld)
    {
      VF tail[DS_VW];

      for (guint j = 0; j < DS_VW; j++)
        tail[j] = full + j < n ? c[full + j] : SPLAT (0.0f);
      transpose (tail);
      for (guint r = 0; r < count; r++)
        {
          ST (d + r * ld + full, tail[r]);
          for (guint q = full + DS_VW; q < ld; q += DS_VW)
            ST (d + r * ld + q, SPLAT (0.0f));
        }
    }
}

/* A lane per row: X[r] for the first COUNT rows, 0 after. */
INLINE VF
block_lanes (const float *x, guint count)
{
  VF v = SPLAT (0.0f);

  if (count == DS_VW)
    return LD (x);
  memcpy (&v, x, count * sizeof (float));
  return v;
}

/* Z's rows M0 .. M0 + DS_VW - 1, or a zero-padded copy in SPARE when fewer
 * than DS_VW are left. */
INLINE const float *
block_rows (const float *z, gsize ld, guint count, guint n, float *spare)
{
  if (count == DS_VW)
    return z;
  memset (spare, 0, DS_VW * ld * sizeof (float));
  for (guint r = 0; r < count; r++)
    memcpy (spare + r * ld, z + r * ld, n * sizeof (float));
  return spare;
}

static double
policy_loss (const float *z, gsize ld, guint rows, guint n, const guint16 *actions,
             const float *old_logp, const float *adv, float clip, float entropy, float scale,
             float *dz, double *loss)
{
  VF c[DS_MLP_MAX_ROW], p[DS_MLP_MAX_ROW];
  float spare[DS_VW * DS_MLP_MAX_ROW];
  double h_sum = 0.0, loss_sum = 0.0;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW && ld % 16 == 0 && ld >= n);
  for (guint m0 = 0; m0 < rows; m0 += DS_VW)
    {
      guint count = MIN ((guint) DS_VW, rows - m0);
      const float *zb = block_rows (z + m0 * ld, ld, count, n, spare);
      VF h, max, za, old, a, dlogp_a;
      VDh log_sum[2], lp_a[2], old_d[2], adv_d[2], g[2];
      VI action = { 0 };

      block_load (zb, ld, n, c);
      h = block_softmax (c, n, p, &max, log_sum);
      for (guint r = 0; r < count; r++)
        action[r] = actions[m0 + r];
      old = block_lanes (old_logp + m0, count);
      a = block_lanes (adv + m0, count);
      za = v_gather (zb, iota * (int) ld + action);
      v_widen (za - max, lp_a);
      v_widen (old, old_d);
      v_widen (a, adv_d);
      for (int k = 0; k < 2; k++)
        {
          /* in double, so that the loss is as smooth as the logits allow */
          VDh ratio = v_exp_double (lp_a[k] - log_sum[k] - old_d[k]);
          VDh surr1 = ratio * adv_d[k];
          VDh surr2 = v_select_double (ratio < 1.0 - clip, SPLATD (1.0 - clip), ratio);
          VLh clipped;

          surr2 = v_select_double (surr2 > 1.0 + clip, SPLATD (1.0 + clip), surr2) * adv_d[k];
          /* the clipped branch has no gradient when it is the smaller one */
          clipped = surr1 > surr2;
          g[k] = v_select_double (clipped, SPLATD (0.0), -ratio * adv_d[k]);
          if (loss != NULL)
            for (guint r = k * DS_VW / 2; r < MIN (count, (guint) (k + 1) * DS_VW / 2); r++)
              loss_sum += -(clipped[r % (DS_VW / 2)] ? surr2[r % (DS_VW / 2)]
                                                     : surr1[r % (DS_VW / 2)])
                          - entropy * h[r];
        }
      dlogp_a = v_narrow (g);
      for (guint r = 0; r < count; r++)
        h_sum += h[r];
      for (guint i = 0; i < n; i++)
        {
          VF one = (VF) ((VI) SPLAT (1.0f) & (action == (int) i));

          /* d(-entropy * H)/dz_i = entropy * p_i (log p_i + H) */
          c[i] = (dlogp_a * (one - p[i]) + entropy * p[i] * (c[i] + h)) * scale;
        }
      block_store (c, n, count, dz + m0 * ld, ld);
    }
  if (loss != NULL)
    *loss = loss_sum;
  return h_sum;
}

static void
policy_sample (const float *z, gsize ld, guint rows, guint n, const float *u, guint16 *actions,
               float *logp)
{
  VF c[DS_MLP_MAX_ROW], p[DS_MLP_MAX_ROW];
  float spare[DS_VW * DS_MLP_MAX_ROW];

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW && ld % 16 == 0 && ld >= n);
  for (guint m0 = 0; m0 < rows; m0 += DS_VW)
    {
      guint count = MIN ((guint) DS_VW, rows - m0);
      const float *zb = block_rows (z + m0 * ld, ld, count, n, spare);
      VF max, uv, cumulative = SPLAT (0.0f);
      VI below = { 0 };
      VDh log_sum[2];

      block_load (zb, ld, n, c);
      block_softmax (c, n, p, &max, log_sum);
      uv = block_lanes (u + m0, count);
      /* the first action whose cumulative probability passes u: the number of
       * those that do not (the sums only grow) */
      for (guint i = 0; i < n; i++)
        {
          cumulative += p[i];
          below -= cumulative <= uv;
        }
      for (guint r = 0; r < count; r++)
        {
          guint a = MIN ((guint) below[r], n - 1);

          actions[m0 + r] = (guint16) a;
          logp[m0 + r] = c[a][r];
        }
    }
}

/* An index drawn from softmax (Z / TEMPERATURE) by U, in blocks of 16 (the
 * cumulative sum passes U in a block, then in its steps). */
static guint
softmax_sample (const float *z, guint n, float temperature, float u)
{
  typedef float V16 __attribute__ ((vector_size (64)));
  typedef int32_t I16 __attribute__ ((vector_size (64)));
  V16 buf[DS_MLP_MAX_ROW / 16], vmax;
  float *e = (float *) buf, max = z[0], inverse = 1.0f / temperature, sum = 0.0f, c = 0.0f;
  float totals[DS_MLP_MAX_ROW / 16];
  guint nv = (n + 15) / 16;

  g_assert (n >= 1 && n <= DS_MLP_MAX_ROW);
  memcpy (e, z, n * sizeof (float));
  for (guint i = n; i < nv * 16; i++)
    e[i] = z[0];
  vmax = buf[0];
  for (guint v = 1; v < nv; v++)
    {
      I16 greater = buf[v] > vmax;

      vmax = (V16) (((I16) buf[v] & greater) | ((I16) vmax & ~greater));
    }
  for (guint k = 0; k < 16; k++)
    max = MAX (max, vmax[k]);
  for (guint v = 0; v < nv; v++)
    for (guint k = 0; k < 16; k += DS_VW)
      {
        VF x = (LD ((float *) &buf[v] + k) - max) * inverse;

        ST ((float *) &buf[v] + k, v_exp (x));
      }
  for (guint i = n; i < nv * 16; i++) /* the padding draws nothing */
    e[i] = 0.0f;
  for (guint v = 0; v < nv; v++)
    {
      totals[v] = 0.0f;
      for (guint k = 0; k < 16; k++)
        totals[v] += buf[v][k];
      sum += totals[v];
    }
  u *= sum;
  guint v = 0;

  while (v + 1 < nv && c + totals[v] <= u)
    c += totals[v++];
  for (guint i = v * 16; i < MIN (n, v * 16 + 16); i++)
    {
      c += e[i];
      if (u < c)
        return i;
    }
  return MIN (n, v * 16 + 16) - 1; /* rounding left U just above the sum */
}
