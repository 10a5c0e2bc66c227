/*
 * keys: the reader's actions and the keys bound to them, in one key table
 * per mode, as tmux has its key tables.
 *
 * The modes are the article view, the lists (localities, contents,
 * bookmarks, help) and the prompts (the line editor, and the filter of a
 * list for keys the list does not take). One table names every action,
 * its mode, its default keys and a line of help; the help screen, the
 * panels' titles, the manual check and reader.ini's [keys], [keys.list]
 * and [keys.prompt] sections all read it. A key serves one action in each
 * mode. Keys are the core's own codes, independent of curses: a Unicode
 * character is its code point; a special key is KEY_BASE plus its index in
 * the name table below (the terminal shell translates curses' codes).
 */
#ifndef READER_KEYS_H
#define READER_KEYS_H

#include <stddef.h>

enum action {
	ACT_NONE = -1,
	ACT_PAGE_DOWN,
	ACT_PAGE_UP,
	ACT_LINE_DOWN,
	ACT_LINE_UP,
	ACT_HALF_DOWN,
	ACT_HALF_UP,
	ACT_TOP,
	ACT_BOTTOM,
	ACT_NEXT_ARTICLE,
	ACT_PREV_ARTICLE,
	ACT_LOCALITIES,
	ACT_CONTENTS,
	ACT_SEARCH,
	ACT_SEARCH_BACK,
	ACT_NEXT_MATCH,
	ACT_PREV_MATCH,
	ACT_BOOKMARK,
	ACT_BOOKMARKS,
	ACT_HELP,
	ACT_QUIT,
	ACT_CLOSE,
	ACT_REDRAW,
	ACT_RELOAD,
	ACT_PERCENT,
	ACT_INFO,
	ACT_SAVE,
	ACT_PIPE,
	ACT_AMBIGUOUS,
	ACT_GOTO_LINE,
	ACT_PROOF,
	ACT_NEXT_FINDING,
	ACT_PREV_FINDING,
	ACT_RAW,
	ACT_EDIT,
	/* Archives. */
	ACT_NEXT_EDITION,
	ACT_PREV_EDITION,
	ACT_EDITIONS,
	ACT_ARCHIVE_SEARCH,
	ACT_ARCHIVE_LOCALITIES,
	/* The lists. */
	ACT_LIST_DOWN,
	ACT_LIST_UP,
	ACT_LIST_PAGE_DOWN,
	ACT_LIST_PAGE_UP,
	ACT_LIST_FIRST,
	ACT_LIST_LAST,
	ACT_LIST_OPEN,
	ACT_LIST_DELETE,
	ACT_LIST_EDIT,
	ACT_LIST_QUIT,
	ACT_LIST_CLOSE,
	/* The prompts. */
	ACT_PROMPT_ACCEPT,
	ACT_PROMPT_CANCEL,
	ACT_PROMPT_ERASE,
	ACT_PROMPT_DELETE,
	ACT_PROMPT_LEFT,
	ACT_PROMPT_RIGHT,
	ACT_PROMPT_HOME,
	ACT_PROMPT_END,
	ACT_PROMPT_KILL,
	ACT_PROMPT_REGEX,
	ACT_PROMPT_OLDER,
	ACT_PROMPT_NEWER,
	ACT_COUNT,
};

enum keymode { KEYMODE_VIEW, KEYMODE_LIST, KEYMODE_PROMPT, KEYMODE_COUNT };

struct keymode_info {
	const char *section;   /* of reader.ini: keys, keys.list, keys.prompt */
	const char *title;     /* a heading for the help screen (N_(): _() it) */
};

/* The modes, indexed by enum keymode. */
extern const struct keymode_info keys_modes[KEYMODE_COUNT];

struct action_info {
	const char *name;      /* as in reader.ini: next_article */
	const char *keys;      /* default keys, space-separated key names */
	const char *help;      /* a line for the help screen (N_(): _() it) */
	enum keymode mode;     /* the table it is in */
};

/* The table of every action, indexed by enum action. */
extern const struct action_info keys_actions[ACT_COUNT];

/* Special keys, as codes above any Unicode code point. */
#define KEY_BASE 0x110000
enum special_key {
	K_ENTER = KEY_BASE, K_ESC, K_SPACE, K_TAB, K_BACKSPACE, K_UP, K_DOWN, K_LEFT, K_RIGHT,
	K_PGUP, K_PGDN, K_HOME, K_END, K_INSERT, K_DELETE, K_F1, K_F2, K_F3, K_F4, K_F5, K_F6,
	K_F7, K_F8, K_F9, K_F10, K_F11, K_F12, K_WHEEL_UP, K_WHEEL_DOWN, K_RESIZE, K_LAST,
};
/* Ctrl-A ... Ctrl-Z are the code points 1 ... 26 and are named C-a ... C-z. */

/* The code of a key name ("PgDn", "C-l", "]", "Space"), or -1. */
int keys_code(const char *name);
/* The name of a key code, in a static buffer. */
const char *keys_name(int code);
/* Find an action of a mode by its name; ACT_NONE when there is none. */
enum action keys_action(enum keymode mode, const char *name);
/* The mode whose reader.ini section is name, or -1. */
int keys_mode_of_section(const char *name);

/* A count typed before a key, as less takes 5j: the count so far with
 * digit key appended (at most 99999999), or -1 when key is no digit. */
long keys_count(long count, int key);

/* Which action each key code triggers, in each mode. */
struct keymap {
	struct binding {
		int code;
		enum action act;
	} *v;
	size_t n, cap;
};

/* The default bindings. */
void keymap_defaults(struct keymap *m);
/* Bind code to act, replacing what it was bound to in act's mode. */
void keymap_bind(struct keymap *m, int code, enum action act);
/* The action of a key in a mode, or ACT_NONE. */
enum action keymap_lookup(const struct keymap *m, enum keymode mode, int code);
/* The keys bound to act, as names separated by sep (" " in reader.ini),
 * into buf; "" when none is. */
void keymap_describe(const struct keymap *m, enum action act, const char *sep, char *buf,
		     size_t size);
/* The name of the first key bound to act (in a static buffer), or "?". */
const char *keymap_first(const struct keymap *m, enum action act);
void keymap_free(struct keymap *m);

#endif
