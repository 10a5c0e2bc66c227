#!/usr/bin/env python3
"""Build tests/corpus/: real newspaper pages rendered the ways archives look,
each with a truth file derived from the per-article sources.

A developer tool (Python 3 standard library, plus `7z` and `git` for the
People's Daily archives); CI never runs it. See tests/corpus/SOURCES.md for
the sources, the page list, the split, the rendering and every truth rule.

    tools/corpus/build.py --pd-mirror GITDIR --ad-dir DIR [--out tests/corpus]

--pd-mirror   a bare git clone of the People's Daily crawler repository
              (its history holds the monthly 7z archives; the two used are
              read by blob id, so any clone with full history will do);
              or --pd-dir DIR: the two archives already unpacked into DIR.
--ad-dir      a directory of Apple Daily day files (corpus/YYYYMMDD.csv of
              the Apple Daily corpus repository, whole or only their first
              rows: the pages below use the first rows of each day).

The truth never comes from the reader: it is computed here from the source
records alone (and, for "is this a Chinese place", from data/gazetteer.tsv).
Rendering is deterministic: the same sources give byte-identical pages.
"""
import argparse
import csv
import glob
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# ---------------------------------------------------------------- sources

PD = {
    'name': 'people-daily',
    'paper': '人民日报',
    'repository': 'caspiankexin/people-daily-crawler-date',
    'archives': {
        # month: (path in the repository, blob id, commit that added it)
        '2019-02': ('2019年数据/2019年2月.7z',
                    '7a324a9c1ac0ca29689474d10059e44fe0313850',
                    '0e607dd825f0cf709bc751a575af426c30f5f67a'),
        '2020-01': ('2020年数据/2020年1月.7z',
                    '7fa4b944f3bf7ec1d10299970502165bcdcc08ed',
                    'd3f8f1444b45855502443207187996f858516c74'),
    },
}

AD = {
    'name': 'apple-daily',
    'paper': '蘋果日報',
    'repository': 'alex-the-man/apple-daily-corpus',
    'commit': '4c2ab989ebdc6c351d2fecd4a2395b9248c4548e',
    'licence': 'CC BY 4.0',
}

# People's Daily pages: (YYYYMMDD, page number). The split is by date.
PD_TUNE_DATES = ['20190202', '20190214', '20200104', '20200116']
PD_MEASURE_DATES = ['20190220', '20190226', '20200109', '20200121']
PD_PAGES = [
    ('20190202', '01'), ('20190202', '03'), ('20190202', '04'), ('20190202', '06'),
    ('20190214', '03'), ('20190214', '10'), ('20190214', '14'), ('20190214', '17'),
    ('20190220', '03'), ('20190220', '04'), ('20190220', '12'), ('20190220', '16'),
    ('20190226', '05'), ('20190226', '10'), ('20190226', '13'), ('20190226', '17'),
    ('20200104', '03'), ('20200104', '04'), ('20200104', '06'), ('20200104', '08'),
    ('20200109', '03'), ('20200109', '07'), ('20200109', '12'), ('20200109', '15'),
    ('20200116', '04'), ('20200116', '10'), ('20200116', '14'), ('20200116', '17'),
    ('20200121', '01'), ('20200121', '06'), ('20200121', '11'), ('20200121', '17'),
]

# Apple Daily "pages": a run of consecutive articles (article_daily_id) of
# one day. The day files carry no section, so a page is a run of the day's
# index, which follows the paper's order.
AD_TUNE_DATES = ['20030610', '20080315', '20101108']
AD_MEASURE_DATES = ['20040915', '20150505']
AD_PAGES = [  # (YYYYMMDD, [article_daily_id, ...])
    ('20030610', [14, 15, 16, 17]), ('20030610', [9, 10, 12]),
    ('20040915', [2, 3, 4]), ('20040915', [10, 11, 12]), ('20040915', [19, 20, 21]),
    ('20080315', [3, 5, 14]),
    ('20101108', [2, 3, 4]), ('20101108', [19, 20, 21]),
    ('20150505', [14, 15, 16, 17]), ('20150505', [18, 19, 20]),
]

