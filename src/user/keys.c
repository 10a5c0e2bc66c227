/*
 * keys: the action table and key names. See keys.h.
 */
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "text.h"
#include "util.h"

const struct action_info keys_actions[ACT_COUNT] = {
	[ACT_PAGE_DOWN] = {"page_down", "Space f PgDn", N_("page down")},
	[ACT_PAGE_UP] = {"page_up", "b PgUp", N_("page up")},
	[ACT_LINE_DOWN] = {"line_down", "j Down Enter", N_("one line down")},
	[ACT_LINE_UP] = {"line_up", "k Up", N_("one line up")},
	[ACT_HALF_DOWN] = {"half_page_down", "d", N_("half a page down")},
	[ACT_HALF_UP] = {"half_page_up", "u", N_("half a page up")},
	[ACT_TOP] = {"top", "g Home", N_("top of the article")},
	[ACT_BOTTOM] = {"bottom", "G End", N_("bottom of the article")},
	[ACT_NEXT_ARTICLE] = {"next_article", "] Right", N_("next article")},
	[ACT_PREV_ARTICLE] = {"previous_article", "[ Left", N_("previous article")},
	[ACT_LOCALITIES] = {"localities", "l", N_("jump by locality (type to filter)")},
	[ACT_CONTENTS] = {"contents", "t", N_("table of contents (type to filter)")},
	[ACT_SEARCH] = {"search", "/", N_("search forward")},
	[ACT_SEARCH_BACK] = {"search_backward", "?", N_("search backward")},
	[ACT_NEXT_MATCH] = {"next_match", "n", N_("next match")},
	[ACT_PREV_MATCH] = {"previous_match", "N", N_("previous match")},
	[ACT_BOOKMARK] = {"bookmark", "m", N_("bookmark this story (again: remove)")},
	[ACT_BOOKMARKS] = {"bookmarks", "'", N_("list of bookmarks")},
	[ACT_HELP] = {"help", "h F1", N_("this help")},
	[ACT_QUIT] = {"quit", "q", N_("quit, or close the open panel")},
	[ACT_CLOSE] = {"close", "Esc", N_("close the open panel")},
	[ACT_REDRAW] = {"redraw", "C-l", N_("redraw the screen")},
	[ACT_RELOAD] = {"reload", "R", N_("read the edition again from disk, keeping the place")},
	[ACT_PERCENT] = {"percent", "% p", N_("with a count N before it: N percent into the edition")},
	[ACT_INFO] = {"file_info", "=", N_("the file, its encoding and size, and where you are")},
	[ACT_SAVE] = {"save_article", "s", N_("save this article as text to a file")},
	[ACT_PIPE] = {"pipe_article", "|", N_("pipe this article as text to a command")},
	[ACT_AMBIGUOUS] = {"ambiguous_width", "A",
			   N_("ambiguous characters such as “ ” … one cell wide or two (toggle)")},
	[ACT_GOTO_LINE] = {"goto_line", ":", N_("go to a line of the file (the number at the prompt)")},
	[ACT_PROOF] = {"proofreading", "P",
		       N_("proofreading view: source line numbers and findings (toggle)")},
	[ACT_NEXT_FINDING] = {"next_finding", ">", N_("proofreading: the next finding")},
	[ACT_PREV_FINDING] = {"previous_finding", "<", N_("proofreading: the previous finding")},
	[ACT_RAW] = {"raw_view", "r",
		     N_("the file's own lines around this paragraph, numbered; marks: → tab, "
			"＿ U+3000, ⍽ no-break space, ␣ space at the end, <200B> other invisible "
			"characters")},
	[ACT_EDIT] = {"edit", "v", N_("edit the file at the top line ($VISUAL, $EDITOR), then reload it")},
	[ACT_NEXT_EDITION] = {"next_edition", "}", N_("archive: the next edition (also :n)")},
	[ACT_PREV_EDITION] = {"previous_edition", "{", N_("archive: the previous edition (also :p)")},
	[ACT_EDITIONS] = {"editions", "e", N_("archive: the list of editions (type a date or title to filter)")},
	[ACT_ARCHIVE_SEARCH] = {"archive_search", "F", N_("archive: search every edition")},
	[ACT_ARCHIVE_LOCALITIES] = {"archive_localities", "L",
				    N_("archive: localities across every edition, with their stories")},
	[ACT_LIST_DOWN] = {"list_down", "j Down C-n", N_("the next entry"), KEYMODE_LIST},
	[ACT_LIST_UP] = {"list_up", "k Up C-p", N_("the previous entry"), KEYMODE_LIST},
	[ACT_LIST_PAGE_DOWN] = {"list_page_down", "PgDn", N_("a page down"), KEYMODE_LIST},
	[ACT_LIST_PAGE_UP] = {"list_page_up", "PgUp", N_("a page up"), KEYMODE_LIST},
	[ACT_LIST_FIRST] = {"list_first", "Home", N_("the first entry"), KEYMODE_LIST},
	[ACT_LIST_LAST] = {"list_last", "End", N_("the last entry"), KEYMODE_LIST},
	[ACT_LIST_OPEN] = {"list_open", "Enter", N_("jump to the entry"), KEYMODE_LIST},
	[ACT_LIST_DELETE] = {"list_delete", "d", N_("delete the bookmark"), KEYMODE_LIST},
	[ACT_LIST_EDIT] = {"list_edit_note", "e", N_("edit the bookmark's note"), KEYMODE_LIST},
	[ACT_LIST_QUIT] = {"list_quit", "q", N_("close the list, as quit"), KEYMODE_LIST},
	[ACT_LIST_CLOSE] = {"list_close", "Esc", N_("close the list"), KEYMODE_LIST},
	[ACT_PROMPT_ACCEPT] = {"prompt_accept", "Enter", N_("accept the text"), KEYMODE_PROMPT},
	[ACT_PROMPT_CANCEL] = {"prompt_cancel", "Esc C-g", N_("cancel"), KEYMODE_PROMPT},
	[ACT_PROMPT_ERASE] = {"prompt_erase", "Backspace", N_("erase the character before the cursor"),
			      KEYMODE_PROMPT},
	[ACT_PROMPT_DELETE] = {"prompt_delete", "Delete C-d", N_("delete the character at the cursor"),
			       KEYMODE_PROMPT},
	[ACT_PROMPT_LEFT] = {"prompt_left", "Left C-b", N_("cursor left"), KEYMODE_PROMPT},
	[ACT_PROMPT_RIGHT] = {"prompt_right", "Right C-f", N_("cursor right"), KEYMODE_PROMPT},
	[ACT_PROMPT_HOME] = {"prompt_home", "Home C-a", N_("cursor to the start"), KEYMODE_PROMPT},
	[ACT_PROMPT_END] = {"prompt_end", "End C-e", N_("cursor to the end"), KEYMODE_PROMPT},
	[ACT_PROMPT_KILL] = {"prompt_kill", "C-u", N_("erase up to the cursor"), KEYMODE_PROMPT},
	[ACT_PROMPT_REGEX] = {"prompt_regex", "C-r",
			      N_("search: a regular expression or literal text (or start with !)"),
			      KEYMODE_PROMPT},
	[ACT_PROMPT_OLDER] = {"prompt_older", "Up", N_("search: the previous search of this session"),
			      KEYMODE_PROMPT},
	[ACT_PROMPT_NEWER] = {"prompt_newer", "Down", N_("search: the next search of this session"),
			      KEYMODE_PROMPT},
};

