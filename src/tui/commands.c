/*
 * commands: =, s and |. See commands.h.
 *
 * The article's text comes from the session (session_write_article());
 * here are only the prompts, the file and the command around it.
 */
#include "commands.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "draw.h"
#include "i18n.h"
#include "input.h"

void commands_info(struct tui *t)
{
	const struct edition *ed = t->s.ed;
	struct stat st;
	long long size = stat(t->s.path, &st) == 0 && !session_piped(&t->s) ? (long long)st.st_size
									  : (long long)ed->dec.rawlen;
	size_t first, last;
	char lines[96] = "";

	session_lines_on_screen(&t->s, &first, &last);
	if (first)
		snprintf(lines, sizeof lines, _("source lines %zu-%zu"), first, last);
	draw_say(t, _("%s  %s  %lld bytes  %.*s  article %zu/%zu  %s"), t->s.path, ed->encoding, size,
		 (int)ed->date.n, ed->date.s ? ed->date.s : "", ed->narticles ? t->s.v.art + 1 : 0,
		 ed->narticles, lines);
}

void commands_save(struct tui *t)
{
	char name[1024];
	size_t n;
	int fd;
	FILE *f;

	if (!input_prompt(t, _("save the article to: "), "", name, sizeof name, &n) || !n)
		return;
	/* Never over a file that is there: that is what a typo would do. */
	fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		draw_say(t, "%s: %s", name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	if (session_write_article(&t->s, f) < 0 || fclose(f) != 0)
		draw_say(t, "%s: %s", name, strerror(errno));
	else
		draw_say(t, _("saved the article to %s"), name);
}

/* Run cmd with the article on its standard input; its status as wait()
 * gives it, or -1. SIGPIPE is ignored meanwhile: a command that stops
 * reading early (head) must not end the reader. */
static int run_piped(struct tui *t, const char *cmd)
{
	struct sigaction ign, old;
	FILE *p;
	int st;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	fflush(stdout);
	p = popen(cmd, "w");
	if (p) {
		session_write_article(&t->s, p);
		st = pclose(p);
	} else {
		st = -1;
	}
	sigaction(SIGPIPE, &old, NULL);
	return st;
}

void commands_pipe(struct tui *t)
{
	char cmd[1024];
	size_t n;
	int st;

	if (!input_prompt(t, "|", "", cmd, sizeof cmd, &n) || !n)
		return;
	def_prog_mode();
	endwin();
	st = run_piped(t, cmd);
	fputs(_("(press a key to return to the reader)"), stdout);
	fflush(stdout);
	reset_prog_mode();
	input_wait();
	clearok(curscr, TRUE);
	if (st == -1)
		draw_say(t, "%s: %s", cmd, strerror(errno));
	else if (st != 0)
		draw_say(t, _("%s: exit status %d"), cmd, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}
