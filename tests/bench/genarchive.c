/*
 * genarchive: a synthetic newspaper archive for the tests and `make bench`.
 *
 *   Usage: genarchive DIR N [SEED]
 *
 * Writes N made-up editions below DIR (created when missing), the same for
 * the same N and SEED (default 1), about 20 KB each on average (N = 5000 is
 * about 100 MB), plus three files that are no editions (an empty file and
 * two binary ones). The pages look like the ones the reader's parser is
 * written for (see the shared edition-format notes and tests/corpus):
 *
 *   - front matter: an optional banner, the paper's name, contacts and the
 *     dateline (2020年11月5日 星期四 责任编辑 …);
 *   - articles: locality kickers (宜兴市委统战部：, 苏州市吴中区：, 宝应县安宜镇：,
 *     or the place opening the headline: 靖江“千里取经”…), the places
 *     drawn from data/gazetteer.tsv (each paper has its province, and 靖江
 *     comes up everywhere now and then so that a two-character search
 *     hits), headlines, paragraphs separated by blank lines or one a line
 *     indented with two U+3000, now and then cut by a column break,
 *     bylines (（记者 张三 通讯员 李四）, 本报记者 王五, plain names);
 *   - about a fifth of the editions in traditional characters (two Hong
 *     Kong papers, with their own places), from a small vocabulary that
 *     has both scripts; some in GB18030, some with a BOM, some with CRLF;
 *   - dates from 2015 to 2024 over ten papers and up to 12 pages, in
 *     PAPER/YYYY/MM/ folders; the date in the file's name and the dateline
 *     (most), in the name only, in the dateline only, or in neither (in
 *     PAPER/inbox/: then the modification time, set to the edition's day,
 *     is all that tells it). Files whose name or dateline tells the date
 *     get the modification time of a later crawl, so that an order by
 *     modification time would be wrong.
 *
 * The gazetteer is read from $GENARCHIVE_GAZETTEER, else
 * data/gazetteer.tsv (run from the top of the tree). With
 * $GENARCHIVE_TRUTH set to a file name, one TSV row per article is written
 * there: path, index, locality as printed, headline, byline names, so that
 * `reader --outline` can be compared with what was meant.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- small tools ---------------------------------------------------------- */

