/* command.h: one subcommand of the drumswarm program (tmux-style).
 *
 * Each subcommand lives in its own src/cli/cmd-NAME.c, which opens with a comment on
 * what it does and exports one DsCommand; src/cli/main.c holds the table of them and
 * dispatches.  A command's run() gets argv with argv[0] = its own name and
 * returns the exit status (see cli.h).  `drumswarm help NAME` runs
 * `NAME --help`.
 */
#pragma once

typedef struct {
  const char *name;
  const char *usage;    /* the arguments after the name, for --help */
  const char *summary;  /* one line for `drumswarm --help` */
  int (*run) (int argc, char **argv);
} DsCommand;

/* The table, NULL-terminated (defined in main.c). */
extern const DsCommand *const ds_commands[];

extern const DsCommand ds_cmd_bench;
extern const DsCommand ds_cmd_help;
extern const DsCommand ds_cmd_score;
extern const DsCommand ds_cmd_show;
extern const DsCommand ds_cmd_convert;
extern const DsCommand ds_cmd_train;
extern const DsCommand ds_cmd_eval;
extern const DsCommand ds_cmd_respond;
extern const DsCommand ds_cmd_session;
extern const DsCommand ds_cmd_style;
extern const DsCommand ds_cmd_mixes;
extern const DsCommand ds_cmd_live;