# ---------------------------------------------------------------- text rules

WS = ' \t\u3000\xa0'
FINAL = '。！？…!?；;'
CLOSERS = '”’」』）)》〉】'
HAN = r'\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff'
NAME_RE = re.compile(r'^[%s][%s·]{1,9}$' % (HAN, HAN))
ROLE_RE = re.compile(
    r'^(本报驻[%s]{1,8}?记者|本报特约记者|本报记者|新华社记者|特约记者|见习记者|'
    r'实习记者|本報記者|記者|记者|通讯员|通訊員|实习生)' % HAN)
ROLE_OF = {'本报记者': '记者', '本报特约记者': '特约记者', '新华社记者': '记者',
           '本報記者': '記者'}
NUM = r'(?:\d{1,2}|[一二三四五六七八九十]{1,3})'
DATELINE_RE = re.compile(
    r'^(?P<ju>据)?(?P<agency>本报|新华社)(?P<place>(?:[^\s\u3000（）()电，。；：:、]|、)*?)'
    r'(?P<date>%s月%s日)?电' % (NUM, NUM))
ACTION_RE = re.compile(r'(参与采写|采写|整理|报道|综合报道)$')
NOT_NAMES = {'待续', '未完', '续完', '完', '上', '下', '中'}


def strip_ws(s):
    return s.strip(WS + '\r\n')


def parse_names(inner):
    """Names, roles and agency of a bracketed byline's inside, such as
    '记者 张三、李四', '本报记者王五整理', '余建斌、赵金龙', '贾  麟参与采写'.
    None when the text is not only names (a note, a source, a sentence)."""
    s = strip_ws(inner)
    if not s or '，' in s or ',' in s:
        return None
    s = ACTION_RE.sub('', s)
    tokens = [t for t in re.split(r'[、\s\u3000\xa0]+', s) if t]
    names, roles, agency, role = [], [], None, None
    pending = None  # a single character waiting for its pair ("贾  麟")
    for tok in tokens:
        while True:
            m = ROLE_RE.match(tok)
            if not m:
                break
            word = m.group(1)
            role = ROLE_OF.get(word, word)
            if word.startswith('本报驻'):
                role = '记者'
            if not agency and word[:2] in ('本报', '本報'):
                agency = word[:2]
            elif not agency and word.startswith('新华社'):
                agency = '新华社'
            if role not in roles:
                roles.append(role)
            tok = tok[len(word):]
        if not tok:
            continue
        if len(tok) == 1 and re.match('[%s]' % HAN, tok):
            if pending is None:
                pending = tok
                continue
            tok, pending = pending + tok, None
        if pending is not None:
            return None
        if not NAME_RE.match(tok) or tok in NOT_NAMES:
            return None
        if len(tok) > 4 and '·' not in tok:
            return None
        names.append(tok)
    if pending is not None or not names:
        return None
    return names, roles, agency


class Gazetteer:
    """Is a dateline's place Chinese? Yes when it is the name of a province,
    prefecture or county of data/gazetteer.tsv, in full or without its
    suffix (省, 市, 自治区, 县, ...; at least two characters left); or when it
    begins with the full name of one, or with the short name of a province
    or prefecture ("云南怒江"); or when it begins with a name of Hong Kong,
    Macau or Taiwan (which that gazetteer lacks). A county's short name
    only counts whole: 吉隆坡 does not begin a Chinese place with 吉隆."""
    SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州',
                '自治县', '地区', '林区', '新区', '省', '市', '县', '区', '盟', '旗']
    EXTRA = ['香港', '澳门', '台湾', '台北', '高雄', '台中', '台南', '澳門', '臺灣', '臺北']

    def __init__(self, path):
        self.prefix = set(self.EXTRA)   # may begin a longer place
        self.whole = set()              # count only as the whole place
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#'):
                    continue
                parts = line.rstrip('\n').split('\t')
                if len(parts) < 4 or parts[1] not in ('1', '2', '3'):
                    continue
                name = parts[3]
                self.prefix.add(name)
                for suf in self.SUFFIXES:
                    if name.endswith(suf) and len(name) - len(suf) >= 2:
                        (self.prefix if parts[1] in ('1', '2') else self.whole).add(
                            name[:-len(suf)])
                        break

    def chinese(self, place):
        first = place.split('、')[0]
        if first in self.whole:
            return True
        return any(first[:n] in self.prefix for n in range(len(first), 1, -1))


