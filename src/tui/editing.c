/*
 * editing: the editor round trip. See editing.h.
 *
 * The editor runs as git runs it: "$EDITOR" may hold arguments, so it is
 * given to sh -c with the line and the file as "$@". The reader ignores
 * C-c and C-\ meanwhile (they are the editor's); the file is never
 * touched by the reader, whatever its encoding.
 */
#include "editing.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "draw.h"
#include "i18n.h"
#include "proof.h"

/* The editor the user chose. */
static const char *editor(void)
{
	const char *e = getenv("VISUAL");

	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* The source line of the first text line from the top (the open
 * article's first line when the screen shows none; 1 before any). */
static size_t top_line(const struct tui *t)
{
	const struct view *v = &t->s.v;

	for (size_t i = v->top; i < v->vl.n && i < v->top + (size_t)v->rows; i++) {
		size_t line = proof_vline_source(v, i, NULL);

		if (line)
			return line;
	}
	return v->art < t->s.ed->narticles ? t->s.ed->articles[v->art].line : 1;
}

/* Run the editor on path at line; its status as wait() gives it, or -1. */
static int run_editor(const char *path, size_t line)
{
	static const int quiet[] = { SIGINT, SIGQUIT };
	struct sigaction ign, old[2];
	char cmd[4096], at[32];
	int st = -1;
	pid_t pid;

	snprintf(cmd, sizeof cmd, "%s \"$@\"", editor());
	snprintf(at, sizeof at, "+%zu", line);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	for (int i = 0; i < 2; i++)
		sigaction(quiet[i], &ign, &old[i]);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, "sh", at, path, (char *)NULL);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	for (int i = 0; i < 2; i++)
		sigaction(quiet[i], &old[i], NULL);
	return pid > 0 ? st : -1;
}

void editing_open(struct tui *t)
{
	struct error err;
	int st;

	if (session_piped(&t->s)) {
		draw_say(t, "%s", _("the edition came from standard input: there is no file to edit"));
		return;
	}
	def_prog_mode();
	endwin();
	st = run_editor(t->s.path, top_line(t));
	reset_prog_mode();
	clearok(curscr, TRUE);
	t->finding = SIZE_MAX;
	if (session_reload(&t->s, &err) < 0)
		draw_say(t, "%s: %s", err.file, err.reason);
	else if (st == -1)
		draw_say(t, "%s: %s", editor(), strerror(errno));
	else if (st != 0)
		draw_say(t, _("%s: exit status %d"), editor(),
			 WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	else
		draw_say(t, _("reloaded %s"), t->s.ed->path);
}