const struct keymode_info keys_modes[KEYMODE_COUNT] = {
	[KEYMODE_VIEW] = {"keys", N_("In the article view ([keys]):")},
	[KEYMODE_LIST] = {"keys.list", N_("In the lists ([keys.list]):")},
	[KEYMODE_PROMPT] = {"keys.prompt", N_("In prompts and list filters ([keys.prompt]):")},
};

static const char *const special_names[K_LAST - KEY_BASE] = {
	"Enter", "Esc", "Space", "Tab", "Backspace", "Up", "Down", "Left", "Right", "PgUp",
	"PgDn", "Home", "End", "Insert", "Delete", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
	"F8", "F9", "F10", "F11", "F12", "WheelUp", "WheelDown", "Resize",
};

int keys_code(const char *name)
{
	uint32_t cp;
	size_t n = strlen(name);

	for (int i = 0; i < K_LAST - KEY_BASE; i++)
		if (strcasecmp(name, special_names[i]) == 0)
			return KEY_BASE + i;
	/* reader.ini cannot hold ; or # in a value (they start comments). */
	if (strcasecmp(name, "Semicolon") == 0)
		return ';';
	if (strcasecmp(name, "Hash") == 0)
		return '#';
	if (strcasecmp(name, "PageDown") == 0)
		return K_PGDN;
	if (strcasecmp(name, "PageUp") == 0)
		return K_PGUP;
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		/* The terminal sends C-h, C-i, C-j and C-m as Backspace, Tab
		 * and Enter: they are those keys. */
		switch (name[2] | 0x20) {
		case 'h': return K_BACKSPACE;
		case 'i': return K_TAB;
		case 'j':
		case 'm': return K_ENTER;
		}
		return (name[2] | 0x20) - 'a' + 1;
	}
	if (n && text_next(name, n, &cp) == n && cp > ' ' && cp != 0x7F && cp != 0xFFFD)
		return (int)cp;
	return -1;
}