# ---------------------------------------------------------------- articles

def new_article(origin):
    # body: [text, kind] in source order; kind 'para' (a paragraph), 'byline'
    # (a line of names, not a paragraph) or 'credit' (a photo credit).
    return {'origin': origin, 'kicker': None, 'headline': None, 'subtitle': None,
            'body': [], 'dateline': None, 'byline': [],
            'agency': None, 'roles': [], 'place': None, 'place_from': None}


def add_names(art, parsed):
    names, roles, agency = parsed
    art['byline'] += names
    for r in roles:
        if r not in art['roles']:
            art['roles'].append(r)
    if agency and not art['agency']:
        art['agency'] = agency


def pd_article(path, gaz):
    """One People's Daily article file: line 1 kicker (引题), line 2
    headline (主题), line 3 subtitle (副题), each possibly empty; then one
    paragraph per line, indented with two U+3000."""
    with open(path, encoding='utf-8') as f:
        lines = f.read().replace('\r\n', '\n').replace('\r', '\n').split('\n')
    lines += [''] * (3 - min(3, len(lines)))
    art = new_article(os.path.basename(path))
    art['kicker'] = strip_ws(lines[0]) or None
    art['headline'] = strip_ws(lines[1]) or None
    art['subtitle'] = strip_ws(lines[2]) or None
    paras = [strip_ws(l) for l in lines[3:] if strip_ws(l)]
    if not art['headline'] or not paras:
        return None
    art['body'] = [[p, 'para'] for p in paras]
    first = paras[0]
    m = DATELINE_RE.match(first)
    if m:
        art['dateline'] = m.group(0)
        art['agency'] = m.group('agency')
        place = m.group('place')
        if place and gaz.chinese(place):
            art['place'], art['place_from'] = place, 'dateline'
        rest = first[m.end():].lstrip(WS)
        b = re.match(r'^[（(]([^（）()]*)[）)]', rest)
        if b:
            parsed = parse_names(b.group(1))
            if parsed:
                add_names(art, parsed)
    # A closing byline: the last paragraph is all one bracket.
    last = paras[-1]
    b = re.match(r'^[（(]([^（）()]*)[）)]$', last)
    if b and len(paras) > 1:
        inner = b.group(1)
        m2 = DATELINE_RE.match(inner)
        parsed = None
        if m2:
            rest = strip_ws(inner[m2.end():])
            parsed = parse_names(rest) if rest else ([], [], None)
            if parsed is not None and not art['agency']:
                art['agency'] = m2.group('agency')
        else:
            parsed = parse_names(inner)
        if parsed is not None:
            art['body'][-1][1] = 'byline'
            add_names(art, parsed)
    if art['kicker'] and art['kicker'][-1] in '：:' and not art['place']:
        k = art['kicker'][:-1]
        if gaz.chinese(k):
            art['place'], art['place_from'] = k, 'kicker'
    return art


# Column labels printed above a headline: the kicker, not the headline.
AD_LABELS = {'特稿', '拆局', '蘋果資訊'}
AD_FURNITURE = re.compile(r'^(你的意見[?？]|服務熱線)')
AD_NAMES = r'([%s][%s、\u3000]*[%s])' % (HAN, HAN, HAN)
AD_BYLINE_PIECE = re.compile(r'^(記者|撰文|採訪|攝影|採訪、攝影)[：︰]%s$' % AD_NAMES)
AD_BYLINE_GLUED = re.compile(r'(?:^|(?<=[。！？」』）\u3000]))\u3000?記者[：︰]%s$' % AD_NAMES)
AD_DATELINE = re.compile(r'^【[^】]{1,12}】')


def ad_names(text):
    names = [n for n in re.split(r'[、\u3000]+', text) if n]
    if names and all(NAME_RE.match(n) and len(n) <= 4 for n in names):
        return names
    return None


