/* model.h: a trained swarm with what it was trained on, as one file.
 *
 * A model is a config (its text is kept whole), the stage built from it, the
 * learning options read from its [train] and [agent] groups, and the swarm.  It
 * is saved as a checkpoint (src/base/checkpoint.h) holding the config text, the
 * meter and grid, the voices, every agent's weights and optimiser state and the
 * training counters; loading rebuilds the stage from the stored config and
 * checks that meter, grid and networks match.
 *
 *   model = ds_model_new (config, seed, &error);  ds_swarm_iterate (model->swarm, &stats)
 *   ds_model_save (model, "snare.dsm", &error);   model = ds_model_load ("snare.dsm", &error)
 */
#pragma once

#include <glib.h>

#include "agents/swarm.h"
#include "src/base/config.h"
#include "src/stage/stage.h"

G_BEGIN_DECLS

/* The most samples (stages x episode length) one training iteration may hold. */
#define DS_MODEL_MAX_SAMPLES (1u << 21)

typedef struct {
  DsConfig *config;
  DsStage *stage;
  DsAcOptions options;
  DsSwarm *swarm;
} DsModel;

/* The keys of the config's [swarm] group (NULL-terminated): team-weight, the
 * weight of the agents' mean reward in each agent's reward, and critic,
 * centralised (MAPPO: each critic sees the whole stage) or independent (IPPO:
 * each sees its own voice), and share-parameters, one actor and one critic for
 * every agent, with a one-hot input saying which agent it is playing. */
extern const char *const ds_model_swarm_keys[];

/* Reads CONFIG's [swarm] critic into *INDEPENDENT (FALSE for centralised, the
 * default); fails on any other value, naming it. */
gboolean ds_model_independent_critic (const DsConfig *config, gboolean *independent,
                                      GError **error);

/* A fresh model from CONFIG (taken), its agents initialised from SEED; fails
 * when training it would need more memory than the machine has.  A loaded
 * model takes the memory of training only when it trains
 * (ds_swarm_prepare_training). */
DsModel *ds_model_new (DsConfig *config, guint64 seed, GError **error);

/* Reads PATH; fails with the reason when it is not a model this drumswarm can use. */
DsModel *ds_model_load (const char *path, GError **error);

/* Writes the model to PATH atomically. */
gboolean ds_model_save (const DsModel *model, const char *path, GError **error);

void ds_model_free (DsModel *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsModel, ds_model_free)

G_END_DECLS
