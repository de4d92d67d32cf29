/* config.h: the drumswarm.conf file (a GLib key file), see drumswarm.conf(5).
 *
 * Each module reads its own group ([train], [agent], [midi], [swarm], one group
 * per voice ...) through these getters, which give defaults for absent keys and
 * errors that name the file, the line and the key for bad values.  The text is
 * kept whole so that a checkpoint can store the config it was trained with.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DS_CONFIG_ERROR (ds_config_error_quark ())
typedef enum {
  DS_CONFIG_ERROR_READ,    /* the file cannot be read */
  DS_CONFIG_ERROR_SYNTAX,  /* not a key file */
  DS_CONFIG_ERROR_VALUE,   /* a value of the wrong type or out of range */
  DS_CONFIG_ERROR_UNKNOWN, /* a group or key that drumswarm does not know */
} DsConfigError;

typedef struct _DsConfig DsConfig;

GQuark ds_config_error_quark (void);

/* An empty config: every getter returns its default. */
DsConfig *ds_config_new (void);

/* Reads PATH ("-": standard input): a group or a key given twice is an error,
 * naming both lines; a UTF-8 byte-order mark at the start is skipped. */
DsConfig *ds_config_load (const char *path, GError **error);

/* Parses DATA; NAME stands for the file in messages. */
DsConfig *ds_config_load_data (const char *data, const char *name, GError **error);

void ds_config_free (DsConfig *config);

/* The file's name ("(defaults)" for an empty config) and its whole text. */
const char *ds_config_name (const DsConfig *config);
const char *ds_config_text (const DsConfig *config);

gboolean ds_config_has_group (const DsConfig *config, const char *group);
gboolean ds_config_has_key (const DsConfig *config, const char *group, const char *key);

/* The groups in file order (free with g_strfreev). */
char **ds_config_groups (const DsConfig *config);

/* "NAME:LINE" of GROUP's KEY (or of GROUP when KEY is NULL), for messages;
 * just NAME when it is not in the file. */
char *ds_config_where (const DsConfig *config, const char *group, const char *key);

/* Typed getters: FALLBACK when the key is absent, an error naming file:line
 * and key when the value is malformed or outside [MIN, MAX]. */
gboolean ds_config_get_string (const DsConfig *config, const char *group, const char *key,
                               const char *fallback, char **value, GError **error);
gboolean ds_config_get_double (const DsConfig *config, const char *group, const char *key,
                               double fallback, double min, double max, double *value,
                               GError **error);
gboolean ds_config_get_int (const DsConfig *config, const char *group, const char *key,
                            gint64 fallback, gint64 min, gint64 max, gint64 *value,
                            GError **error);
gboolean ds_config_get_bool (const DsConfig *config, const char *group, const char *key,
                             gboolean fallback, gboolean *value, GError **error);

/* The groups of drumswarm.conf besides one per voice of the stage
 * (NULL-terminated).  A module that reads a group of its own adds it here. */
extern const char *const ds_config_known_groups[];

/* Fails, naming file:line and the closest known key, when GROUP has a key not
 * in KNOWN (NULL-terminated). */
gboolean ds_config_check_keys (const DsConfig *config, const char *group,
                               const char *const *known, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DsConfig, ds_config_free)

G_END_DECLS
