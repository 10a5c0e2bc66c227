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

static char *exists(char *path)
{
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

char *paths_data(const char *name)
{
	const char *env = getenv("READER_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *p;

	if (env && *env)
		return exists(xasprintf("%s/%s", env, name));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');

			if (!slash)
				break;
			*slash = '\0';
			if ((p = exists(xasprintf("%s/data/%s", exe, name))))
				return p;
		}
	}
	return exists(xasprintf("%s/%s", READER_DATADIR, name));
}

char *paths_system_config(void)
{
	const char *env = getenv("READER_DATADIR");
	char exe[PATH_MAX];
	ssize_t n;
	char *p;

	if (env && *env)
		return exists(xasprintf("%s/reader.ini", env));
	/* The source tree: reader.ini at the top, beside data/. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/'), *data;
			int tree;

			if (!slash)
				break;
			*slash = '\0';
			data = exists(xasprintf("%s/data/%s", exe, PATHS_GAZETTEER));
			tree = data != NULL;
			free(data);
			if (tree && (p = exists(xasprintf("%s/reader.ini", exe))))
				return p;
		}
	}
	return exists(xasprintf("%s/reader.ini", READER_DATADIR));
}