static void fail(const char *what)
{
	fprintf(stderr, "genarchive: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fail("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		fail("out of memory");
	return d;
}

struct buf {
	char *s;
	size_t n, cap;
};

static void put_n(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static void put(struct buf *b, const char *s)
{
	put_n(b, s, strlen(s));
}

static void putf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	put_n(b, tmp, n < 0 ? 0 : (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* A whole number in [0, n). */
static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

/* True with probability pct percent. */
static int chance(unsigned pct)
{
	return below(100) < pct;
}

#define PICK(arr) (arr[below(sizeof arr / sizeof *arr)])

/* ---- the vocabulary (simplified, traditional) ----------------------------- */

struct pair {
	const char *s, *t;
};

static int trad;  /* the edition being written is in traditional characters */

static const char *T(struct pair p)
{
	return trad ? p.t : p.s;
}

static const struct pair clauses[] = {
	{"推动高质量发展", "推動高質量發展"},
	{"进一步凝聚思想共识", "進一步凝聚思想共識"},
	{"持续优化营商环境", "持續優化營商環境"},
	{"助力企业做大做强", "助力企業做大做強"},
	{"积极开展志愿服务活动", "積極開展志願服務活動"},
	{"广泛听取群众意见建议", "廣泛聽取群眾意見建議"},
	{"切实解决群众急难愁盼问题", "切實解決群眾急難愁盼問題"},
	{"不断完善基层治理体系", "不斷完善基層治理體系"},
	{"扎实推进乡村振兴", "紮實推進鄉村振興"},
	{"加快建设现代产业体系", "加快建設現代產業體系"},
	{"深入实施创新驱动发展战略", "深入實施創新驅動發展戰略"},
	{"着力提升公共服务水平", "著力提升公共服務水平"},
	{"认真落实各项惠民政策", "認真落實各項惠民政策"},
	{"组织开展专题学习", "組織開展專題學習"},
	{"搭建政企沟通对话平台", "搭建政企溝通對話平台"},
	{"营造团结互助的良好氛围", "營造團結互助的良好氛圍"},
	{"引导广大党员干部担当作为", "引導廣大黨員幹部擔當作為"},
	{"推动各项工作落地见效", "推動各項工作落地見效"},
	{"促进城乡融合发展", "促進城鄉融合發展"},
	{"加强生态环境保护", "加強生態環境保護"},
	{"守护一方碧水蓝天", "守護一方碧水藍天"},
	{"让群众少跑腿", "讓群眾少跑腿"},
	{"把好事办好把实事办实", "把好事辦好把實事辦實"},
	{"为企业发展注入新动能", "為企業發展注入新動能"},
	{"带动周边村民增收致富", "帶動周邊村民增收致富"},
	{"吸引众多市民前来参观", "吸引眾多市民前來參觀"},
	{"受到社会各界广泛好评", "受到社會各界廣泛好評"},
	{"举办各类培训班", "舉辦各類培訓班"},
	{"走访慰问困难家庭", "走訪慰問困難家庭"},
	{"开展安全隐患排查整治", "開展安全隱患排查整治"},
	{"完善应急管理机制", "完善應急管理機制"},
	{"推进老旧小区改造", "推進老舊小區改造"},
	{"建设美丽宜居乡村", "建設美麗宜居鄉村"},
	{"拓宽农产品销售渠道", "拓寬農產品銷售渠道"},
	{"培育壮大特色产业", "培育壯大特色產業"},
	{"深化“放管服”改革", "深化「放管服」改革"},
	{"打通服务群众的“最后一公里”", "打通服務群眾的「最後一公里」"},
	{"提高群众的获得感和幸福感", "提高群眾的獲得感和幸福感"},
	{"传承弘扬优秀传统文化", "傳承弘揚優秀傳統文化"},
	{"丰富群众精神文化生活", "豐富群眾精神文化生活"},
	{"关心关爱青少年健康成长", "關心關愛青少年健康成長"},
	{"为老年人提供便捷服务", "為老年人提供便捷服務"},
	{"推进数字化转型", "推進數字化轉型"},
	{"加大招商引资力度", "加大招商引資力度"},
	{"引进培育高层次人才", "引進培育高層次人才"},
	{"筑牢安全生产防线", "築牢安全生產防線"},
	{"保障重点项目建设", "保障重點項目建設"},
	{"凝聚各方智慧和力量", "凝聚各方智慧和力量"},
	{"激发市场主体活力", "激發市場主體活力"},
	{"擦亮城市文明底色", "擦亮城市文明底色"},
	{"推动文旅深度融合", "推動文旅深度融合"},
	{"促进消费持续回暖", "促進消費持續回暖"},
	{"持续改善人居环境", "持續改善人居環境"},
	{"提升社区服务能力", "提升社區服務能力"},
	{"夯实基层基础", "夯實基層基礎"},
	{"汇聚发展合力", "匯聚發展合力"},
	{"畅通诉求表达渠道", "暢通訴求表達渠道"},
	{"做好困难群众帮扶工作", "做好困難群眾幫扶工作"},
	{"开展形式多样的宣传活动", "開展形式多樣的宣傳活動"},
	{"推动产业链上下游协同", "推動產業鏈上下游協同"},
};

static const struct pair openers[] = {
	{"今年以来", "今年以來"},     {"近年来", "近年來"},
	{"近日", "近日"},             {"据了解", "據了解"},
	{"截至目前", "截至目前"},     {"与此同时", "與此同時"},
	{"下一步", "下一步"},         {"在此基础上", "在此基礎上"},
	{"为此", "為此"},             {"记者了解到", "記者了解到"},
	{"活动现场", "活動現場"},     {"去年以来", "去年以來"},
};

static const struct pair subjects[] = {
	{"该市", "該市"},               {"当地", "當地"},
	{"相关部门", "相關部門"},       {"社区工作人员", "社區工作人員"},
	{"企业家们", "企業家們"},       {"志愿者们", "志願者們"},
	{"村党支部", "村黨支部"},       {"街道党工委", "街道黨工委"},
	{"市委统战部", "市委統戰部"},   {"区政协", "區政協"},
	{"工商联", "工商聯"},           {"新的社会阶层人士", "新的社會階層人士"},
};

/* "共举办活动12次": a verb and a unit around a number. */
static const struct pair counts[][2] = {
	{{"共举办活动", "次"}, {"共舉辦活動", "次"}},
	{{"累计服务群众", "余人次"}, {"累計服務群眾", "餘人次"}},
	{{"惠及群众", "余户"}, {"惠及群眾", "餘戶"}},
	{{"新增就业岗位", "个"}, {"新增就業崗位", "個"}},
	{{"发放补贴", "万元"}, {"發放補貼", "萬元"}},
	{{"收集意见建议", "条"}, {"收集意見建議", "條"}},
};

static const struct pair heads[] = {
	{"暖心服务进万家", "暖心服務進萬家"},
	{"绘就乡村振兴新画卷", "繪就鄉村振興新畫卷"},
	{"民族团结谱新篇", "民族團結譜新篇"},
	{"石榴花开别样红", "石榴花開別樣紅"},
	{"搭出政企沟通平台", "搭出政企溝通平台"},
	{"架设商会合作桥梁", "架設商會合作橋樑"},
	{"唱响“好声音”", "唱響「好聲音」"},
	{"答好民生“必答题”", "答好民生「必答題」"},
	{"跑出发展“加速度”", "跑出發展「加速度」"},
	{"点亮幸福生活", "點亮幸福生活"},
	{"共建美好家园", "共建美好家園"},
	{"基层治理有“新招”", "基層治理有「新招」"},
	{"凝聚同心力量", "凝聚同心力量"},
	{"文明新风扑面来", "文明新風撲面來"},
	{"产业兴旺百姓富", "產業興旺百姓富"},
	{"小网格托起大民生", "小網格托起大民生"},
	{"志愿服务暖人心", "志願服務暖人心"},
	{"老街焕发新活力", "老街煥發新活力"},
	{"“千里取经”谋发展", "「千里取經」謀發展"},
	{"“暖心早茶”话合作", "「暖心早茶」話合作"},
	{"同心“话桑麻”", "同心「話桑麻」"},
	{"幸福“脱口秀”", "幸福「脫口秀」"},
};

static const struct pair subtitles[] = {
	{"——来自基层一线的调查", "——來自基層一線的調查"},
	{"——记一位扎根社区的志愿者", "——記一位紮根社區的志願者"},
	{"——写在新一年开局之际", "——寫在新一年開局之際"},
};

static const struct pair surnames[] = {
	{"王", "王"}, {"李", "李"}, {"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"},
	{"黄", "黃"}, {"赵", "趙"}, {"周", "周"}, {"徐", "徐"}, {"孙", "孫"},
	{"马", "馬"}, {"朱", "朱"}, {"胡", "胡"}, {"郭", "郭"}, {"何", "何"}, {"高", "高"},
	{"林", "林"}, {"罗", "羅"}, {"郑", "鄭"}, {"梁", "梁"}, {"谢", "謝"}, {"宋", "宋"},
	{"唐", "唐"}, {"许", "許"}, {"韩", "韓"}, {"冯", "馮"}, {"邓", "鄧"}, {"曹", "曹"},
	{"彭", "彭"}, {"曾", "曾"}, {"田", "田"}, {"董", "董"}, {"潘", "潘"}, {"袁", "袁"},
	{"蔡", "蔡"}, {"蒋", "蔣"}, {"余", "余"}, {"杜", "杜"}, {"叶", "葉"}, {"程", "程"},
	{"魏", "魏"}, {"苏", "蘇"}, {"吕", "呂"}, {"丁", "丁"}, {"沈", "沈"}, {"任", "任"},
	{"姚", "姚"}, {"卢", "盧"}, {"钟", "鍾"}, {"姜", "姜"}, {"崔", "崔"}, {"谭", "譚"},
	{"范", "範"}, {"汪", "汪"}, {"廖", "廖"}, {"石", "石"}, {"金", "金"},
	{"贾", "賈"}, {"夏", "夏"}, {"方", "方"}, {"邹", "鄒"}, {"熊", "熊"}, {"白", "白"},
};

static const struct pair given[] = {
	{"伟", "偉"}, {"芳", "芳"}, {"娜", "娜"}, {"敏", "敏"}, {"静", "靜"}, {"丽", "麗"},
	{"强", "強"}, {"磊", "磊"}, {"军", "軍"}, {"洋", "洋"}, {"勇", "勇"}, {"艳", "艷"},
	{"杰", "傑"}, {"娟", "娟"}, {"涛", "濤"}, {"明", "明"}, {"超", "超"}, {"秀", "秀"},
	{"霞", "霞"}, {"平", "平"}, {"刚", "剛"}, {"英", "英"}, {"华", "華"}, {"建", "建"},
	{"文", "文"}, {"辉", "輝"}, {"玲", "玲"}, {"峰", "峰"}, {"婷", "婷"}, {"晓", "曉"},
	{"红", "紅"}, {"雪", "雪"}, {"宇", "宇"}, {"浩", "浩"}, {"凯", "凱"}, {"鹏", "鵬"},
	{"俊", "俊"}, {"帆", "帆"}, {"佳", "佳"}, {"欣", "欣"}, {"怡", "怡"}, {"晨", "晨"},
	{"琳", "琳"}, {"斌", "斌"}, {"颖", "穎"}, {"春", "春"}, {"海", "海"}, {"国", "國"},
	{"荣", "榮"}, {"志", "志"}, {"东", "東"}, {"悦", "悅"}, {"亮", "亮"}, {"圆", "圓"},
};

static const char *const organs[] = {
	"委统战部", "民宗局", "人社局", "政协", "工商联", "妇联", "团委", "文明办",
};

static const char *const banners[] = {
	"讲诚信代代相传", "同心共筑中国梦", "文明城市你我共建", "守正创新 勇毅前行",
};

/* Hong Kong and nearby places, for the traditional papers: the ones of
 * data/abroad.tsv that the parser resolves as a kicker too (沙田：, 旺角：,
 * 香港： give no locality as of this writing), and a few on the mainland. */
static const struct pair hk_places[] = {
	{"九龙", "九龍"}, {"荃湾", "荃灣"}, {"观塘", "觀塘"}, {"屯门", "屯門"},
	{"大埔", "大埔"}, {"西贡", "西貢"}, {"湾仔", "灣仔"}, {"铜锣湾", "銅鑼灣"},
	{"将军澳", "將軍澳"}, {"中环", "中環"}, {"黄大仙", "黃大仙"}, {"柴湾", "柴灣"},
	{"澳门", "澳門"}, {"路环", "路環"}, {"深圳", "深圳"}, {"东莞", "東莞"},
	{"广州", "廣州"}, {"靖江", "靖江"},
};

/* ---- the gazetteer --------------------------------------------------------- */

struct county {
	char *name;          /* 靖江市 */
	char *shortname;     /* 靖江, or the name itself */
	size_t pref;         /* index into prefs */
	size_t town, ntown;  /* its townships: towns[town .. town + ntown) */
};

struct pref {
	char *name, *shortname;  /* 泰州市, 泰州 */
	int province;            /* the first two digits of the code */
};

static struct county *counties;
static size_t ncounties;
static struct pref *prefs;
static size_t nprefs;
static char **towns;
static size_t ntowns;

/* A place name without its 市 or 县 when two or three characters stay and
 * it is no autonomous area (靖江市 → 靖江; districts keep their 区). */
static char *short_name(const char *name)
{
	size_t n = strlen(name);
	static const char *const tails[] = {"市", "县"};

	if (strstr(name, "自治") || n < 9 || n > 12)
		return xstrdup(name);
	for (size_t i = 0; i < 2; i++)
		if (!strcmp(name + n - 3, tails[i])) {
			char *s = xstrdup(name);

			s[n - 3] = 0;
			return s;
		}
	return xstrdup(name);
}

static void load_gazetteer(void)
{
	const char *path = getenv("GENARCHIVE_GAZETTEER");
	FILE *f;
	char line[512];
	size_t capc = 0, capp = 0, capt = 0;
	char county_code[16] = "";  /* the code of the last county taken */

	if (!path || !*path)
		path = "data/gazetteer.tsv";
	f = fopen(path, "r");
	if (!f)
		fail(path);
	while (fgets(line, sizeof line, f)) {
		char *code = line, *level, *parent, *name, *nl;

		if (line[0] == '#' || !(level = strchr(code, '\t')))
			continue;
		*level++ = 0;
		if (!(parent = strchr(level, '\t')))
			continue;
		*parent++ = 0;
		if (!(name = strchr(parent, '\t')))
			continue;
		*name++ = 0;
		if ((nl = strchr(name, '\n')))
			*nl = 0;
		if (!strcmp(name, "市辖区") || !strcmp(name, "县") || strstr(name, "直辖") ||
		    !strcmp(name, "城区") || !strcmp(name, "郊区") || !strcmp(name, "矿区"))
			continue;
		if (*level == '2') {
			if (nprefs == capp)
				prefs = xrealloc(prefs, (capp = capp * 2 + 64) * sizeof *prefs);
			prefs[nprefs].name = xstrdup(name);
			prefs[nprefs].shortname = short_name(name);
			prefs[nprefs].province = (code[0] - '0') * 10 + (code[1] - '0');
			nprefs++;
		} else if (*level == '3' && nprefs && !strncmp(parent, code, 4) &&
			   strlen(code) == 6 && strlen(name) <= 12) {
			/* counties of two to four characters: no development
			 * zones (连云港经济技术开发区) */
			if (ncounties == capc)
				counties = xrealloc(counties, (capc = capc * 2 + 64) * sizeof *counties);
			counties[ncounties].name = xstrdup(name);
			counties[ncounties].shortname = short_name(name);
			/* the rows are in code order: the prefecture read last */
			counties[ncounties].pref = nprefs - 1;
			counties[ncounties].town = ntowns;
			counties[ncounties].ntown = 0;
			ncounties++;
			snprintf(county_code, sizeof county_code, "%s", code);
		} else if (*level == '4' && ncounties && strlen(name) <= 15 &&
			   !strcmp(parent, county_code) &&
			   (strstr(name, "镇") || strstr(name, "街道") || strstr(name, "乡"))) {
			if (ntowns == capt)
				towns = xrealloc(towns, (capt = capt * 2 + 256) * sizeof *towns);
			towns[ntowns++] = xstrdup(name);
			counties[ncounties - 1].ntown++;
		}
	}
	fclose(f);
	if (!ncounties || !nprefs)
		fprintf(stderr, "genarchive: %s: no counties found\n", path), exit(1);
}

/* The counties of a province (0: any), as a list of indices. */
static size_t *province_counties(int province, size_t *n)
{
	size_t *v = xrealloc(NULL, ncounties * sizeof *v);

	*n = 0;
	for (size_t i = 0; i < ncounties; i++)
		if (!province || prefs[counties[i].pref].province == province)
			v[(*n)++] = i;
	return v;
}

/* ---- papers ------------------------------------------------------------- */

struct paper {
	const char *slug, *title;
	int province;          /* 0: the whole country; -1: Hong Kong (traditional) */
	int pages;
	int style;             /* 0: blank lines between paragraphs, 1: indented lines */
	const char *area;      /* telephone area code */
	size_t *counties, ncounties;
};

static struct paper papers[] = {
	{"tongxinyuan", "同心圆", 32, 8, 0, "025", NULL, 0},
	{"jiangnan", "江南晚报", 32, 12, 0, "0510", NULL, 0},
	{"qiantang", "钱塘日报", 33, 12, 1, "0571", NULL, 0},
	{"nanyue", "南粤都市报", 44, 12, 1, "020", NULL, 0},
	{"zhongyuan", "中原晨报", 41, 8, 0, "0371", NULL, 0},
	{"bashu", "巴蜀日报", 51, 8, 1, "028", NULL, 0},
	{"qilu", "齐鲁时报", 37, 8, 0, "0531", NULL, 0},
	{"huaxia", "华夏日报", 0, 12, 1, "010", NULL, 0},
	{"xiangjiang", "香江日報", -1, 10, 1, "852", NULL, 0},
	{"haojiang", "濠江時報", -1, 6, 0, "853", NULL, 0},
};
#define NPAPERS (sizeof papers / sizeof *papers)

/* ---- dates ------------------------------------------------------------- */

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void civil(long days, int *y, int *m, int *d)
{
	long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned long doe = (unsigned long)(z - era * 146097);
	unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)((long)yoe + era * 400 + (*m <= 2));
}

static long days_from_civil(int y, int m, int d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static const char *const weekdays[] = {"星期日", "星期一", "星期二", "星期三",
				       "星期四", "星期五", "星期六"};

/* ---- writing an edition ---------------------------------------------------- */

struct ed {
	struct paper *p;
	long day;
	int y, m, d, page;
	int ascii;             /* ASCII , and : as in the bundled page */
	int style;
	struct buf text;
	struct buf truth;      /* index, locality, headline, byline rows */
	unsigned narticles;
};

static const char *comma(const struct ed *e)
{
	return e->ascii ? "," : "，";
}

static const char *colon(const struct ed *e)
{
	return e->ascii ? ":" : "：";
}

static void name(struct buf *b)
{
	put(b, T(PICK(surnames)));
	put(b, T(PICK(given)));
	if (chance(60))
		put(b, T(PICK(given)));
}

/* A place an article is about: what the kicker prints and the short form
 * a headline may open with. */
struct where {
	char kicker[128];      /* "" when the article has no kicker */
	char shortname[64];    /* for the headline and the text */
};

static void pick_place(const struct ed *e, struct where *w)
{
	const struct paper *p = e->p;

	w->kicker[0] = 0;
	if (p->province < 0) {
		const char *pl = T(PICK(hk_places));

		snprintf(w->shortname, sizeof w->shortname, "%s", pl);
		if (chance(60))
			snprintf(w->kicker, sizeof w->kicker, "%s", pl);
		return;
	}
	/* 靖江 now and then in every paper: a search that hits */
	const struct county *c = chance(8) ? NULL : &counties[p->counties[below(p->ncounties)]];

	if (!c) {
		for (size_t i = 0; i < ncounties; i++)
			if (!strcmp(counties[i].name, "靖江市"))
				c = &counties[i];
		if (!c)
			c = &counties[0];
	}
	snprintf(w->shortname, sizeof w->shortname, "%s", c->shortname);
	switch (below(6)) {
	case 0:
		snprintf(w->kicker, sizeof w->kicker, "%s%s", c->name, PICK(organs));
		break;
	case 1:
		if (strcmp(prefs[c->pref].name, c->name)) {
			snprintf(w->kicker, sizeof w->kicker, "%s%s", prefs[c->pref].name, c->name);
			break;
		}
		/* fall through */
	case 2:
		if (c->ntown) {
			snprintf(w->kicker, sizeof w->kicker, "%s%s", c->name,
				 towns[c->town + below(c->ntown)]);
			break;
		}
		/* fall through */
	case 3:
		if (c->ntown) {
			snprintf(w->kicker, sizeof w->kicker, "%s%s", prefs[c->pref].shortname,
				 towns[c->town + below(c->ntown)]);
			break;
		}
		/* fall through */
	default:
		break;   /* no kicker: the place opens the headline */
	}
}

/* One sentence about place. */
static void sentence(struct ed *e, struct buf *b, const char *place)
{
	switch (below(6)) {
	case 0:
	case 1:
		put(b, T(PICK(openers)));
		put(b, comma(e));
		put(b, chance(50) ? place : T(PICK(subjects)));
		put(b, T(PICK(clauses)));
		put(b, comma(e));
		put(b, T(PICK(clauses)));
		break;
	case 2:
		put(b, T(PICK(subjects)));
		put(b, T(PICK(clauses)));
		put(b, comma(e));
		put(b, T(PICK(clauses)));
		put(b, comma(e));
		put(b, T(PICK(clauses)));
		break;
	case 3: {
		int k = (int)below(sizeof counts / sizeof *counts);

		put(b, T(PICK(openers)));
		put(b, comma(e));
		put(b, place);
		put(b, trad ? counts[k][1].s : counts[k][0].s);
		putf(b, "%zu", 2 + below(3000));
		put(b, trad ? counts[k][1].t : counts[k][0].t);
		put(b, comma(e));
		put(b, T(PICK(clauses)));
		break;
	}
	case 4:
		put(b, trad ? "「" : "“");
		put(b, T(PICK(clauses)));
		put(b, comma(e));
		put(b, T(PICK(clauses)));
		put(b, trad ? "。」" : "。”");
		name(b);
		put(b, trad ? "說" : "说");
		break;
	default:
		put(b, place);
		put(b, T(PICK(clauses)));
		put(b, comma(e));
		put(b, T(PICK(clauses)));
		break;
	}
	put(b, "。");
}

/* The byline of an article, as printed, and its names for the truth. */
static void byline(struct buf *line, struct buf *names)
{
	struct buf n1 = {0}, n2 = {0};

	name(&n1);
	name(&n2);
	switch (below(trad ? 3 : 5)) {
	case 0:
		put(line, trad ? "（記者 " : "（记者 ");
		put(line, n1.s);
		if (!trad) {
			put(line, " 通讯员 ");
			put(line, n2.s);
		}
		put(line, "）");
		put(names, n1.s);
		if (!trad) {
			put(names, " ");
			put(names, n2.s);
		}
		break;
	case 1:
		put(line, trad ? "本報記者 " : "本报记者 ");
		put(line, n1.s);
		put(names, n1.s);
		break;
	case 2:
		put(line, n1.s);
		put(names, n1.s);
		break;
	case 3:
		put(line, n1.s);
		put(line, " ");
		put(line, n2.s);
		put(names, n1.s);
		put(names, " ");
		put(names, n2.s);
		break;
	default:
		put(line, "（");
		put(line, n1.s);
		put(line, "）");
		put(names, n1.s);
		break;
	}
	free(n1.s);
	free(n2.s);
}

static void newline(struct ed *e)
{
	put(&e->text, "\n");
}

/* A paragraph: in the indented style one line, else a block after a
 * blank line, now and then cut in two by a column break. */
static void paragraph(struct ed *e, const char *place)
{
	struct buf p = {0};
	int n = 2 + (int)below(5);

	for (int i = 0; i < n; i++)
		sentence(e, &p, place);
	if (e->style) {
		put(&e->text, "　　");
		put(&e->text, p.s);
		newline(e);
	} else {
		char *cut = chance(4) ? strstr(p.s + p.n / 2, comma(e)) : NULL;

		if (cut) {
			cut += strlen(comma(e));
			put_n(&e->text, p.s, (size_t)(cut - p.s));
			newline(e);
			newline(e);
			put(&e->text, cut);
		} else {
			put(&e->text, p.s);
		}
		newline(e);
		newline(e);
	}
	free(p.s);
}

static void article(struct ed *e)
{
	struct where w;
	struct buf head = {0}, by = {0}, names = {0};
	int npara = 3 + (int)below(6);
	const char *locality;
	int subtitle;

	pick_place(e, &w);
	if (w.kicker[0] && chance(50)) {
		put(&head, T(PICK(heads)));
		put(&head, " ");
		put(&head, T(PICK(heads)));
	} else if (w.kicker[0]) {
		put(&head, T(PICK(heads)));
	} else {
		put(&head, w.shortname);
		put(&head, T(PICK(heads)));
	}
	locality = w.kicker[0] ? w.kicker : w.shortname;
	/* a kicker without its colon must not look like a name (沙田) */
	subtitle = e->style && chance(15) && (!w.kicker[0] || strlen(w.kicker) >= 18);
	if (w.kicker[0] && subtitle) {
		/* a heading of three lines: kicker (no colon), headline, subtitle */
		put(&e->text, w.kicker);
		newline(e);
		put(&e->text, head.s);
	} else if (w.kicker[0]) {
		put(&e->text, w.kicker);
		put(&e->text, colon(e));
		if (chance(25)) {          /* kicker and headline on one line */
			put(&e->text, head.s);
		} else {
			newline(e);
			if (!e->style)
				newline(e);
			put(&e->text, head.s);
		}
	} else {
		put(&e->text, head.s);
	}
	newline(e);
	if (subtitle) {
		put(&e->text, T(PICK(subtitles)));
		newline(e);
	}
	if (!e->style)
		newline(e);
	for (int i = 0; i < npara; i++)
		paragraph(e, w.shortname);
	byline(&by, &names);
	if (e->style)
		put(&e->text, !strncmp(by.s, "（", strlen("（")) ? "　　" : "");
	put(&e->text, by.s);
	newline(e);
	newline(e);
	if (chance(30))
		newline(e);      /* a change of section */
	e->narticles++;
	putf(&e->truth, "%u\t%s\t%s\t%s\n", e->narticles, locality, head.s, names.s);
	free(head.s);
	free(by.s);
	free(names.s);
}

/* How the date is told: in the name and the dateline, the name only, the
 * dateline only, or neither. */
enum told { TOLD_BOTH, TOLD_NAME, TOLD_DATELINE, TOLD_NEITHER };

static void front(struct ed *e, enum told told)
{
	if (told == TOLD_NAME)
		return;    /* a crawl of the articles only */
	if (chance(10)) {
		put(&e->text, PICK(banners));
		put(&e->text, "\n\n\n");
	}
	put(&e->text, e->p->title);
	put(&e->text, "\n\n");
	if (!trad) {
		putf(&e->text, "电话%s %s-%08zu E-mail: news%zu@%s.example.cn\n", colon(e), e->p->area,
		     10000000 + below(89999999), below(100), e->p->slug);
	} else {
		/* the parser knows 电话 but not 電話: an address it knows by its @ */
		putf(&e->text, "電郵：news%zu@%s.example.hk\n", below(100), e->p->slug);
	}
	if (told != TOLD_NEITHER) {
		putf(&e->text, "%d年%d月%d日 %s", e->y, e->m, e->d,
		     weekdays[((e->day % 7) + 11) % 7]);
		if (!trad) {
			struct buf a = {0}, b = {0};

			name(&a);
			name(&b);
			putf(&e->text, " 责任编辑 %s %s", a.s, b.s);
			free(a.s);
			free(b.s);
		}
		if (chance(50))
			putf(&e->text, " 第%d版", e->page);
		newline(e);
	}
	newline(e);
	newline(e);
}

/* ---- files ------------------------------------------------------------- */

static char last_dir[4096];

/* mkdir -p the directory part of path. */
static void make_dirs(const char *path)
{
	char d[4096];
	char *slash;

	snprintf(d, sizeof d, "%s", path);
	if (!(slash = strrchr(d, '/')))
		return;
	*slash = 0;
	if (!strcmp(d, last_dir))
		return;
	for (char *s = d + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			if (mkdir(d, 0755) < 0 && errno != EEXIST)
				fail(d);
			*s = '/';
		}
	if (mkdir(d, 0755) < 0 && errno != EEXIST)
		fail(d);
	snprintf(last_dir, sizeof last_dir, "%s", d);
}

/* Write data to path with the modification time mtime (seconds). */
static void write_file(const char *path, const char *data, size_t n, time_t mtime)
{
	int fd;
	struct timespec ts[2];

	make_dirs(path);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail(path);
	while (n) {
		ssize_t w = write(fd, data, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			fail(path);
		}
		data += w;
		n -= (size_t)w;
	}
	if (close(fd) < 0)
		fail(path);
	ts[0].tv_sec = ts[1].tv_sec = mtime;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	if (utimensat(AT_FDCWD, path, ts, 0) < 0)
		fail(path);
}

/* Local time of a day and an hour. */
static time_t local_time(int y, int m, int d, int hour, int min)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* The set of (paper, day, page) taken. */
static uint64_t *taken;
static size_t taken_cap;

static int take(uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15u) >> 20) & (taken_cap - 1);

	for (; taken[i]; i = (i + 1) & (taken_cap - 1))
		if (taken[i] == key)
			return 0;
	taken[i] = key;
	return 1;
}

int main(int argc, char **argv)
{
	const char *dir, *truth_path = getenv("GENARCHIVE_TRUTH");
	unsigned long n;
	unsigned long long seed = 1;
	char *end;
	FILE *truth = NULL;
	const long first = days_from_civil(2015, 1, 1), ndays = days_from_civil(2025, 1, 1) - first;
	size_t ntrad = 0, ngb = 0, nbom = 0, ncrlf = 0, told_count[4] = {0, 0, 0, 0};
	unsigned long long bytes = 0;
	iconv_t to_gb = iconv_open("GB18030", "UTF-8");
	struct buf path = {0}, out = {0};

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: genarchive DIR N [SEED]\n");
		return 2;
	}
	dir = argv[1];
	errno = 0;
	n = strtoul(argv[2], &end, 10);
	if (errno || *end || !*argv[2] || n > 10000000) {
		fprintf(stderr, "genarchive: N must be a number of editions, not '%s'\n", argv[2]);
		return 2;
	}
	if (argc == 4) {
		seed = strtoull(argv[3], &end, 10);
		if (*end || !*argv[3]) {
			fprintf(stderr, "genarchive: SEED must be a number, not '%s'\n", argv[3]);
			return 2;
		}
	}
	if (to_gb == (iconv_t)-1)
		fail("iconv GB18030");
	if (truth_path && *truth_path && !(truth = fopen(truth_path, "w")))
		fail(truth_path);
	rng_state = seed * 0x2545F4914F6CDD1Du + 1;
	load_gazetteer();
	for (size_t i = 0; i < NPAPERS; i++)
		if (papers[i].province >= 0) {
			papers[i].counties = province_counties(papers[i].province, &papers[i].ncounties);
			if (!papers[i].ncounties)
				papers[i].counties = province_counties(0, &papers[i].ncounties);
		}
	for (taken_cap = 1024; taken_cap < 4 * (size_t)n; taken_cap *= 2)
		;
	taken = calloc(taken_cap, sizeof *taken);
	if (!taken)
		fail("out of memory");
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		fail(dir);

	for (unsigned long i = 0; i < n; i++) {
		struct ed e;
		enum told told;
		int r = (int)below(100);
		size_t narts;
		time_t mtime;

		memset(&e, 0, sizeof e);
		/* the traditional papers get about a fifth of the editions */
		e.p = &papers[chance(20) ? 8 + below(2) : below(8)];
		trad = e.p->province < 0;
		do {
			e.day = first + (long)below((size_t)ndays);
			e.page = 1 + (int)below((size_t)e.p->pages);
		} while (!take(((uint64_t)(e.p - papers) << 32 | (uint64_t)(e.day - first) << 8 |
				 (uint64_t)e.page) + 1));
		civil(e.day, &e.y, &e.m, &e.d);
		e.style = e.p->style;
		e.ascii = !trad && chance(20);
		told = r < 55 ? TOLD_BOTH : r < 75 ? TOLD_NAME : r < 92 ? TOLD_DATELINE : TOLD_NEITHER;
		told_count[told]++;

		path.n = 0;
		putf(&path, "%s/%s/", dir, e.p->slug);
		if (told == TOLD_NEITHER) {
			putf(&path, "inbox/%s-%06lu.txt", chance(50) ? "scan" : "page", i);
		} else {
			putf(&path, "%04d/%02d/", e.y, e.m);
			if (told == TOLD_DATELINE) {
				putf(&path, "page%d-%06lu.txt", e.page, i);
			} else {
				switch (below(4)) {
				case 0:
					putf(&path, "%s-%04d-%02d-%02d-p%02d.txt", e.p->slug, e.y, e.m, e.d,
					     e.page);
					break;
				case 1:
					putf(&path, "%04d%02d%02d-%02d-01.txt", e.y, e.m, e.d, e.page);
					break;
				case 2:
					putf(&path, "%s%d年%d月%d日第%d版.txt", e.p->title, e.y, e.m, e.d,
					     e.page);
					break;
				default:
					putf(&path, "%s_%04d_%02d_%02d_A%02d.txt", e.p->slug, e.y, e.m, e.d,
					     e.page);
					break;
				}
			}
		}
		front(&e, told);
		narts = 5 + below(12);
		for (size_t k = 0; k < narts; k++)
			article(&e);

		/* the bytes on disk: CRLF, BOM, GB18030 */
		out.n = 0;
		if (!trad && chance(5)) {
			char *in = e.text.s;
			size_t inleft = e.text.n, cap = e.text.n + 16, outleft;
			char *o;

			if (out.cap < cap)
				out.s = xrealloc(out.s, out.cap = cap);
			o = out.s;
			outleft = cap;
			iconv(to_gb, NULL, NULL, NULL, NULL);
			if (iconv(to_gb, &in, &inleft, &o, &outleft) == (size_t)-1)
				fail("iconv");
			out.n = cap - outleft;
			ngb++;
		} else {
			int crlf = chance(10), bom = chance(3);

			if (bom) {
				put(&out, "\xEF\xBB\xBF");
				nbom++;
			}
			if (crlf) {
				ncrlf++;
				for (const char *s = e.text.s, *nl; *s; s = nl + 1) {
					nl = strchr(s, '\n');
					put_n(&out, s, (size_t)(nl - s));
					put(&out, "\r\n");
				}
			} else {
				put_n(&out, e.text.s, e.text.n);
			}
		}
		ntrad += trad;
		if (told == TOLD_NEITHER) {
			mtime = local_time(e.y, e.m, e.d, 5 + (int)below(4), (int)below(60));
		} else {
			/* a crawl, years later */
			mtime = local_time(2025, 1 + (int)below(6), 1 + (int)below(28),
					   (int)below(24), (int)below(60));
		}
		write_file(path.s, out.s, out.n, mtime);
		bytes += out.n;
		if (truth) {
			const char *s = e.truth.s;

			for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1)
				fprintf(truth, "%s\t%.*s\n", path.s, (int)(nl - s), s);
		}
		free(e.text.s);
		free(e.truth.s);
	}

	/* what is no edition: skipped by the reader, counted */
	{
		char bin[4096];

		for (size_t k = 0; k < sizeof bin; k++)
			bin[k] = (char)(k % 7 == 0 ? 0 : rnd());
		path.n = 0;
		putf(&path, "%s/misc/empty.txt", dir);
		write_file(path.s, "", 0, local_time(2020, 1, 1, 0, 0));
		path.n = 0;
		putf(&path, "%s/misc/scan-0001.pdf", dir);
		write_file(path.s, bin, sizeof bin, local_time(2020, 1, 1, 0, 0));
		path.n = 0;
		putf(&path, "%s/%s/Thumbs.db", dir, papers[0].slug);
		write_file(path.s, bin, sizeof bin / 2, local_time(2020, 1, 1, 0, 0));
	}
	if (truth && fclose(truth) != 0)
		fail(truth_path);
	printf("genarchive: %lu editions in %s (%llu bytes): date in name and dateline %zu, "
	       "name only %zu, dateline only %zu, neither %zu; traditional %zu, GB18030 %zu, "
	       "BOM %zu, CRLF %zu; and 3 files that are no editions\n",
	       n, dir, bytes, told_count[0], told_count[1], told_count[2], told_count[3], ntrad,
	       ngb, nbom, ncrlf);
	iconv_close(to_gb);
	free(path.s);
	free(out.s);
	return 0;
}