def ad_split(text):
    """The strings of a text column: split at runs of spaces, except a
    single space between two ASCII letters or digits (inside a name or a
    phrase such as "Running Man" or "CHANEL 2016")."""
    out, cur = [], ''
    for m in re.finditer(r' +|[^ ]+', text):
        t = m.group(0)
        if t[0] == ' ':
            if len(t) == 1 and cur and re.match(r'[A-Za-z0-9]', cur[-1]) and \
                    m.end() < len(text) and re.match(r'[A-Za-z0-9]', text[m.end()]):
                cur += t
            else:
                out.append(cur)
                cur = ''
        else:
            cur += t
    out.append(cur)
    return [p for p in (strip_ws(x) for x in out) if p]


def ad_article(row):
    """One Apple Daily row: the title column is the heading strings run
    together; the text column is the heading strings, then the body: the
    web page's strings joined by spaces."""
    title = re.sub(r'[\s\u3000]', '', row['title'])
    pieces = ad_split(row['text'])
    art = new_article(row['key'])
    head, acc = [], ''
    while pieces and len(acc) < len(title):
        p = pieces.pop(0)
        acc += re.sub(r'[\s\u3000]', '', p)
        head.append(p)
    if acc != title or len(head) > 2:
        raise SystemExit('apple-daily %s: heading does not match the title' % row['key'])
    if len(head) == 2 and head[0] in AD_LABELS:
        art['kicker'], art['headline'] = head
    else:
        art['headline'] = head[0]
        art['subtitle'] = head[1] if len(head) > 1 else None
    for p in pieces:
        if AD_FURNITURE.match(p):
            break
        m = AD_BYLINE_PIECE.match(p)
        names = ad_names(m.group(2)) if m else None
        if names:
            if m.group(1) == '攝影':
                art['body'].append([p, 'credit'])
                continue
            art['body'].append([p, 'byline'])
            art['byline'] += names
            for r in m.group(1).split('、'):
                if r not in art['roles']:
                    art['roles'].append(r)
            continue
        if p == '本報記者':
            art['body'].append([p, 'byline'])
            art['agency'] = art['agency'] or '本報'
            if '記者' not in art['roles']:
                art['roles'].append('記者')
            continue
        m = AD_BYLINE_GLUED.search(p)
        names = ad_names(m.group(1)) if m else None
        if names:
            art['byline'] += names
            if '記者' not in art['roles']:
                art['roles'].append('記者')
        art['body'].append([p, 'para'])
    paras = [t for t, k in art['body'] if k == 'para']
    if not paras:
        raise SystemExit('apple-daily %s: no body' % row['key'])
    for p in paras[:2]:
        m = AD_DATELINE.match(p)
        if m:
            art['dateline'] = m.group(0)
            if m.group(0) == '【本報訊】':
                art['agency'] = '本報'
            break
    return art


# ---------------------------------------------------------------- rendering

STYLES = ['blank', 'indent', 'blank-indent']


def cut_point(text, rng):
    """A place to cut a paragraph as a column break does: mid-sentence, after
    the first 30 % and before 70 % of it, not after closing punctuation, and
    not before punctuation (print keeps that off a column's first line)."""
    n = len(text)
    lo, hi = max(int(n * 0.3), 1), int(n * 0.7)
    cands = [k for k in range(lo, hi)
             if text[k - 1] not in FINAL + CLOSERS + '，、：:,' and
             re.match('[%s]' % HAN, text[k]) and re.match('[%s]' % HAN, text[k - 1])]
    return rng.choice(cands) if cands else None