const char *keys_name(int code)
{
	static char buf[8];

	if (code >= KEY_BASE && code < K_LAST)
		return special_names[code - KEY_BASE];
	if (code >= 1 && code <= 26) {
		snprintf(buf, sizeof buf, "C-%c", 'a' + code - 1);
		return buf;
	}
	if (code > ' ' && code < 0x110000) {
		buf[text_put((uint32_t)code, buf)] = '\0';
		return buf;
	}
	snprintf(buf, sizeof buf, "?");
	return buf;
}

long keys_count(long count, int key)
{
	if (key < '0' || key > '9')
		return -1;
	if (count < 0)
		count = 0;
	return count < 10000000 ? count * 10 + (key - '0') : count;
}

enum action keys_action(enum keymode mode, const char *name)
{
	for (int a = 0; a < ACT_COUNT; a++)
		if (keys_actions[a].mode == mode && strcmp(keys_actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

int keys_mode_of_section(const char *name)
{
	for (int m = 0; m < KEYMODE_COUNT; m++)
		if (strcmp(keys_modes[m].section, name) == 0)
			return m;
	return -1;
}

void keymap_bind(struct keymap *m, int code, enum action act)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].code == code && keys_actions[m->v[i].act].mode == keys_actions[act].mode) {
			m->v[i].act = act;
			return;
		}
	XGROW(m->v, m->cap, m->n + 1);
	m->v[m->n++] = (struct binding){code, act};
}

void keymap_defaults(struct keymap *m)
{
	m->n = 0;
	for (int a = 0; a < ACT_COUNT; a++) {
		char buf[128], *save = NULL;

		snprintf(buf, sizeof buf, "%s", keys_actions[a].keys);
		for (char *k = strtok_r(buf, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			int code = keys_code(k);

			if (code < 0)
				die(1, _("internal error: bad default key '%s'"), k);
			keymap_bind(m, code, (enum action)a);
		}
	}
	/* The mouse wheel scrolls wherever the terminal reports it. */
	keymap_bind(m, K_WHEEL_DOWN, ACT_LINE_DOWN);
	keymap_bind(m, K_WHEEL_UP, ACT_LINE_UP);
}

enum action keymap_lookup(const struct keymap *m, enum keymode mode, int code)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].code == code && keys_actions[m->v[i].act].mode == mode)
			return m->v[i].act;
	return ACT_NONE;
}

const char *keymap_first(const struct keymap *m, enum action act)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].act == act && m->v[i].code != K_WHEEL_UP && m->v[i].code != K_WHEEL_DOWN)
			return keys_name(m->v[i].code);
	return "?";
}

void keymap_describe(const struct keymap *m, enum action act, const char *sep, char *buf,
		     size_t size)
{
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		const char *name;

		if (m->v[i].act != act || m->v[i].code == K_WHEEL_UP || m->v[i].code == K_WHEEL_DOWN)
			continue;
		name = keys_name(m->v[i].code);
		len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s%s",
					len ? sep : "", name);
		if (len >= size)
			break;
	}
}

void keymap_free(struct keymap *m)
{
	free(m->v);
	memset(m, 0, sizeof *m);
}
