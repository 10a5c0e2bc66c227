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

/* The command's side of run_piped(): the signals as a shell expects them,
 * the pipe as standard input. */
static _Noreturn void exec_command(const char *cmd, int fds[2])
{
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	dup2(fds[0], STDIN_FILENO);
	close(fds[0]);
	close(fds[1]);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/* Run cmd with the article on its standard input; its status as wait()
 * gives it, or -1. Meanwhile the reader ignores C-c and C-\ (they are the
 * command's, as with system()) and SIGPIPE (a command that stops reading
 * early, like head, must not end the reader). */
static int run_piped(struct tui *t, const char *cmd)
{
	static const int quiet[] = { SIGINT, SIGQUIT, SIGPIPE };
	struct sigaction ign, old[3];
	int fds[2], st = -1;
	pid_t pid = -1;
	FILE *p;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	for (int i = 0; i < 3; i++)
		sigaction(quiet[i], &ign, &old[i]);
	fflush(stdout);
	if (pipe(fds) == 0 && (pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
	} else if (pid >= 0) {
		if (pid == 0)
			exec_command(cmd, fds);
		close(fds[0]);
		if ((p = fdopen(fds[1], "w")) != NULL) {
			session_write_article(&t->s, p);
			fclose(p);
		} else {
			close(fds[1]);
		}
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	for (int i = 0; i < 3; i++)
		sigaction(quiet[i], &old[i], NULL);
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
