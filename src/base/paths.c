/*
 * paths: locating bundled data. See paths.h.
 */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#ifndef READER_DATADIR
#define READER_DATADIR "/usr/local/share/reader"
#endif
#ifndef READER_LOCALEDIR
#define READER_LOCALEDIR "/usr/local/share/locale"
#endif

static char *exists(char *path)
{
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/* The top of the source tree the executable sits in (up to two
 * directories above it, where data/ holds the gazetteer), or NULL. */
static char *source_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(exe, '/'), *data;

		if (!slash)
			break;
		*slash = '\0';
		data = exists(xasprintf("%s/data/%s", exe, PATHS_GAZETTEER));
		if (data) {
			free(data);
			return xstrdup(exe);
		}
	}
	return NULL;
}

/* dir/name if it exists (dir may be NULL). */
static char *in_dir(const char *dir, const char *sub, const char *name)
{
	return dir ? exists(xasprintf("%s%s/%s", dir, sub, name)) : NULL;
}

char *paths_data(const char *name)
{
	const char *env = getenv("READER_DATADIR");
	char *tree, *p;

	if (env && *env)
		return exists(xasprintf("%s/%s", env, name));
	tree = source_tree();
	p = in_dir(tree, "/data", name);
	free(tree);
	return p ? p : exists(xasprintf("%s/%s", READER_DATADIR, name));
}

char *paths_system_config(void)
{
	const char *env = getenv("READER_DATADIR");
	char *tree, *p;

	if (env && *env)
		return exists(xasprintf("%s/reader.ini", env));
	/* The source tree: reader.ini at the top, beside data/. */
	tree = source_tree();
	p = in_dir(tree, "", "reader.ini");
	free(tree);
	return p ? p : exists(xasprintf("%s/reader.ini", READER_DATADIR));
}

char *paths_locale(void)
{
	const char *env = getenv("READER_LOCALEDIR");
	char *tree, *p;

	if (env && *env)
		return xstrdup(env);
	/* Running from the source tree: the catalogues make built there. */
	tree = source_tree();
	p = tree ? exists(xasprintf("%s/build/locale", tree)) : NULL;
	free(tree);
	return p ? p : xstrdup(READER_LOCALEDIR);
}