def render(page_id, index, header, articles, source):
    rng = random.Random('reader-corpus:' + page_id)
    style = STYLES[index % 3]
    encoding = 'GB18030' if index % 4 == 1 else 'UTF-8'
    eol = '\r\n' if index % 5 == 2 else '\n'
    with_header = index % 2 == 0
    gap = rng.choice([1, 2])
    blank = style != 'indent'
    indent = '\u3000\u3000' if style != 'blank' else ''
    # Column breaks: up to three paragraphs of 60 characters or more, not
    # the first paragraph of an article (which may carry a dateline).
    cands = []
    for ai, a in enumerate(articles):
        paras = [bi for bi, (t, k) in enumerate(a['body']) if k == 'para']
        cands += [(ai, bi) for bi in paras[1:] if len(a['body'][bi][0]) >= 60]
    nbreaks = min(len(cands), rng.choice([0, 1, 1, 2, 3]))
    breaks = {}
    for ai, bi in sorted(rng.sample(cands, nbreaks)):
        k = cut_point(articles[ai]['body'][bi][0], rng)
        if k:
            breaks[(ai, bi)] = k

    lines = []
    if with_header:
        lines.append(header)
        if blank:
            lines.append('')
    truth_articles, joins = [], []
    for ai, a in enumerate(articles):
        if ai > 0 and blank:
            lines += [''] * gap
        t = {'line': len(lines) + 1}
        heading = []
        for field in ('kicker', 'headline', 'subtitle'):
            if a[field]:
                lines.append(a[field])
                t[field + '_line'] = len(lines)
                heading.append(len(lines))
            else:
                t[field + '_line'] = None
        t['heading_lines'] = heading
        t['first_paragraph_line'] = None
        t['byline_lines'] = []
        t['credit_lines'] = []
        for bi, (p, kind) in enumerate(a['body']):
            if blank:
                lines.append('')
            if (ai, bi) in breaks:
                k = breaks[(ai, bi)]
                lines.append(indent + p[:k])
                first = len(lines)
                lines.append('')
                lines.append(p[k:])
                joins.append({'line': first, 'continuation': len(lines)})
            else:
                lines.append(indent + p)
                first = len(lines)
            if kind == 'para' and t['first_paragraph_line'] is None:
                t['first_paragraph_line'] = first
            elif kind != 'para':
                t[kind + '_lines'].append(first)
        t['last_line'] = len(lines)
        for field in ('kicker', 'headline', 'subtitle', 'dateline'):
            t[field] = a[field]
        t['byline'] = a['byline']
        t['agency'] = a['agency']
        t['roles'] = a['roles']
        t['paragraphs'] = sum(1 for _, k in a['body'] if k == 'para')
        t['place'] = a['place']
        t['place_from'] = a['place_from']
        t['source_record'] = a['origin']
        truth_articles.append(t)
    text = eol.join(lines) + eol
    data = text.encode('gb18030' if encoding == 'GB18030' else 'utf-8')
    rendering = {
        'style': style,
        'paragraph_separator': 'blank line' if blank else 'none',
        'paragraph_indent': 'two U+3000' if indent else 'none',
        'blank_lines_between_articles': gap if blank else 0,
        'encoding': encoding,
        'line_ends': 'CRLF' if eol == '\r\n' else 'LF',
        'header': header if with_header else None,
        'header_line': 1 if with_header else None,
        'column_breaks': len(joins),
    }
    return data, rendering, truth_articles, joins


def write_page(out, page_id, index, header, articles, meta):
    data, rendering, arts, joins = render(page_id, index, header, articles, meta['source'])
    with open(os.path.join(out, page_id + '.txt'), 'wb') as f:
        f.write(data)
    truth = dict(meta)
    truth['rendering'] = rendering
    truth['articles'] = arts
    truth['joins'] = joins
    with open(os.path.join(out, page_id + '.truth.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write('\n')
    return len(data)


# ---------------------------------------------------------------- builders

def pd_unpack(mirror, pd_dir, tmp):
    if pd_dir:
        return pd_dir
    for month, (path, blob, _commit) in PD['archives'].items():
        arch = os.path.join(tmp, month + '.7z')
        with open(arch, 'wb') as f:
            subprocess.run(['git', '--git-dir', mirror, 'cat-file', 'blob', blob],
                           stdout=f, check=True)
        subprocess.run(['7z', 'x', '-y', '-o' + os.path.join(tmp, month), arch],
                       stdout=subprocess.DEVNULL, check=True)
    return tmp


def pd_build(out, root, gaz, start):
    files = {}
    for p in glob.glob(os.path.join(root, '**', '*.txt'), recursive=True):
        b = os.path.basename(p)
        if re.match(r'^(201902|202001)\d\d-\d\d-\d\d\.txt$', b):
            files[b] = p
    n = 0
    for i, (date, page) in enumerate(PD_PAGES):
        split = 'tune' if date in PD_TUNE_DATES else 'measure'
        assert split == 'tune' or date in PD_MEASURE_DATES
        members = sorted(b for b in files if b.startswith('%s-%s-' % (date, page)))
        arts = [a for a in (pd_article(files[b], gaz) for b in members) if a]
        if not arts:
            raise SystemExit('people-daily %s page %s: no articles found' % (date, page))
        month = date[:4] + '-' + date[4:6]
        path, blob, commit = PD['archives'][month]
        iso = '%s-%s-%s' % (date[:4], date[4:6], date[6:])
        header = '人民日报 %s年%d月%d日 第%s版' % (date[:4], int(date[4:6]), int(date[6:]), page)
        page_id = 'rmrb-%s-p%s' % (iso, page)
        meta = {'source': PD['name'], 'paper': PD['paper'], 'date': iso, 'page': page,
                'split': split,
                'origin': {'repository': PD['repository'], 'commit': commit,
                           'archive': path, 'blob': blob, 'records': members,
                           'licence': None}}
        n += write_page(out, page_id, start + i, header, arts, meta)
    return len(PD_PAGES), n


def ad_build(out, ad_dir, start):
    n = 0
    for i, (date, ids) in enumerate(AD_PAGES):
        split = 'tune' if date in AD_TUNE_DATES else 'measure'
        assert split == 'tune' or date in AD_MEASURE_DATES
        with open(os.path.join(ad_dir, date + '.csv'), encoding='utf-8', newline='') as f:
            rows = {int(r['article_daily_id']): r for r in csv.DictReader(f)
                    if r.get('article_daily_id', '').isdigit() and r.get('text') is not None}
        arts = [ad_article(rows[k]) for k in ids]
        iso = '%s-%s-%s' % (date[:4], date[4:6], date[6:])
        group = 1 + sum(1 for d, _ in AD_PAGES[:i] if d == date)
        header = '蘋果日報 %s年%d月%d日' % (date[:4], int(date[4:6]), int(date[6:]))
        page_id = 'apple-%s-g%d' % (iso, group)
        meta = {'source': AD['name'], 'paper': AD['paper'], 'date': iso, 'page': 'g%d' % group,
                'split': split,
                'origin': {'repository': AD['repository'], 'commit': AD['commit'],
                           'file': 'corpus/%s.csv' % date,
                           'records': ['%s-%d' % (date, k) for k in ids],
                           'licence': AD['licence']}}
        n += write_page(out, page_id, start + i, header, arts, meta)
    return len(AD_PAGES), n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--pd-mirror', help='bare git clone of the People\'s Daily crawler repository')
    ap.add_argument('--pd-dir', help='the two People\'s Daily archives, already unpacked')
    ap.add_argument('--ad-dir', help='directory of Apple Daily YYYYMMDD.csv files')
    ap.add_argument('--out', default=os.path.join(TOP, 'tests', 'corpus'))
    args = ap.parse_args()
    if not (args.pd_mirror or args.pd_dir) or not args.ad_dir:
        ap.error('need --pd-mirror (or --pd-dir) and --ad-dir')
    os.makedirs(args.out, exist_ok=True)
    for old in glob.glob(os.path.join(args.out, '*.txt')) + \
            glob.glob(os.path.join(args.out, '*.truth.json')):
        os.remove(old)
    gaz = Gazetteer(os.path.join(TOP, 'data', 'gazetteer.tsv'))
    tmp = tempfile.mkdtemp(prefix='corpus-')
    try:
        root = pd_unpack(args.pd_mirror, args.pd_dir, tmp)
        p1, b1 = pd_build(args.out, root, gaz, 0)
    finally:
        shutil.rmtree(tmp)
    p2, b2 = ad_build(args.out, args.ad_dir, p1)
    print('%d pages, %d bytes of page text, in %s' % (p1 + p2, b1 + b2, args.out))


if __name__ == '__main__':
    sys.exit(main())
